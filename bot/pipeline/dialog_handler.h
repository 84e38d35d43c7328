// DialogHandler: the product's MessageHandler. It turns a platform message
// into a dialog input, runs the engine over the person's stored session and
// hands back everything the engine decided (replies, session, profile,
// journey, actions, handoff) for the pipeline to store in one transaction.
//
// Media cannot answer a question: a photo or voice note gets a kind
// explanation and the waiting question again; reactions and platform notices
// get nothing. Thread-safe (the engine is pure; the flows and the catalog are
// read-only).
#ifndef WORKMATCH_BOT_PIPELINE_DIALOG_HANDLER_H_
#define WORKMATCH_BOT_PIPELINE_DIALOG_HANDLER_H_

#include "bot/pipeline/message_handler.h"
#include "dialogs/engine.h"

namespace workmatch {

class DialogHandler final : public MessageHandler {
 public:
  // All must outlive the handler; `taxonomy` may be null.
  DialogHandler(const FlowSet& flows, const Catalog& catalog, const TaxonomyLookup* taxonomy)
      : engine_(flows, catalog), catalog_(catalog), taxonomy_(taxonomy) {}

  HandlerOutput Handle(const InboundMessage& message, const SenderContext& context) override;

  // The periodic check of a waiting session: a reminder or expiry.
  HandlerOutput Tick(const SenderContext& context);

 private:
  DialogContext Context(const SenderContext& c) const;
  static HandlerOutput FromStep(StepResult r);

  Engine engine_;
  const Catalog& catalog_;
  const TaxonomyLookup* taxonomy_;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_PIPELINE_DIALOG_HANDLER_H_
