// The channel-neutral messages: what every adapter turns a platform delivery
// into (InboundEvent), and what the pipeline asks a channel to send
// (OutboundMessage). Platform quirks stay in webhooks/; nothing here knows one.
//
// Both round-trip through JSON: the inbox and the outbox store them that way.
#ifndef WORKMATCH_CORE_MESSAGING_MESSAGES_H_
#define WORKMATCH_CORE_MESSAGING_MESSAGES_H_

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/directory.h"
#include "core/result.h"

namespace workmatch {

// What a person sent.
enum class InboundKind {
  kText,         // text (a command is text with `command` set)
  kChoice,       // a button or list row pressed: `choice_id`
  kLocation,     // `location`
  kContact,      // a shared contact card: `contact_phone` when it is the sender's own
  kMedia,        // photo, voice, audio, video, document, sticker: `media_kind`, `media_ref`
  kReaction,     // an emoji on one of our messages: `text` is the emoji
  kUnsupported,  // the platform could not show it to us
  kSystem,       // a platform notice (number changed, ...)
};
std::string_view InboundKindName(InboundKind kind);
std::optional<InboundKind> ParseInboundKind(std::string_view name);

struct InboundMessage {
  std::string channel;              // "telegram", "whatsapp", "webchat"
  std::string sender_id;            // the person's identity on the channel
  std::string chat_id;              // where replies go
  std::string chat_type = "private";  // "private", "group", "channel"
  std::string platform_message_id;  // de-duplication key within the channel
  int64_t sent_at_ms = 0;           // the platform's time of the message
  InboundKind kind = InboundKind::kText;
  std::string text;                       // text, caption, or a command's argument
  std::optional<std::string> command;     // "start" for "/start PAYLOAD"
  std::optional<std::string> choice_id;   // callback data, button or row id, template payload
  std::optional<Coordinates> location;
  std::optional<std::string> media_kind;  // photo, voice, audio, video, document, sticker
  std::optional<std::string> media_ref;   // the platform's file or media id
  std::optional<std::string> language_hint;  // BCP 47 tag or ISO country hint ("country:DE")
  std::optional<std::string> display_name;   // untrusted, personal
  std::optional<std::string> reply_to;       // platform id of the message this answers
  std::optional<std::string> referral;       // deep-link payload or ad source
  std::optional<std::string> contact_phone;  // E.164, only the sender's own number
  std::optional<std::string> callback_id;    // Telegram: the callback query to answer
};

// The person blocked or unblocked us on a channel.
struct ReachabilityChange {
  std::string channel;
  std::string sender_id;
  bool reachable = true;
};

// A platform's receipt for a message we sent.
struct DeliveryReceipt {
  std::string channel;
  std::string platform_message_id;
  std::string status;  // "sent", "delivered", "read", "failed"
  int64_t at_ms = 0;
  std::optional<int> error_code;
  std::optional<std::string> error_title;
};

// Accepted and deliberately not processed (edited messages, unknown kinds, ...).
struct IgnoredUpdate {
  std::string reason;  // short and free of personal data: "edited_message"
};

using InboundEvent = std::variant<InboundMessage, ReachabilityChange, DeliveryReceipt, IgnoredUpdate>;

// One answer choice. `id` is what comes back when it is pressed (<= 64 bytes).
struct Choice {
  std::string id;
  std::string label;
};

struct OutboundMessage {
  std::string text;
  std::vector<Choice> choices;
  bool as_list = false;            // prefer a list over buttons
  std::string list_button;         // label of the button that opens a list
  std::string fallback_hint;       // shown under a numbered fallback ("Reply with the number...")
  bool request_location = false;   // ask the person to share their location
  std::string location_button;     // label of the "share my location" button
  std::optional<std::string> document_url;
  std::optional<std::string> document_name;
  std::optional<std::string> reply_to;  // platform id of the message answered
};

nlohmann::json ToJson(const InboundMessage& m);
Result<InboundMessage> InboundFromJson(const nlohmann::json& j);
nlohmann::json ToJson(const OutboundMessage& m);
Result<OutboundMessage> OutboundFromJson(const nlohmann::json& j);

}  // namespace workmatch

#endif  // WORKMATCH_CORE_MESSAGING_MESSAGES_H_
