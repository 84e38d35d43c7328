// OutboxDispatcher: sends what the outbox holds, within each platform's limits,
// and records what happened.
//
// - Order per chat: only the oldest unsent row of a chat is taken, and never
//   while another row of that chat is in flight.
// - Rate limits: a token bucket per channel and one per chat (ChannelPolicy).
// - Outcomes (SendResult): sent -> platform id stored; transient -> retry with
//   exponential backoff and jitter, `dead` after max_attempts; chat throttled ->
//   that chat waits; channel throttled (Telegram 429 retry_after, WhatsApp
//   130429) -> the channel pauses; unreachable -> row failed, contact blocked;
//   refused -> row failed; channel down (token, account) -> the channel pauses
//   and rows stay queued.
// - WhatsApp: a free-form message outside the 24-hour window is not sent; the
//   row fails with "outside_24h_window" (templates arrive with alerts).
// Rows in flight stay `queued` in the database: a crash resends them (a
// platform may then see a message twice; nothing is lost).
#ifndef WORKMATCH_BOT_PIPELINE_OUTBOX_DISPATCHER_H_
#define WORKMATCH_BOT_PIPELINE_OUTBOX_DISPATCHER_H_

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "bot/observe/metrics.h"
#include "bot/pipeline/rate_limiter.h"
#include "bot/storage/database.h"
#include "bot/storage/message_store.h"
#include "core/clock.h"
#include "core/messaging/sender.h"

namespace workmatch {

struct ChannelPolicy {
  double per_second = 25;      // all chats together
  double chat_per_second = 1;  // one chat, on average
  double chat_burst = 3;       // one chat, at once
};

// Defaults from PLATFORMS.md: Telegram ~30/s overall and ~1/s per chat;
// WhatsApp 80/s per number and ~1 per 6 s per person with bursts; the web chat
// is ours (generous, it only protects the browser).
std::map<std::string, ChannelPolicy> DefaultChannelPolicies();

struct DispatcherOptions {
  int max_attempts = 30;                                    // Default: 30 (~24 h of backoff)
  std::chrono::milliseconds base_backoff{1000};             // Default: 1 s
  std::chrono::milliseconds max_backoff{3600 * 1000};       // Default: 1 h
  std::chrono::milliseconds channel_down_pause{60 * 1000};  // Default: 60 s
  std::chrono::hours whatsapp_window{24};                   // Default: 24 h
  int send_threads = 8;                                     // Default: 8
  int batch = 200;                                          // rows read per pass. Default: 200
  std::map<std::string, ChannelPolicy> policies = DefaultChannelPolicies();
  uint32_t jitter_seed = std::random_device{}();
};

class OutboxDispatcher {
 public:
  OutboxDispatcher(Database& db, const Clock& clock, std::map<std::string, Sender*> senders,
                   Metrics& metrics, DispatcherOptions options = {});
  ~OutboxDispatcher();

  void Start();
  // Finishes the sends in flight and stops.
  void Stop();
  // Something new may be due: look now.
  void Notify();

  // One pass on the calling thread: sends every row that is due and allowed.
  // Returns how many rows were handled (sent, retried or finished).
  size_t RunOnce();

 private:
  struct Pick {
    OutboxRow row;
    Sender* sender = nullptr;
  };
  // Picks the rows that may go now; finishes rows that must not (unreachable,
  // window closed). Returns the picks and how many rows it finished.
  std::vector<Pick> PickDue(size_t& finished, int64_t& wake_at);
  void SendOne(const Pick& pick);
  void Record(const OutboxRow& row, const SendResult& result);
  int64_t Backoff(int attempts);
  void Loop();
  void RunSender();

  Database& db_;
  const Clock& clock_;
  std::map<std::string, Sender*> senders_;
  Metrics& metrics_;
  DispatcherOptions options_;

  std::mutex mutex_;  // guards everything below
  std::condition_variable cv_;
  bool stopping_ = false;
  bool poked_ = false;
  std::set<std::string> in_flight_chats_;
  // Rows whose outcome was recorded while a read of the outbox may have been
  // under way: that read's snapshot can still show them queued. By row id, the
  // pass counter when they finished.
  std::map<int64_t, uint64_t> recently_done_;
  uint64_t passes_ = 0;
  std::map<std::string, int64_t> paused_until_;  // by channel
  std::map<std::string, TokenBucket> channel_buckets_;
  std::map<std::string, TokenBucket> chat_buckets_;
  std::mt19937 rng_;
  std::deque<Pick> to_send_;
  std::condition_variable send_cv_;
  std::thread loop_;
  std::vector<std::thread> send_threads_;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_PIPELINE_OUTBOX_DISPATCHER_H_
