// The WhatsApp Cloud API as pure functions: OutboundMessage -> request body,
// and answer -> SendResult (PLATFORMS.md 2.3-2.6). No I/O.
#ifndef WORKMATCH_WEBHOOKS_WHATSAPP_WHATSAPP_API_H_
#define WORKMATCH_WEBHOOKS_WHATSAPP_WHATSAPP_API_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/messaging/messages.h"
#include "core/messaging/sender.h"

namespace workmatch {

// Choices become reply buttons (<= 3, titles <= 20 characters, unless
// as_list), else a list (<= 10 rows, titles <= 24, with a list_button label),
// else a numbered list in the text.
nlohmann::json RenderWhatsApp(const std::string& to, const OutboundMessage& m);

// Classifies an answer of POST /<phone-number-id>/messages (status 0: no answer).
SendResult ClassifyWhatsAppAnswer(int status, std::string_view body);

// Classifies a `failed` delivery receipt's error code the same way.
SendOutcome ClassifyWhatsAppErrorCode(int code);

}  // namespace workmatch

#endif  // WORKMATCH_WEBHOOKS_WHATSAPP_WHATSAPP_API_H_
