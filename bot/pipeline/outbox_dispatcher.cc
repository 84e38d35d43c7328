#include "bot/pipeline/outbox_dispatcher.h"

#include <fmt/format.h>

#include <cmath>

#include "bot/observe/log.h"

namespace workmatch {
namespace {

std::string ChatKey(const OutboxRow& row) { return row.channel + ":" + row.chat_id; }

std::string_view OutcomeName(SendOutcome o) {
  switch (o) {
    case SendOutcome::kSent:
      return "sent";
    case SendOutcome::kRetry:
      return "retry";
    case SendOutcome::kChatRateLimited:
      return "chat_rate_limited";
    case SendOutcome::kChannelRateLimited:
      return "channel_rate_limited";
    case SendOutcome::kUnreachable:
      return "unreachable";
    case SendOutcome::kRejected:
      return "rejected";
    case SendOutcome::kChannelDown:
      return "channel_down";
  }
  return "unknown";
}

}  // namespace

std::map<std::string, ChannelPolicy> DefaultChannelPolicies() {
  return {
      {"telegram", ChannelPolicy{25, 1, 3}},
      {"whatsapp", ChannelPolicy{70, 1.0 / 6.0, 10}},
      {"webchat", ChannelPolicy{1000, 20, 20}},
  };
}

OutboxDispatcher::OutboxDispatcher(Database& db, const Clock& clock,
                                   std::map<std::string, Sender*> senders, Metrics& metrics,
                                   DispatcherOptions options)
    : db_(db),
      clock_(clock),
      senders_(std::move(senders)),
      metrics_(metrics),
      options_(std::move(options)),
      rng_(options_.jitter_seed) {}

OutboxDispatcher::~OutboxDispatcher() { Stop(); }

void OutboxDispatcher::Start() {
  loop_ = std::thread([this] { Loop(); });
  for (int i = 0; i < std::max(1, options_.send_threads); ++i) {
    send_threads_.emplace_back([this] { RunSender(); });
  }
}

void OutboxDispatcher::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !loop_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  send_cv_.notify_all();
  if (loop_.joinable()) loop_.join();
  for (auto& t : send_threads_) t.join();
  send_threads_.clear();
}

void OutboxDispatcher::Notify() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  cv_.notify_one();
}

int64_t OutboxDispatcher::Backoff(int attempts) {
  double base = static_cast<double>(options_.base_backoff.count());
  double cap = static_cast<double>(options_.max_backoff.count());
  double delay = std::min(cap, base * std::pow(2.0, std::min(attempts, 30)));
  std::uniform_real_distribution<double> jitter(0.5, 1.5);
  return static_cast<int64_t>(delay * jitter(rng_));  // REQUIRES: mutex_ held
}

std::vector<OutboxDispatcher::Pick> OutboxDispatcher::PickDue(size_t& finished, int64_t& wake_at) {
  const int64_t now = ToUnixMillis(clock_.Now());
  // Only channels that may send now are read: a throttled backlog costs no query.
  std::vector<std::string> ready;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [channel, sender] : senders_) {
      if (!sender) continue;
      if (auto p = paused_until_.find(channel); p != paused_until_.end() && p->second > now) {
        wake_at = std::min(wake_at, p->second);
        continue;
      }
      if (auto b = channel_buckets_.find(channel); b != channel_buckets_.end()) {
        int64_t at = b->second.ReadyAt(now);
        if (at > now) {
          wake_at = std::min(wake_at, at);
          continue;
        }
      }
      ready.push_back(channel);
    }
  }
  uint64_t pass = 0;
  {
    std::lock_guard lock(mutex_);
    pass = ++passes_;
    // Rows finished before this pass began are committed: this read sees them.
    for (auto it = recently_done_.begin(); it != recently_done_.end();) {
      it = it->second < pass ? recently_done_.erase(it) : std::next(it);
    }
  }
  std::vector<OutboxRow> rows;
  Status s = db_.Read([&](SQLite::Database& conn) {
    rows = DueOutbox(conn, now, options_.batch, ready);
    if (auto next = NextOutboxDue(conn); next && *next > now) wake_at = std::min(wake_at, *next);
  });
  if (!s) {
    log::Error("outbox", "cannot read the outbox", {{"error", s.error().message}});
    return {};
  }
  std::vector<Pick> picks;
  std::vector<std::pair<int64_t, std::string>> finals;  // row id, reason
  {
    std::lock_guard lock(mutex_);
    for (OutboxRow& row : rows) {
      const std::string chat = ChatKey(row);
      if (in_flight_chats_.count(chat) || recently_done_.count(row.id)) continue;
      // Opted-out and erased people still get answers to what they write
      // ("you will get no more messages"), never anything unasked.
      if (row.contact_status == "blocked" ||
          ((row.contact_status == "opted_out" || row.contact_status == "erased") &&
           !row.is_reply)) {
        finals.emplace_back(row.id, "unreachable: contact " + row.contact_status);
        continue;
      }
      // Only channels with a sender were read (`ready`).
      auto sender = senders_.find(row.channel);
      if (row.channel == "whatsapp") {
        int64_t window =
            std::chrono::duration_cast<std::chrono::milliseconds>(options_.whatsapp_window).count();
        if (!row.last_inbound_at || now - *row.last_inbound_at > window) {
          finals.emplace_back(row.id, "outside_24h_window");
          continue;
        }
      }
      if (auto p = paused_until_.find(row.channel); p != paused_until_.end() && p->second > now) {
        wake_at = std::min(wake_at, p->second);
        continue;
      }
      const ChannelPolicy policy = options_.policies.count(row.channel)
                                       ? options_.policies.at(row.channel)
                                       : ChannelPolicy{};
      auto& channel_bucket =
          channel_buckets_.try_emplace(row.channel, policy.per_second, policy.per_second, now)
              .first->second;
      auto& chat_bucket =
          chat_buckets_.try_emplace(chat, policy.chat_per_second, policy.chat_burst, now)
              .first->second;
      if (chat_bucket.ReadyAt(now) > now) {
        wake_at = std::min(wake_at, chat_bucket.ReadyAt(now));
        continue;
      }
      if (!channel_bucket.TryTake(now)) {
        wake_at = std::min(wake_at, channel_bucket.ReadyAt(now));
        continue;
      }
      chat_bucket.TryTake(now);
      in_flight_chats_.insert(chat);
      picks.push_back(Pick{std::move(row), sender->second});
    }
    // Forget idle chats so the map does not grow with every person ever seen.
    if (chat_buckets_.size() > 10000) {
      for (auto it = chat_buckets_.begin(); it != chat_buckets_.end();) {
        it = it->second.Full(now) && !in_flight_chats_.count(it->first) ? chat_buckets_.erase(it)
                                                                        : std::next(it);
      }
    }
  }
  if (!finals.empty()) {
    Status w = db_.Write([&](SQLite::Database& conn) {
      for (const auto& [id, reason] : finals) MarkOutboxFinal(conn, id, "failed", reason, now);
    });
    if (w) finished += finals.size();
    for (const auto& f : finals)
      metrics_.Increment("workmatch_outbox_failed_total", "reason",
                         f.second.substr(0, f.second.find(':')));
  }
  return picks;
}

void OutboxDispatcher::SendOne(const Pick& pick) {
  bool paused = false;
  {
    // The channel may have been paused (429) after this row was picked.
    std::lock_guard lock(mutex_);
    auto p = paused_until_.find(pick.row.channel);
    paused = p != paused_until_.end() && p->second > ToUnixMillis(clock_.Now());
  }
  if (!paused) {
    SendResult result = pick.sender->Send(pick.row.chat_id, pick.row.message);
    Record(pick.row, result);
  }
  {
    std::lock_guard lock(mutex_);
    in_flight_chats_.erase(ChatKey(pick.row));
    recently_done_[pick.row.id] = passes_;
    poked_ = true;  // the chat's next row may go now
  }
  cv_.notify_one();
}

void OutboxDispatcher::Record(const OutboxRow& row, const SendResult& r) {
  const int64_t now = ToUnixMillis(clock_.Now());
  metrics_.Increment("workmatch_outbox_results_total", "outcome",
                     std::string(OutcomeName(r.outcome)));
  std::string error = r.error_code.empty() ? r.detail : r.error_code + " " + r.detail;
  int64_t retry_at = now;
  int attempts = row.attempts;
  bool final_state = false;
  std::string final_status;
  {
    std::lock_guard lock(mutex_);
    switch (r.outcome) {
      case SendOutcome::kSent:
        break;
      case SendOutcome::kRetry:
        attempts = row.attempts + 1;
        if (attempts >= options_.max_attempts) {
          final_state = true;
          final_status = "dead";
        } else {
          retry_at = now + (r.retry_after ? r.retry_after->count() : Backoff(row.attempts));
        }
        break;
      case SendOutcome::kChatRateLimited:
        attempts = row.attempts + 1;
        retry_at = now + std::max<int64_t>(r.retry_after ? r.retry_after->count() : 6000,
                                           Backoff(row.attempts));
        break;
      case SendOutcome::kChannelRateLimited: {
        int64_t wait = r.retry_after ? r.retry_after->count() : Backoff(row.attempts);
        std::uniform_int_distribution<int64_t> jitter(0, 250);
        retry_at = now + wait + jitter(rng_);
        paused_until_[row.channel] = std::max(paused_until_[row.channel], retry_at);
        break;
      }
      case SendOutcome::kChannelDown:
        retry_at = now + options_.channel_down_pause.count();
        paused_until_[row.channel] = retry_at;
        break;
      case SendOutcome::kUnreachable:
      case SendOutcome::kRejected:
        final_state = true;
        final_status = "failed";
        break;
    }
  }
  if (r.outcome == SendOutcome::kChannelDown) {
    log::Error("outbox", "the channel refuses us; sending paused, messages kept",
               {{"channel", row.channel}, {"error", error}});
  } else if (r.outcome == SendOutcome::kRejected) {
    log::Error("outbox", "the platform refused a message",
               {{"channel", row.channel}, {"outbox_id", row.id}, {"error", error}});
  }
  Status s = db_.Write([&](SQLite::Database& conn) {
    if (r.outcome == SendOutcome::kSent) {
      MarkOutboxSent(conn, row.id,
                     r.platform_message_ids.empty() ? "" : r.platform_message_ids.front(), now);
      return;
    }
    if (r.new_chat_id) MoveChat(conn, row.channel, row.chat_id, *r.new_chat_id);
    if (final_state) {
      MarkOutboxFinal(conn, row.id, final_status, error, now);
      if (r.outcome == SendOutcome::kUnreachable && row.contact_id) {
        MarkContactBlocked(conn, *row.contact_id, now);
      }
      return;
    }
    MarkOutboxRetry(conn, row.id, attempts, retry_at, error);
  });
  if (!s) log::Error("outbox", "cannot record a send", {{"error", s.error().message}});
  if (final_status == "dead") {
    log::Error("outbox", "gave up on a message after the last attempt",
               {{"channel", row.channel}, {"outbox_id", row.id}, {"error", error}});
  }
}

size_t OutboxDispatcher::RunOnce() {
  size_t handled = 0;
  int64_t wake_at = INT64_MAX;
  for (const Pick& pick : PickDue(handled, wake_at)) {
    SendOne(pick);
    ++handled;
  }
  return handled;
}

void OutboxDispatcher::RunSender() {
  for (;;) {
    Pick pick;
    {
      std::unique_lock lock(mutex_);
      send_cv_.wait(lock, [&] { return stopping_ || !to_send_.empty(); });
      if (to_send_.empty()) return;
      pick = std::move(to_send_.front());
      to_send_.pop_front();
    }
    SendOne(pick);
  }
}

void OutboxDispatcher::Loop() {
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      poked_ = false;
    }
    size_t finished = 0;
    int64_t wake_at = ToUnixMillis(clock_.Now()) + 1000;  // look again at least every second
    std::vector<Pick> picks = PickDue(finished, wake_at);
    {
      std::lock_guard lock(mutex_);
      for (Pick& p : picks) to_send_.push_back(std::move(p));
    }
    send_cv_.notify_all();
    std::unique_lock lock(mutex_);
    // Passes are at least 5 ms apart: a burst of new replies is read in one pass.
    cv_.wait_for(lock, std::chrono::milliseconds(5), [&] { return stopping_; });
    auto wait = std::chrono::milliseconds(
        std::clamp<int64_t>(wake_at - ToUnixMillis(clock_.Now()), 0, 1000));
    cv_.wait_for(lock, wait, [&] { return stopping_ || poked_; });
  }
}

}  // namespace workmatch
