#include "bot/pipeline/dialog_timer.h"

#include "bot/observe/log.h"
#include "bot/storage/dialog_store.h"
#include "bot/storage/message_store.h"
#include "webhooks/channel_limits.h"

namespace workmatch {

DialogTimer::DialogTimer(Database& db, DialogHandler& handler, const Clock& clock,
                         std::function<void()> on_outbox, std::chrono::milliseconds interval)
    : db_(db), handler_(handler), clock_(clock), on_outbox_(std::move(on_outbox)),
      interval_(interval) {}

DialogTimer::~DialogTimer() { Stop(); }

void DialogTimer::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      RunOnce();
      lock.lock();
      cv_.wait_for(lock, interval_, [this] { return stopping_; });
    }
  });
}

void DialogTimer::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

size_t DialogTimer::RunOnce() {
  const int64_t now = ToUnixMillis(clock_.Now());
  std::vector<DueSession> due;
  Status read = db_.Read([&](SQLite::Database& conn) {
    due = DueSessions(conn, now, Engine::kReminderAfterMs, 500);
  });
  if (!read) {
    log::Error("dialogs", "cannot read waiting sessions", {{"error", read.error().message}});
    return 0;
  }
  size_t changed = 0;
  bool queued = false;
  for (const DueSession& d : due) {
    SenderContext ctx;
    ctx.locale = d.locale;
    ctx.second_locale = d.second_locale;
    ctx.session = d.session;
    ctx.now_ms = now;
    HandlerOutput out = handler_.Tick(ctx);
    if (!out.session) continue;
    Status s = db_.Write([&](SQLite::Database& conn) {
      if (!SaveSession(conn, d.contact_id, *out.session, now, d.updated_at)) return;  // answered
      ++changed;
      if (d.contact_status != "active") return;
      for (const OutboundMessage& m : out.replies) {
        for (const OutboundMessage& part : FitToChannel(d.channel, m)) {
          EnqueueOutbox(conn, d.contact_id, d.channel, d.chat_id, std::nullopt, part, now);
          queued = true;
        }
      }
    });
    if (!s) log::Error("dialogs", "cannot store a reminder", {{"error", s.error().message}});
  }
  if (queued && on_outbox_) on_outbox_();
  if (changed) log::Info("dialogs", "reminders and expiries", {{"sessions", changed}});
  return changed;
}

}  // namespace workmatch
