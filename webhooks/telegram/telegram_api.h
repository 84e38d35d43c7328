// The Telegram Bot API as pure functions: OutboundMessage -> request, and
// answer -> SendResult (PLATFORMS.md 1.5-1.7). No I/O; telegram_sender.h sends.
#ifndef WORKMATCH_WEBHOOKS_TELEGRAM_TELEGRAM_API_H_
#define WORKMATCH_WEBHOOKS_TELEGRAM_TELEGRAM_API_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/messaging/messages.h"
#include "core/messaging/sender.h"

namespace workmatch {

struct TelegramRequest {
  std::string method;  // "sendMessage", "sendDocument"
  nlohmann::json body;
};

// Plain text (no parse_mode, so nothing needs escaping). Choices become an
// inline keyboard when every id fits callback_data (1-64 bytes) and there are
// at most 12; otherwise a numbered list in the text.
TelegramRequest RenderTelegram(const std::string& chat_id, const OutboundMessage& m);

// Classifies an answer of the Bot API (status 0: no answer).
SendResult ClassifyTelegramAnswer(int status, std::string_view body);

}  // namespace workmatch

#endif  // WORKMATCH_WEBHOOKS_TELEGRAM_TELEGRAM_API_H_
