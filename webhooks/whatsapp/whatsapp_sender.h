// WhatsAppSender: the Cloud API over HTTPS (WHATSAPP_API_BASE), implementing
// core's Sender. Acknowledge() marks the person's message as read.
#ifndef WORKMATCH_WEBHOOKS_WHATSAPP_WHATSAPP_SENDER_H_
#define WORKMATCH_WEBHOOKS_WHATSAPP_WHATSAPP_SENDER_H_

#include <chrono>
#include <memory>
#include <string>

#include "core/messaging/sender.h"
#include "core/result.h"
#include "webhooks/http_client.h"

namespace workmatch {

class WhatsAppSender final : public Sender {
 public:
  static Result<std::unique_ptr<WhatsAppSender>> Create(const std::string& api_base,
                                                        const std::string& access_token,
                                                        const std::string& phone_number_id,
                                                        std::chrono::milliseconds timeout);

  SendResult Send(const std::string& chat_id, const OutboundMessage& message) override;
  void Acknowledge(const InboundMessage& message) override;

 private:
  WhatsAppSender(std::unique_ptr<HttpClient> http, std::string token, std::string phone_id)
      : http_(std::move(http)), token_(std::move(token)), phone_id_(std::move(phone_id)) {}

  std::unique_ptr<HttpClient> http_;
  const std::string token_;
  const std::string phone_id_;
};

}  // namespace workmatch

#endif  // WORKMATCH_WEBHOOKS_WHATSAPP_WHATSAPP_SENDER_H_
