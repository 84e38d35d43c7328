// Intake: the fast path of every webhook. Stores what a delivery carries in one
// write — new messages in the inbox (a platform's retry is recognised by its
// id and dropped), receipts on their outbox rows, blocks and unblocks on the
// contact — and hands the new messages to the InboxProcessor once committed.
// When Accept() returns ok, everything is durable: answer the platform 200.
#ifndef WORKMATCH_BOT_PIPELINE_INTAKE_H_
#define WORKMATCH_BOT_PIPELINE_INTAKE_H_

#include <vector>

#include "bot/observe/metrics.h"
#include "bot/pipeline/inbox_processor.h"
#include "bot/storage/database.h"
#include "core/clock.h"
#include "core/messaging/messages.h"
#include "core/result.h"

namespace workmatch {

struct IntakeOutcome {
  int stored = 0;      // new messages
  int duplicates = 0;  // messages seen before
  int receipts = 0;
  int reachability = 0;
  int ignored = 0;
};

class Intake {
 public:
  Intake(Database& db, InboxProcessor& processor, const Clock& clock, Metrics& metrics)
      : db_(db), processor_(processor), clock_(clock), metrics_(metrics) {}

  // Error "storage.write" / "storage.closed" when nothing could be stored:
  // answer 5xx so that the platform retries.
  Result<IntakeOutcome> Accept(const std::vector<InboundEvent>& events);

 private:
  Database& db_;
  InboxProcessor& processor_;
  const Clock& clock_;
  Metrics& metrics_;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_PIPELINE_INTAKE_H_
