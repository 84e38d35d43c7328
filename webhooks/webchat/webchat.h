// The web chat channel (PLATFORMS.md 3): our own small JSON protocol under
// /chat, and the self-contained page that speaks it.
//
//   POST /chat/sessions            -> {"session": "<token>"}
//   POST /chat/messages            {"client_message_id", "text" | "choice"} -> 202
//   GET  /chat/messages?after=<id> -> {"messages": [...], "cursor": <id>} (long poll)
// The token is sent as "Authorization: Bearer <token>"; the person is keyed by
// the token's SHA-256, so a copy of the database cannot impersonate anyone.
#ifndef WORKMATCH_WEBHOOKS_WEBCHAT_WEBCHAT_H_
#define WORKMATCH_WEBHOOKS_WEBCHAT_WEBCHAT_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/messaging/messages.h"
#include "core/messaging/sender.h"
#include "core/result.h"

namespace workmatch {

// The identity a session token stands for (its SHA-256, hex).
std::string WebchatSenderId(std::string_view session_token);

// Reads a POST /chat/messages body. Error "webchat.invalid" says what to fix.
Result<InboundMessage> ParseWebchatMessage(std::string_view body, const std::string& sender_id,
                                           int64_t now_ms);

// One outbox message as the page receives it.
nlohmann::json RenderWebchat(int64_t id, const OutboundMessage& m);

// The strings of the page in one language (from the catalog).
struct ChatPageText {
  std::string locale;
  bool rtl = false;
  std::string title, intro, input_placeholder, send, offline, error, too_fast;
};

// The page: HTML, CSS and script in one document, no external resources.
std::string RenderChatPage(const ChatPageText& text);

// The web chat has no platform to call: the browser fetches its messages from
// the outbox, so a message is "sent" as soon as the dispatcher reaches it.
class WebchatSender final : public Sender {
 public:
  SendResult Send(const std::string& chat_id, const OutboundMessage& message) override;
};

}  // namespace workmatch

#endif  // WORKMATCH_WEBHOOKS_WEBCHAT_WEBCHAT_H_
