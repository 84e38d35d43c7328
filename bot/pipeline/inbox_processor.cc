#include "bot/pipeline/inbox_processor.h"

#include <fmt/format.h>

#include "bot/observe/log.h"
#include "bot/storage/dialog_store.h"
#include "bot/storage/message_store.h"
#include "webhooks/channel_limits.h"

namespace workmatch {

InboxProcessor::InboxProcessor(Database& db, MessageHandler& handler, const Catalog& catalog,
                               const Clock& clock, std::map<std::string, Sender*> senders,
                               std::function<void()> on_outbox, InboxProcessorOptions options)
    : db_(db),
      handler_(handler),
      catalog_(catalog),
      clock_(clock),
      senders_(std::move(senders)),
      on_outbox_(std::move(on_outbox)),
      options_(options) {
  for (int i = 0; i < std::max(1, options_.lanes); ++i) lanes_.push_back(std::make_unique<Lane>());
}

InboxProcessor::~InboxProcessor() { Stop(); }

Result<size_t> InboxProcessor::Start() {
  std::vector<PendingInbox> pending;
  Status s = db_.Read([&](SQLite::Database& conn) { pending = LoadPendingInbox(conn); });
  if (!s) return s.error();
  for (auto& p : pending) Enqueue(InboxItem{p.id, std::move(p.message)});
  for (auto& lane : lanes_) {
    Lane* l = lane.get();
    l->thread = std::thread([this, l] { RunLane(*l); });
  }
  for (int i = 0; i < std::max(1, options_.ack_threads); ++i) {
    ack_threads_.emplace_back([this] { RunAcks(); });
  }
  if (!pending.empty()) {
    log::Info("pipeline", "recovered unprocessed messages", {{"count", pending.size()}});
  }
  return pending.size();
}

void InboxProcessor::Enqueue(InboxItem item) {
  const std::string key = item.message.channel + ":" + item.message.sender_id;
  Lane& lane = *lanes_[std::hash<std::string>{}(key) % lanes_.size()];
  {
    std::lock_guard lock(lane.mutex);
    lane.items.push_back(std::move(item));
  }
  ++queued_;
  lane.cv.notify_one();
}

void InboxProcessor::Stop() {
  if (stopping_.exchange(true)) return;
  for (auto& lane : lanes_) lane->cv.notify_all();
  for (auto& lane : lanes_) {
    if (lane->thread.joinable()) lane->thread.join();
  }
  ack_cv_.notify_all();
  for (auto& t : ack_threads_) t.join();
  ack_threads_.clear();
}

size_t InboxProcessor::Queued() const { return queued_.load(); }

void InboxProcessor::RunLane(Lane& lane) {
  std::vector<InboxItem> batch;
  for (;;) {
    {
      std::unique_lock lock(lane.mutex);
      lane.cv.wait(lock, [&] { return stopping_.load() || !lane.items.empty(); });
      if (lane.items.empty()) return;  // stopping and drained
      while (!lane.items.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(lane.items.front()));
        lane.items.pop_front();
      }
    }
    ProcessBatch(batch);
    queued_ -= batch.size();
    batch.clear();
  }
}

void InboxProcessor::Acknowledge(const InboundMessage& m) {
  auto it = senders_.find(m.channel);
  if (it == senders_.end() || !it->second) return;
  if (m.channel == "telegram" && !m.callback_id) return;  // only button presses need an answer
  {
    std::lock_guard lock(ack_mutex_);
    acks_.push_back(m);
  }
  ack_cv_.notify_one();
}

void InboxProcessor::RunAcks() {
  for (;;) {
    InboundMessage m;
    {
      std::unique_lock lock(ack_mutex_);
      ack_cv_.wait(lock, [&] { return stopping_.load() || !acks_.empty(); });
      if (acks_.empty()) return;
      m = std::move(acks_.front());
      acks_.pop_front();
    }
    senders_.at(m.channel)->Acknowledge(m);
  }
}

void InboxProcessor::Process(const InboxItem& item) { ProcessBatch({item}); }

std::vector<OutboundMessage> InboxProcessor::ApplyDialogOutcome(SQLite::Database& conn,
                                                                int64_t contact_id,
                                                                const std::string& locale,
                                                                const HandlerOutput& out,
                                                                int64_t now) {
  std::vector<OutboundMessage> notices;
  // Erasure first: what the person is told afterwards must survive it, and
  // no session is kept (the next message starts afresh).
  bool erased = false;
  for (const auto& [name, args] : out.actions) {
    if (name == "erase_data") {
      EraseContactData(conn, contact_id, now);
      AppendJourney(conn, contact_id, "data_erased", now);
      erased = true;
    }
  }
  if (out.session && !erased) SaveSession(conn, contact_id, *out.session, now);
  for (const std::string& field : ApplyProfile(conn, contact_id, out.profile, now)) {
    log::Warn("pipeline", "a dialog set an unknown profile field", {{"field", field}});
  }
  for (const auto& [name, args] : out.actions) {
    if (name == "opt_out" || name == "opt_in") {
      SetOptedOut(conn, contact_id, name == "opt_out", now);
      if (name == "opt_in") AppendJourney(conn, contact_id, "opted_in", now);
    } else if (name == "referral") {
      // A code, or a first message's words, one of which may be a code.
      std::vector<std::string> candidates;
      if (args.contains("code") && args["code"].is_string()) candidates.push_back(args["code"]);
      if (args.contains("text") && args["text"].is_string()) {
        std::string word;
        for (char c : args["text"].get<std::string>() + " ") {
          if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') {
            word += c;
          } else {
            if (word.size() >= 4) candidates.push_back(word);
            word.clear();
          }
        }
      }
      for (const std::string& code : candidates) {
        if (auto organization = AttachReferral(conn, contact_id, code, now)) {
          AppendJourney(conn, contact_id, "referred", now);
          OutboundMessage notice;
          notice.text = catalog_.Format(locale, "referral.attached",
                                        {{"organization", *organization}});
          notices.push_back(std::move(notice));
          break;
        }
      }
    } else if (name != "erase_data") {
      RecordAction(conn, contact_id, name, args, now);
    }
  }
  if (out.handoff && OpenHandoff(conn, contact_id, *out.handoff, now)) {
    AppendJourney(conn, contact_id, "handoff_opened", now);
  }
  return notices;
}

void InboxProcessor::ProcessBatch(const std::vector<InboxItem>& items) {
  struct Prepared {
    const InboxItem* item;
    std::optional<int64_t> contact_id;
    SenderContext ctx;
    HandlerOutput out;
    std::string status = "done";  // or "ignored", "failed"
    std::string error;
    std::string locale_after;  // the person's language once this message is handled
  };
  std::vector<Prepared> prepared;
  prepared.reserve(items.size());
  // What this batch already decided about a person (a second message of a new
  // person is not new any more).
  std::map<std::string, SenderContext> seen;
  const int64_t now = ToUnixMillis(clock_.Now());

  Status read = db_.Read([&](SQLite::Database& conn) {
    for (const InboxItem& item : items) {
      const InboundMessage& m = item.message;
      Acknowledge(m);
      Prepared p{&item, std::nullopt, {}, {}, "done", "", ""};
      if (m.chat_type != "private" && !IsCaseworkerChat(conn, m.channel, m.chat_id)) {
        // Group chats reach us only when they are a caseworker group (handoff relay).
        p.status = "ignored";
        prepared.push_back(std::move(p));
        continue;
      }
      const std::string key = m.channel + ":" + m.sender_id;
      if (auto it = seen.find(key); it != seen.end()) {
        p.ctx = it->second;
      } else {
        auto contact = FindContact(conn, m.channel, m.sender_id);
        p.ctx.is_new = !contact.has_value();
        p.ctx.locale = contact && contact->locale
                           ? *contact->locale
                           : catalog_.BestLocale(m.language_hint.value_or("en"));
        if (contact) {
          p.ctx.role = contact->role;
          p.ctx.second_locale = contact->second_locale.value_or("");
          p.contact_id = contact->id;
          p.ctx.session = LoadSession(conn, contact->id);
        }
      }
      p.ctx.now_ms = now;
      try {
        p.out = handler_.Handle(m, p.ctx);
      } catch (const std::exception& e) {
        log::Error("pipeline", "handler failed",
                   {{"inbox_id", item.inbox_id}, {"error", e.what()}});
        p.status = "failed";
        p.error = e.what();
      }
      // What this message changed is what the person's next message in the batch sees.
      SenderContext after = p.ctx;
      after.is_new = false;
      if (p.out.session) after.session = *p.out.session;
      if (p.out.profile.contains("locale") && p.out.profile["locale"].is_string()) {
        after.locale = p.out.profile["locale"];
      }
      if (p.out.profile.contains("second_locale") && p.out.profile["second_locale"].is_string()) {
        after.second_locale = p.out.profile["second_locale"];
      }
      p.locale_after = after.locale;
      seen[key] = after;
      prepared.push_back(std::move(p));
    }
  });
  if (!read) {
    log::Error("pipeline", "cannot read the senders; left pending",
               {{"items", items.size()}, {"error", read.error().message}});
    return;
  }

  bool replies = false;
  Status s = db_.Write([&](SQLite::Database& conn) {
    replies = false;
    for (const Prepared& p : prepared) {
      const InboundMessage& m = p.item->message;
      if (p.status != "done") {
        FinishInbox(conn, p.item->inbox_id, p.status, p.contact_id, now, p.error);
        continue;
      }
      const ContactRecord record = TouchContact(conn, m, p.ctx.locale, now);
      for (const std::string& step : p.out.journey_steps) AppendJourney(conn, record.id, step, now);
      std::vector<OutboundMessage> notices = ApplyDialogOutcome(conn, record.id, p.locale_after, p.out, now);
      for (const OutboundMessage& notice : notices) {
        EnqueueOutbox(conn, record.id, m.channel, m.chat_id, p.item->inbox_id, notice, now);
        replies = true;
      }
      for (const OutboundMessage& reply : p.out.replies) {
        for (const OutboundMessage& part : FitToChannel(m.channel, reply)) {
          EnqueueOutbox(conn, record.id, m.channel, m.chat_id, p.item->inbox_id, part, now);
          replies = true;
        }
      }
      FinishInbox(conn, p.item->inbox_id, "done", record.id, now);
    }
  });
  if (!s && items.size() > 1) {
    // One bad item must not hold back the others: take them one by one.
    for (const InboxItem& item : items) ProcessBatch({item});
    return;
  }
  if (!s) {
    log::Error("pipeline", "cannot store the outcome",
               {{"inbox_id", items.front().inbox_id}, {"error", s.error().message}});
    Status marked = db_.Write([&](SQLite::Database& conn) {
      FinishInbox(conn, items.front().inbox_id, "failed", std::nullopt, now, s.error().message);
    });
    if (!marked) log::Error("pipeline", "left pending", {{"inbox_id", items.front().inbox_id}});
    return;
  }
  if (replies && on_outbox_) on_outbox_();
}

}  // namespace workmatch
