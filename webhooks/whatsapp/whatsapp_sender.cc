#include "webhooks/whatsapp/whatsapp_sender.h"

#include "webhooks/whatsapp/whatsapp_api.h"

namespace workmatch {

Result<std::unique_ptr<WhatsAppSender>> WhatsAppSender::Create(const std::string& api_base,
                                                               const std::string& access_token,
                                                               const std::string& phone_number_id,
                                                               std::chrono::milliseconds timeout) {
  auto http = HttpClient::Create(api_base, timeout);
  if (!http) return http.error();
  return std::unique_ptr<WhatsAppSender>(
      new WhatsAppSender(std::move(http).value(), access_token, phone_number_id));
}

SendResult WhatsAppSender::Send(const std::string& chat_id, const OutboundMessage& message) {
  HttpAnswer answer =
      http_->PostJson("/" + phone_id_ + "/messages", RenderWhatsApp(chat_id, message), token_);
  SendResult result = ClassifyWhatsAppAnswer(answer.status, answer.body);
  if (answer.status == 0) result.detail = answer.network_error;
  return result;
}

void WhatsAppSender::Acknowledge(const InboundMessage& message) {
  if (message.platform_message_id.empty()) return;
  (void)http_->PostJson("/" + phone_id_ + "/messages",
                        {{"messaging_product", "whatsapp"},
                         {"status", "read"},
                         {"message_id", message.platform_message_id}},
                        token_);
}

}  // namespace workmatch
