#include "bot/pipeline/inbox_processor.h"

#include <fmt/format.h>

#include "bot/observe/log.h"
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
  for (;;) {
    InboxItem item;
    {
      std::unique_lock lock(lane.mutex);
      lane.cv.wait(lock, [&] { return stopping_.load() || !lane.items.empty(); });
      if (lane.items.empty()) return;  // stopping and drained
      item = std::move(lane.items.front());
      lane.items.pop_front();
    }
    Process(item);
    --queued_;
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

void InboxProcessor::Process(const InboxItem& item) {
  const InboundMessage& m = item.message;
  Acknowledge(m);

  std::optional<ContactRecord> contact;
  bool group_allowed = true;
  Status read = db_.Read([&](SQLite::Database& conn) {
    contact = FindContact(conn, m.channel, m.sender_id);
    if (m.chat_type != "private") group_allowed = IsCaseworkerChat(conn, m.channel, m.chat_id);
  });
  if (!read) {
    log::Error("pipeline", "cannot read the sender; left pending",
               {{"inbox_id", item.inbox_id}, {"error", read.error().message}});
    return;
  }
  const int64_t now = ToUnixMillis(clock_.Now());
  if (!group_allowed) {
    // Group chats reach us only when they are a caseworker group (handoff relay, later issue).
    Status s = db_.Write([&](SQLite::Database& conn) {
      FinishInbox(conn, item.inbox_id, "ignored", std::nullopt, now);
    });
    if (!s) log::Error("pipeline", "cannot mark ignored", {{"error", s.error().message}});
    return;
  }

  SenderContext ctx;
  ctx.is_new = !contact.has_value();
  ctx.locale = contact && contact->locale ? *contact->locale
                                          : catalog_.BestLocale(m.language_hint.value_or("en"));
  if (contact) ctx.role = contact->role;

  HandlerOutput out;
  try {
    out = handler_.Handle(m, ctx);
  } catch (const std::exception& e) {
    log::Error("pipeline", "handler failed", {{"inbox_id", item.inbox_id}, {"error", e.what()}});
    Status s = db_.Write([&](SQLite::Database& conn) {
      FinishInbox(conn, item.inbox_id, "failed",
                  contact ? std::optional(contact->id) : std::nullopt, now, e.what());
    });
    if (!s) log::Error("pipeline", "cannot mark failed", {{"error", s.error().message}});
    return;
  }

  const std::string reply_chat = m.chat_id;
  Status s = db_.Write([&](SQLite::Database& conn) {
    auto [record, created] = TouchContact(conn, m, ctx.locale, now);
    for (const std::string& step : out.journey_steps) AppendJourney(conn, record.id, step, now);
    for (const OutboundMessage& reply : out.replies) {
      for (const OutboundMessage& part : FitToChannel(m.channel, reply)) {
        EnqueueOutbox(conn, record.id, m.channel, reply_chat, item.inbox_id, part, now);
      }
    }
    FinishInbox(conn, item.inbox_id, "done", record.id, now);
  });
  if (!s) {
    log::Error("pipeline", "cannot store the outcome; left pending for the next start",
               {{"inbox_id", item.inbox_id}, {"error", s.error().message}});
    return;
  }
  if (!out.replies.empty() && on_outbox_) on_outbox_();
}

}  // namespace workmatch
