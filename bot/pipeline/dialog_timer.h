// DialogTimer: the host's clock for conversations. Every interval it finds
// sessions waiting on a question long enough for the engine's one reminder
// (24 h) or expiry (7 days), steps the engine with a timer input, and stores
// the new session with the reminder in the outbox, in one transaction.
//
// A person's answer may arrive while the timer works: the session is replaced
// only if nobody wrote it since it was read, so an answer always wins.
// Reminders are never queued for people who opted out, blocked us or were
// erased (they are proactive messages). WhatsApp only delivers free-form
// messages within 24 hours of the person's last message, so a reminder there
// is usually parked by the dispatcher as outside the window until templates
// exist (a later issue).
#ifndef WORKMATCH_BOT_PIPELINE_DIALOG_TIMER_H_
#define WORKMATCH_BOT_PIPELINE_DIALOG_TIMER_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "bot/pipeline/dialog_handler.h"
#include "bot/storage/database.h"
#include "core/clock.h"

namespace workmatch {

class DialogTimer {
 public:
  DialogTimer(Database& db, DialogHandler& handler, const Clock& clock,
              std::function<void()> on_outbox,
              std::chrono::milliseconds interval = std::chrono::seconds(60));
  ~DialogTimer();

  void Start();
  void Stop();
  // One pass (tests call it with a fake clock). Returns sessions changed.
  size_t RunOnce();

 private:
  Database& db_;
  DialogHandler& handler_;
  const Clock& clock_;
  std::function<void()> on_outbox_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_PIPELINE_DIALOG_TIMER_H_
