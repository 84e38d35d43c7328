// MessageHandler: what the pipeline asks for every accepted message.
// DialogHandler (the dialog engine) is the product's; PlaceholderHandler only
// acknowledges (benchmarks of the pipeline alone).
//
// Handle() is pure with respect to storage: it gets what the pipeline read and
// returns what to send; the pipeline writes it all in one transaction.
// Called from several lanes at once (never twice at once for one person):
// implementations are thread-safe.
#ifndef WORKMATCH_BOT_PIPELINE_MESSAGE_HANDLER_H_
#define WORKMATCH_BOT_PIPELINE_MESSAGE_HANDLER_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/messaging/messages.h"

namespace workmatch {

struct SenderContext {
  bool is_new = false;        // first message from this identity
  std::string locale = "en";  // the contact's language, or the best guess from hints
  std::string second_locale;  // shown under each message; "" for none
  std::string role = "newcomer";
  nlohmann::json session;     // the stored dialog session; null when none
  int64_t now_ms = 0;
};

struct HandlerOutput {
  std::vector<OutboundMessage> replies;
  std::vector<std::string> journey_steps;  // e.g. "first_contact"
  std::optional<nlohmann::json> session;   // the new dialog session, to store
  nlohmann::json profile = nlohmann::json::object();  // profile fields to change
  std::vector<std::pair<std::string, nlohmann::json>> actions;  // (name, args) for the host
  std::optional<std::string> handoff;      // a person is needed: the reason
};

class MessageHandler {
 public:
  virtual ~MessageHandler() = default;
  virtual HandlerOutput Handle(const InboundMessage& message, const SenderContext& context) = 0;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_PIPELINE_MESSAGE_HANDLER_H_
