// Configuration: read once at start from the environment, plus an optional
// file of KEY=VALUE lines (WORKMATCH_CONFIG or --config) that the environment
// overrides. Validated as a whole; every problem is reported at once with the
// setting, what is wrong and what would be right.
//
// | setting                    | what                                        | default |
// |----------------------------|---------------------------------------------|-------------------------|
// | WORKMATCH_DB               | SQLite database file                        | ./var/workmatch.db |
// | WORKMATCH_LISTEN           | host:port the HTTP server listens on        | 127.0.0.1:8080 | |
// WORKMATCH_ADMIN_TOKEN      | bearer token of the admin API (>= 24 chars) | (admin API off) | |
// WORKMATCH_LOG_LEVEL        | debug, info, warn, error                    | info | |
// WORKMATCH_HTTP_THREADS     | request threads (2..512)                    | 64 | |
// WORKMATCH_MAX_BODY_BYTES   | largest request body accepted               | 1048576 | |
// WORKMATCH_READ_TIMEOUT_MS  | how long a slow client may take to send     | 5000 | |
// TELEGRAM_BOT_TOKEN         | token from @BotFather                       | (Telegram off) | |
// TELEGRAM_WEBHOOK_SECRET    | secret_token of setWebhook                  | (Telegram off) | |
// TELEGRAM_API_BASE          | Bot API base URL                            |
// https://api.telegram.org | | WHATSAPP_ACCESS_TOKEN      | Cloud API access token | (WhatsApp off)
// | | WHATSAPP_PHONE_NUMBER_ID   | the sending phone number's id               | (WhatsApp off) |
// | WHATSAPP_APP_SECRET        | app secret, signs webhook deliveries        | (WhatsApp off) | |
// WHATSAPP_VERIFY_TOKEN      | token of the webhook verification request   | (WhatsApp off) | |
// WHATSAPP_API_BASE          | Graph API base URL                          |
// https://graph.facebook.com/v21.0 |
//
// A channel is on when all its credentials are set, off when none are, and a
// configuration error when only some are.
#ifndef WORKMATCH_BOT_CONFIG_CONFIG_H_
#define WORKMATCH_BOT_CONFIG_CONFIG_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace workmatch {

struct TelegramConfig {
  std::string bot_token;
  std::string webhook_secret;
  std::string api_base = "https://api.telegram.org";
  bool enabled() const { return !bot_token.empty(); }
};

struct WhatsAppConfig {
  std::string access_token;
  std::string phone_number_id;
  std::string app_secret;
  std::string verify_token;
  std::string api_base = "https://graph.facebook.com/v21.0";
  bool enabled() const { return !access_token.empty(); }
};

struct Config {
  std::string db_path = "./var/workmatch.db";
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;  // 0: any free port (tests)
  std::string admin_token;
  std::string log_level = "info";
  int http_threads = 64;
  size_t max_body_bytes = 1024 * 1024;
  int read_timeout_ms = 5000;
  TelegramConfig telegram;
  WhatsAppConfig whatsapp;
};

// One documented setting.
struct SettingInfo {
  std::string_view name;
  std::string_view description;
  std::string_view default_value;
};
std::span<const SettingInfo> Settings();

// Looks up an environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
EnvLookup ProcessEnvironment();

// Builds the configuration from `env`, with the file at `file_path` (if any)
// under it. Error code "config.invalid"; its message lists every problem, one
// per line, each naming the setting (and the file and line when it came from one).
Result<Config> LoadConfig(const EnvLookup& env, const std::optional<std::string>& file_path);

// Lines that tell an operator which channels are off and how to turn them on.
std::vector<std::string> DescribeChannels(const Config& config);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_CONFIG_CONFIG_H_
