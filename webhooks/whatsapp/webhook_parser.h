// WhatsApp Cloud API webhook deliveries -> InboundEvents.
//
// One POST may batch several entries, changes, people, messages and statuses:
// every one becomes an event. Changes whose field is not "messages" (account,
// template, quality notices) are ignored. The signature is checked before this
// runs (signature.h); this only reads JSON. A body that is not a WhatsApp
// delivery at all is an error (400).
#ifndef WORKMATCH_WEBHOOKS_WHATSAPP_WEBHOOK_PARSER_H_
#define WORKMATCH_WEBHOOKS_WHATSAPP_WEBHOOK_PARSER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/messaging/messages.h"
#include "core/result.h"

namespace workmatch {

// Error "whatsapp.malformed" with what is wrong (never the content).
Result<std::vector<InboundEvent>> ParseWhatsAppWebhook(std::string_view body);

// A first guess at a person's language from their number's country calling
// code ("963..." Syria -> "ar"); nullopt when the country says little.
std::optional<std::string> LanguageFromPhone(std::string_view wa_id);

}  // namespace workmatch

#endif  // WORKMATCH_WEBHOOKS_WHATSAPP_WEBHOOK_PARSER_H_
