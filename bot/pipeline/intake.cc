#include "bot/pipeline/intake.h"

#include "bot/observe/log.h"
#include "bot/storage/message_store.h"

namespace workmatch {

Result<IntakeOutcome> Intake::Accept(const std::vector<InboundEvent>& events) {
  IntakeOutcome outcome;
  std::vector<InboxItem> fresh;
  const int64_t now = ToUnixMillis(clock_.Now());
  Status s = db_.WriteThen(
      [&](SQLite::Database& conn) {
        outcome = IntakeOutcome{};
        fresh.clear();
        for (const InboundEvent& event : events) {
          if (const auto* m = std::get_if<InboundMessage>(&event)) {
            if (auto id = InsertInbox(conn, *m, now)) {
              fresh.push_back(InboxItem{*id, *m});
              ++outcome.stored;
            } else {
              ++outcome.duplicates;
            }
          } else if (const auto* r = std::get_if<DeliveryReceipt>(&event)) {
            ApplyReceipt(conn, *r, now);
            ++outcome.receipts;
          } else if (const auto* c = std::get_if<ReachabilityChange>(&event)) {
            SetReachable(conn, c->channel, c->sender_id, c->reachable, now);
            ++outcome.reachability;
          } else {
            ++outcome.ignored;
          }
        }
      },
      [&] {
        for (InboxItem& item : fresh) processor_.Enqueue(std::move(item));
      });
  if (!s) {
    log::Error("intake", "cannot store a delivery", {{"error", s.error().message}});
    return s.error();
  }
  for (const InboundEvent& event : events) {
    if (const auto* ig = std::get_if<IgnoredUpdate>(&event)) {
      log::Debug("intake", "ignored update", {{"reason", ig->reason}});
    }
  }
  if (outcome.stored) metrics_.Increment("workmatch_inbox_accepted_total", "", "", outcome.stored);
  if (outcome.duplicates) {
    metrics_.Increment("workmatch_inbox_duplicates_total", "", "", outcome.duplicates);
  }
  return outcome;
}

}  // namespace workmatch
