// MessageHandler: what the pipeline asks for every accepted message. The dialog
// engine (issue 5) plugs in here; until then PlaceholderHandler answers.
//
// Handle() is pure with respect to storage: it gets what the pipeline read and
// returns what to send; the pipeline writes it all in one transaction.
// Called from several lanes at once (never twice at once for one person):
// implementations are thread-safe.
#ifndef WORKMATCH_BOT_PIPELINE_MESSAGE_HANDLER_H_
#define WORKMATCH_BOT_PIPELINE_MESSAGE_HANDLER_H_

#include <string>
#include <vector>

#include "core/messaging/messages.h"

namespace workmatch {

struct SenderContext {
  bool is_new = false;        // first message from this identity
  std::string locale = "en";  // the contact's language, or the best guess from hints
  std::string role = "newcomer";
};

struct HandlerOutput {
  std::vector<OutboundMessage> replies;
  std::vector<std::string> journey_steps;  // e.g. "first_contact"
};

class MessageHandler {
 public:
  virtual ~MessageHandler() = default;
  virtual HandlerOutput Handle(const InboundMessage& message, const SenderContext& context) = 0;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_PIPELINE_MESSAGE_HANDLER_H_
