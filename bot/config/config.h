// Configuration: read once at start from the environment, plus an optional
// file of KEY=VALUE lines (WORKMATCH_CONFIG or --config) that the environment
// overrides. Validated as a whole; every problem is reported at once with the
// setting, what is wrong and what would be right.
//
// The settings, their meaning and defaults are listed once, in Settings()
// (config.cc); `workmatch serve --help` prints them. The names of PRODUCT.md's
// interface contract are kept: WORKMATCH_DB, WORKMATCH_LISTEN,
// WORKMATCH_ADMIN_TOKEN, TELEGRAM_*, WHATSAPP_*.
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
  double send_rate = 25;      // messages/s to all chats (Telegram allows ~30)
  double chat_send_rate = 1;  // messages/s to one chat (Telegram allows ~1)
  bool enabled() const { return !bot_token.empty(); }
};

struct WhatsAppConfig {
  std::string access_token;
  std::string phone_number_id;
  std::string app_secret;
  std::string verify_token;
  std::string api_base = "https://graph.facebook.com/v21.0";
  double send_rate = 70;         // messages/s from the number (Meta allows 80)
  double chat_send_rate = 0.17;  // messages/s to one person (Meta: ~1 per 6 s)
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
  int read_timeout_ms = 2000;
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
