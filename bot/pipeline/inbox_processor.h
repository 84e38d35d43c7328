// InboxProcessor: runs every accepted message through the MessageHandler,
// exactly once, in order per person, different people in parallel.
//
// Each person (channel + sender) maps to one of `lanes` worker threads, which
// takes its items in inbox order. Processing an item is: read the contact,
// call the handler, then write the contact, the replies (outbox) and the inbox
// row's new status in one transaction. A lane takes every item waiting for it
// (up to max_batch) and commits them together, so that a backlog drains at
// batch speed instead of one commit per message. A crash before that write
// leaves the row pending; Start() picks up every pending row, so nothing
// accepted is lost and nothing is processed twice.
//
// Platform acknowledgements (Telegram callback answers, WhatsApp read marks)
// go through a separate small queue so a slow platform never holds a lane.
#ifndef WORKMATCH_BOT_PIPELINE_INBOX_PROCESSOR_H_
#define WORKMATCH_BOT_PIPELINE_INBOX_PROCESSOR_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "bot/pipeline/message_handler.h"
#include "bot/storage/database.h"
#include "core/clock.h"
#include "core/messaging/sender.h"
#include "core/text/catalog.h"

namespace workmatch {

struct InboxItem {
  int64_t inbox_id = 0;
  InboundMessage message;
};

struct InboxProcessorOptions {
  int lanes = 8;          // parallel people. Default: 8
  int ack_threads = 2;    // acknowledgement workers. Default: 2
  size_t max_batch = 64;  // items a lane commits together. Default: 64
};

class InboxProcessor {
 public:
  // `senders` by channel (used for Acknowledge only); `on_outbox` is called
  // after replies were queued (wakes the dispatcher and web chat pollers).
  InboxProcessor(Database& db, MessageHandler& handler, const Catalog& catalog, const Clock& clock,
                 std::map<std::string, Sender*> senders, std::function<void()> on_outbox,
                 InboxProcessorOptions options = {});
  ~InboxProcessor();

  // Queues every pending inbox row (start-up recovery), then starts the lanes.
  // Returns how many rows were recovered.
  Result<size_t> Start();
  // Hands over a committed inbox row. Thread-safe; call in inbox id order
  // (Database::WriteThen does).
  void Enqueue(InboxItem item);
  // Processes what is queued, then stops the lanes.
  void Stop();
  // Items queued and not yet processed (a gauge).
  size_t Queued() const;

  // Processes one item on the calling thread (tests drive it step by step).
  void Process(const InboxItem& item);
  // Processes items (in order) with one write for all of them.
  void ProcessBatch(const std::vector<InboxItem>& items);

 private:
  struct Lane {
    std::mutex mutex;
    std::condition_variable cv;
    std::deque<InboxItem> items;
    std::thread thread;
  };
  void RunLane(Lane& lane);
  // Stores what a dialog decided besides its replies (session, profile,
  // actions, handoff, referral, opt-out, erasure) and returns notices to send
  // before the replies (a referral's welcome).
  std::vector<OutboundMessage> ApplyDialogOutcome(SQLite::Database& conn, int64_t contact_id,
                                                  const std::string& locale,
                                                  const HandlerOutput& out, int64_t now);
  void Acknowledge(const InboundMessage& m);
  void RunAcks();

  Database& db_;
  MessageHandler& handler_;
  const Catalog& catalog_;
  const Clock& clock_;
  std::map<std::string, Sender*> senders_;
  std::function<void()> on_outbox_;
  InboxProcessorOptions options_;

  std::vector<std::unique_ptr<Lane>> lanes_;
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> queued_{0};

  std::mutex ack_mutex_;
  std::condition_variable ack_cv_;
  std::deque<InboundMessage> acks_;
  std::vector<std::thread> ack_threads_;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_PIPELINE_INBOX_PROCESSOR_H_
