// `workmatch telegram set-webhook URL`.
#include <iostream>

#include "bot/cli/commands.h"
#include "webhooks/telegram/telegram_sender.h"

namespace workmatch {

int RunTelegramSetWebhook(const Config& config, const std::string& url) {
  if (!config.telegram.enabled()) {
    std::cerr << "workmatch telegram set-webhook: Telegram is off; set TELEGRAM_BOT_TOKEN and "
                 "TELEGRAM_WEBHOOK_SECRET first.\n";
    return 1;
  }
  if (url.rfind("https://", 0) != 0) {
    std::cerr << "workmatch telegram set-webhook: Telegram only calls https:// addresses (on "
                 "port 443, 80, 88 or 8443); give the public URL of /webhooks/telegram.\n";
    return 2;
  }
  auto sender = TelegramSender::Create(config.telegram.api_base, config.telegram.bot_token,
                                       std::chrono::seconds(20));
  if (!sender) {
    std::cerr << "workmatch telegram set-webhook: " << sender.error().message << "\n";
    return 1;
  }
  auto answer = (*sender)->SetWebhook(url, config.telegram.webhook_secret);
  if (!answer) {
    std::cerr << "workmatch telegram set-webhook: " << answer.error().message << "\n";
    return 1;
  }
  std::cout << "Telegram: " << *answer << ". Updates for the bot now go to " << url << "\n";
  return 0;
}

}  // namespace workmatch
