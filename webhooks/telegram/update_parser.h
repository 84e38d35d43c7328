// Telegram Bot API webhook deliveries (one Update per POST) -> InboundEvents.
//
// An Update carries update_id and at most one other field: message,
// edited_message, callback_query, my_chat_member, channel_post, ... Kinds we do
// not use are IgnoredUpdates, never errors (an error makes Telegram retry
// forever). Only a body that is not an Update at all is an error (400).
#ifndef WORKMATCH_WEBHOOKS_TELEGRAM_UPDATE_PARSER_H_
#define WORKMATCH_WEBHOOKS_TELEGRAM_UPDATE_PARSER_H_

#include <string_view>
#include <vector>

#include "core/messaging/messages.h"
#include "core/result.h"

namespace workmatch {

// Error "telegram.malformed" with what is wrong (never the content).
Result<std::vector<InboundEvent>> ParseTelegramUpdate(std::string_view body);

}  // namespace workmatch

#endif  // WORKMATCH_WEBHOOKS_TELEGRAM_UPDATE_PARSER_H_
