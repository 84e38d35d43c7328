#include "webhooks/telegram/telegram_sender.h"

#include <fmt/format.h>

#include "webhooks/telegram/telegram_api.h"

namespace workmatch {

Result<std::unique_ptr<TelegramSender>> TelegramSender::Create(const std::string& api_base,
                                                               const std::string& bot_token,
                                                               std::chrono::milliseconds timeout) {
  auto http = HttpClient::Create(api_base, timeout);
  if (!http) return http.error();
  return std::unique_ptr<TelegramSender>(new TelegramSender(std::move(http).value(), bot_token));
}

HttpAnswer TelegramSender::Call(const std::string& method, const nlohmann::json& body) {
  return http_->PostJson("/bot" + token_ + "/" + method, body);
}

SendResult TelegramSender::Send(const std::string& chat_id, const OutboundMessage& message) {
  TelegramRequest request = RenderTelegram(chat_id, message);
  HttpAnswer answer = Call(request.method, request.body);
  SendResult result = ClassifyTelegramAnswer(answer.status, answer.body);
  if (answer.status == 0) result.detail = answer.network_error;
  return result;
}

void TelegramSender::Acknowledge(const InboundMessage& message) {
  if (!message.callback_id) return;
  (void)Call("answerCallbackQuery", {{"callback_query_id", *message.callback_id}});
}

Result<std::string> TelegramSender::SetWebhook(const std::string& url, const std::string& secret) {
  nlohmann::json body = {
      {"url", url},
      {"secret_token", secret},
      {"allowed_updates", {"message", "edited_message", "callback_query", "my_chat_member"}},
      {"max_connections", 40}};
  HttpAnswer answer = Call("setWebhook", body);
  if (answer.status == 0) {
    return Error{"telegram.set_webhook",
                 fmt::format("Telegram did not answer ({}); check TELEGRAM_API_BASE and the "
                             "network",
                             answer.network_error)};
  }
  auto j = nlohmann::json::parse(answer.body, nullptr, false);
  std::string description = j.is_object() ? j.value("description", "") : "";
  if (answer.status != 200 || !j.is_object() || !j.value("ok", false)) {
    return Error{"telegram.set_webhook",
                 fmt::format("Telegram refused the webhook (HTTP {}): {}", answer.status,
                             description.empty() ? answer.body.substr(0, 200) : description)};
  }
  return description.empty() ? std::string("Webhook was set") : description;
}

}  // namespace workmatch
