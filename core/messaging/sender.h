// Sender: how the outbox dispatcher hands one message to a channel. Each
// channel adapter in webhooks/ implements it; tests use real fake servers.
//
// A Sender classifies every platform answer into a SendResult, so that the
// dispatcher decides retries, pauses and dead letters without knowing any
// platform's error codes. Implementations are thread-safe.
#ifndef WORKMATCH_CORE_MESSAGING_SENDER_H_
#define WORKMATCH_CORE_MESSAGING_SENDER_H_

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/messaging/messages.h"

namespace workmatch {

enum class SendOutcome {
  kSent,           // the platform took it: `platform_message_ids`
  kRetry,          // transient (5xx, network): retry this message with backoff
  kChatRateLimited,     // this chat is sent to too often: retry it after `retry_after`
  kChannelRateLimited,  // the whole channel must slow down: pause it for `retry_after`
  kUnreachable,    // the person blocked us or the chat is gone: never retry, mark them
  kRejected,       // the platform refused this message (our bug, window closed): no retry
  kChannelDown,    // credentials or account problem: stop the channel, keep the queue
};

struct SendResult {
  SendOutcome outcome = SendOutcome::kRetry;
  std::vector<std::string> platform_message_ids;
  std::optional<std::chrono::milliseconds> retry_after;
  std::string error_code;  // the platform's code ("403", "131047"), for logs and rows
  std::string detail;      // the platform's description, no personal data
  std::optional<std::string> new_chat_id;  // Telegram migrate_to_chat_id
};

class Sender {
 public:
  virtual ~Sender() = default;
  // Sends `message` to `chat_id`. Never throws.
  virtual SendResult Send(const std::string& chat_id, const OutboundMessage& message) = 0;
  // Tells the platform we took an input (Telegram: answer the callback query so
  // the button stops spinning; WhatsApp: mark as read). Best effort; never throws.
  virtual void Acknowledge(const InboundMessage& message) { (void)message; }
};

}  // namespace workmatch

#endif  // WORKMATCH_CORE_MESSAGING_SENDER_H_
