// PlaceholderHandler: answers every message politely in the person's language
// until the dialog engine replaces it: text and buttons get a holding reply,
// media an explanation that a person can look at it, a location a thank-you.
#ifndef WORKMATCH_BOT_PIPELINE_PLACEHOLDER_HANDLER_H_
#define WORKMATCH_BOT_PIPELINE_PLACEHOLDER_HANDLER_H_

#include "bot/pipeline/message_handler.h"
#include "core/text/catalog.h"

namespace workmatch {

class PlaceholderHandler final : public MessageHandler {
 public:
  explicit PlaceholderHandler(const Catalog& catalog) : catalog_(catalog) {}
  HandlerOutput Handle(const InboundMessage& message, const SenderContext& context) override;

 private:
  const Catalog& catalog_;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_PIPELINE_PLACEHOLDER_HANDLER_H_
