#include "bot/config/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <map>

#include "bot/observe/log.h"

namespace workmatch {
namespace {

constexpr std::array<SettingInfo, 19> kSettings = {{
    {"WORKMATCH_DB", "SQLite database file", "./var/workmatch.db"},
    {"WORKMATCH_LISTEN", "host:port the HTTP server listens on", "127.0.0.1:8080"},
    {"WORKMATCH_ADMIN_TOKEN", "bearer token of the admin API, at least 24 characters",
     "(admin API off)"},
    {"WORKMATCH_LOG_LEVEL", "debug, info, warn or error", "info"},
    {"WORKMATCH_HTTP_THREADS", "request threads, 2 to 512", "64"},
    {"WORKMATCH_MAX_BODY_BYTES", "largest request body accepted, in bytes", "1048576"},
    {"WORKMATCH_READ_TIMEOUT_MS",
     "how long a client may take to send a request or stay idle on a kept-alive connection, in ms",
     "2000"},
    {"TELEGRAM_BOT_TOKEN", "bot token from @BotFather", "(Telegram off)"},
    {"TELEGRAM_WEBHOOK_SECRET", "secret_token given to setWebhook, 1-256 of A-Z a-z 0-9 _ -",
     "(Telegram off)"},
    {"TELEGRAM_API_BASE", "Bot API base URL", "https://api.telegram.org"},
    {"TELEGRAM_SEND_RATE", "messages per second to all chats together", "25"},
    {"TELEGRAM_CHAT_SEND_RATE", "messages per second to one chat, on average", "1"},
    {"WHATSAPP_ACCESS_TOKEN", "Cloud API access token", "(WhatsApp off)"},
    {"WHATSAPP_PHONE_NUMBER_ID", "id of the business phone number that sends", "(WhatsApp off)"},
    {"WHATSAPP_APP_SECRET", "app secret that signs webhook deliveries", "(WhatsApp off)"},
    {"WHATSAPP_VERIFY_TOKEN", "token Meta sends when verifying the webhook", "(WhatsApp off)"},
    {"WHATSAPP_API_BASE", "Graph API base URL", "https://graph.facebook.com/v21.0"},
    {"WHATSAPP_SEND_RATE", "messages per second from the business number", "70"},
    {"WHATSAPP_CHAT_SEND_RATE", "messages per second to one person, on average", "0.17"},
}};

struct Source {
  std::string value;
  std::string origin;  // "environment" or "file F line N"
};

class Problems {
 public:
  void Add(std::string_view setting, const Source& src, std::string_view what,
           std::string_view expected) {
    lines_.push_back(fmt::format("{} ({}): {}; {}", setting, src.origin, what, expected));
  }
  void Add(std::string line) { lines_.push_back(std::move(line)); }
  bool empty() const { return lines_.empty(); }
  std::string Joined() const { return fmt::format("{}", fmt::join(lines_, "\n")); }

 private:
  std::vector<std::string> lines_;
};

std::optional<long long> ParseInt(std::string_view s) {
  long long v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

bool IsHttpUrl(std::string_view s) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (s.substr(0, scheme.size()) == scheme && s.size() > scheme.size() &&
        s.find(' ') == std::string_view::npos) {
      return true;
    }
  }
  return false;
}

std::string TrimRight(std::string s, char c) {
  while (!s.empty() && s.back() == c) s.pop_back();
  return s;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

// Reads KEY=VALUE lines; '#' starts a comment line; values may be quoted.
Status ReadFile(const std::string& path, std::map<std::string, Source>& out, Problems& problems) {
  std::ifstream in(path);
  if (!in) {
    return Error{"config.invalid",
                 fmt::format("config file {}: cannot be read; check the path given with --config "
                             "or WORKMATCH_CONFIG",
                             path)};
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    if (t.rfind("export ", 0) == 0) t = Trim(t.substr(7));
    size_t eq = t.find('=');
    if (eq == std::string::npos) {
      problems.Add(fmt::format("{} line {}: expected KEY=VALUE", path, number));
      continue;
    }
    std::string key = Trim(t.substr(0, eq));
    std::string value = Trim(t.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    bool known = std::any_of(kSettings.begin(), kSettings.end(),
                             [&](const SettingInfo& s) { return s.name == key; });
    if (!known) {
      problems.Add(
          fmt::format("{} line {}: {} is not a WorkMatch setting; see `workmatch serve "
                      "--help` for the list",
                      path, number, key));
      continue;
    }
    out[key] = Source{value, fmt::format("file {} line {}", path, number)};
  }
  return Status::Ok();
}

void ApplyListen(const Source& src, Config& c, Problems& p) {
  const std::string& v = src.value;
  size_t colon = v.rfind(':');
  const char* expected = "expected host:port such as 127.0.0.1:8080 or 0.0.0.0:8080";
  if (colon == std::string::npos || colon == 0) {
    p.Add("WORKMATCH_LISTEN", src, fmt::format("\"{}\" is not host:port", v), expected);
    return;
  }
  auto port = ParseInt(std::string_view(v).substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) {
    p.Add("WORKMATCH_LISTEN", src, fmt::format("port in \"{}\" is not 0-65535", v), expected);
    return;
  }
  std::string host = v.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  c.listen_host = host;
  c.listen_port = static_cast<int>(*port);
}

void ApplyRate(const char* name, const Source& src, Problems& p, double& out) {
  char* end = nullptr;
  double v = std::strtod(src.value.c_str(), &end);
  if (src.value.empty() || end != src.value.c_str() + src.value.size() || !(v > 0) || v > 10000) {
    p.Add(name, src, fmt::format("\"{}\" is not a rate above 0", src.value),
          "set messages per second, e.g. 25 or 0.5");
    return;
  }
  out = v;
}

void ApplyInt(const char* name, const Source& src, long long lo, long long hi, Problems& p,
              const std::function<void(long long)>& set) {
  auto v = ParseInt(src.value);
  if (!v || *v < lo || *v > hi) {
    p.Add(name, src, fmt::format("\"{}\" is not a whole number from {} to {}", src.value, lo, hi),
          fmt::format("set a number such as {}", lo));
    return;
  }
  set(*v);
}

bool IsTelegramSecret(std::string_view s) {
  return !s.empty() && s.size() <= 256 && std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '-';
  });
}

// A bot token is "<bot id>:<secret>", the id digits only.
bool IsTelegramToken(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= s.size()) return false;
  return std::all_of(s.begin(), s.begin() + static_cast<long>(colon),
                     [](char ch) { return ch >= '0' && ch <= '9'; });
}

// All or nothing: names the missing ones when only some are set.
void CheckAllOrNone(std::string_view channel, const std::map<std::string, Source>& given,
                    std::initializer_list<const char*> names, Problems& p) {
  std::vector<std::string> set, missing;
  for (const char* n : names)
    (given.count(n) && !given.at(n).value.empty() ? set : missing).push_back(n);
  if (!set.empty() && !missing.empty()) {
    p.Add(
        fmt::format("{}: {} set but {} missing; set all of them to turn {} on, or none to leave "
                    "it off",
                    channel, fmt::join(set, ", "), fmt::join(missing, ", "), channel));
  }
}

}  // namespace

std::span<const SettingInfo> Settings() { return kSettings; }

EnvLookup ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

Result<Config> LoadConfig(const EnvLookup& env, const std::optional<std::string>& file_path) {
  Problems problems;
  std::map<std::string, Source> given;
  if (file_path && !file_path->empty()) {
    if (Status s = ReadFile(*file_path, given, problems); !s) return s.error();
  }
  for (const SettingInfo& s : kSettings) {
    std::string name(s.name);
    if (auto v = env(name)) given[name] = Source{*v, "environment"};
  }

  Config c;
  auto get = [&](const char* name) -> const Source* {
    auto it = given.find(name);
    return it == given.end() ? nullptr : &it->second;
  };
  if (auto* s = get("WORKMATCH_DB")) {
    if (s->value.empty()) {
      problems.Add("WORKMATCH_DB", *s, "is empty", "set a file path such as ./var/workmatch.db");
    } else {
      c.db_path = s->value;
    }
  }
  if (auto* s = get("WORKMATCH_LISTEN")) ApplyListen(*s, c, problems);
  if (auto* s = get("WORKMATCH_ADMIN_TOKEN"); s && !s->value.empty()) {
    if (s->value.size() < 24) {
      problems.Add("WORKMATCH_ADMIN_TOKEN", *s, "is shorter than 24 characters",
                   "use a random token, e.g. `openssl rand -hex 32`");
    } else {
      c.admin_token = s->value;
    }
  }
  if (auto* s = get("WORKMATCH_LOG_LEVEL")) {
    if (!log::ParseLevel(s->value)) {
      problems.Add("WORKMATCH_LOG_LEVEL", *s, fmt::format("\"{}\" is not a level", s->value),
                   "use debug, info, warn or error");
    } else {
      c.log_level = s->value;
    }
  }
  if (auto* s = get("WORKMATCH_HTTP_THREADS")) {
    ApplyInt("WORKMATCH_HTTP_THREADS", *s, 2, 512, problems,
             [&](long long v) { c.http_threads = static_cast<int>(v); });
  }
  if (auto* s = get("WORKMATCH_MAX_BODY_BYTES")) {
    ApplyInt("WORKMATCH_MAX_BODY_BYTES", *s, 1024, 64ll * 1024 * 1024, problems,
             [&](long long v) { c.max_body_bytes = static_cast<size_t>(v); });
  }
  if (auto* s = get("WORKMATCH_READ_TIMEOUT_MS")) {
    ApplyInt("WORKMATCH_READ_TIMEOUT_MS", *s, 100, 60000, problems,
             [&](long long v) { c.read_timeout_ms = static_cast<int>(v); });
  }

  CheckAllOrNone("Telegram", given, {"TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET"}, problems);
  if (auto* s = get("TELEGRAM_BOT_TOKEN"); s && !s->value.empty()) {
    if (!IsTelegramToken(s->value)) {
      problems.Add("TELEGRAM_BOT_TOKEN", *s, "does not look like a bot token",
                   "copy it from @BotFather; it looks like 123456789:AAE...");
    } else {
      c.telegram.bot_token = s->value;
    }
  }
  if (auto* s = get("TELEGRAM_WEBHOOK_SECRET"); s && !s->value.empty()) {
    if (!IsTelegramSecret(s->value)) {
      problems.Add("TELEGRAM_WEBHOOK_SECRET", *s, "has characters Telegram does not allow",
                   "use 1-256 of A-Z a-z 0-9 _ -, e.g. `openssl rand -hex 32`");
    } else {
      c.telegram.webhook_secret = s->value;
    }
  }
  CheckAllOrNone("WhatsApp", given,
                 {"WHATSAPP_ACCESS_TOKEN", "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_APP_SECRET",
                  "WHATSAPP_VERIFY_TOKEN"},
                 problems);
  if (auto* s = get("WHATSAPP_ACCESS_TOKEN")) c.whatsapp.access_token = s->value;
  if (auto* s = get("WHATSAPP_PHONE_NUMBER_ID"); s && !s->value.empty()) {
    if (!std::all_of(s->value.begin(), s->value.end(),
                     [](char ch) { return ch >= '0' && ch <= '9'; })) {
      problems.Add("WHATSAPP_PHONE_NUMBER_ID", *s, "is not a number",
                   "copy the Phone number ID (digits) from the WhatsApp Manager, not the phone "
                   "number");
    } else {
      c.whatsapp.phone_number_id = s->value;
    }
  }
  if (auto* s = get("WHATSAPP_APP_SECRET")) c.whatsapp.app_secret = s->value;
  if (auto* s = get("WHATSAPP_VERIFY_TOKEN")) c.whatsapp.verify_token = s->value;

  for (auto [name, target] : {std::pair{"TELEGRAM_SEND_RATE", &c.telegram.send_rate},
                              std::pair{"TELEGRAM_CHAT_SEND_RATE", &c.telegram.chat_send_rate},
                              std::pair{"WHATSAPP_SEND_RATE", &c.whatsapp.send_rate},
                              std::pair{"WHATSAPP_CHAT_SEND_RATE", &c.whatsapp.chat_send_rate}}) {
    if (auto* s = get(name)) ApplyRate(name, *s, problems, *target);
  }
  for (auto [name, target] : {std::pair{"TELEGRAM_API_BASE", &c.telegram.api_base},
                              std::pair{"WHATSAPP_API_BASE", &c.whatsapp.api_base}}) {
    if (auto* s = get(name)) {
      if (!IsHttpUrl(s->value)) {
        problems.Add(name, *s, fmt::format("\"{}\" is not an http(s) URL", s->value),
                     "use a URL such as https://api.telegram.org or http://127.0.0.1:9000");
      } else {
        *target = TrimRight(s->value, '/');
      }
    }
  }

  if (!problems.empty()) return Error{"config.invalid", problems.Joined()};
  return c;
}

std::vector<std::string> DescribeChannels(const Config& c) {
  std::vector<std::string> lines;
  lines.push_back(c.telegram.enabled()
                      ? "telegram on"
                      : "telegram off: set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET to turn "
                        "it on");
  lines.push_back(c.whatsapp.enabled()
                      ? "whatsapp on"
                      : "whatsapp off: set WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID, "
                        "WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN to turn it on");
  return lines;
}

}  // namespace workmatch
