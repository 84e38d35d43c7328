// TelegramSender: the Bot API over HTTPS (TELEGRAM_API_BASE), implementing
// core's Sender, plus the setWebhook call of `workmatch telegram set-webhook`.
#ifndef WORKMATCH_WEBHOOKS_TELEGRAM_TELEGRAM_SENDER_H_
#define WORKMATCH_WEBHOOKS_TELEGRAM_TELEGRAM_SENDER_H_

#include <chrono>
#include <memory>
#include <string>

#include "core/messaging/sender.h"
#include "core/result.h"
#include "webhooks/http_client.h"

namespace workmatch {

class TelegramSender final : public Sender {
 public:
  // Error "http.base_url" when `api_base` cannot be used.
  static Result<std::unique_ptr<TelegramSender>> Create(const std::string& api_base,
                                                        const std::string& bot_token,
                                                        std::chrono::milliseconds timeout);

  SendResult Send(const std::string& chat_id, const OutboundMessage& message) override;
  // Answers the callback query of a pressed button (no text), so the client
  // stops its spinner. A "query is too old" refusal is ignored.
  void Acknowledge(const InboundMessage& message) override;

  // Registers `url` as the webhook with `secret` and the update kinds we use.
  // Returns Telegram's description; error "telegram.set_webhook" otherwise.
  Result<std::string> SetWebhook(const std::string& url, const std::string& secret);

 private:
  TelegramSender(std::unique_ptr<HttpClient> http, std::string token)
      : http_(std::move(http)), token_(std::move(token)) {}
  HttpAnswer Call(const std::string& method, const nlohmann::json& body);

  std::unique_ptr<HttpClient> http_;
  const std::string token_;
};

}  // namespace workmatch

#endif  // WORKMATCH_WEBHOOKS_TELEGRAM_TELEGRAM_SENDER_H_
