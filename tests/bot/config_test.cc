#include "bot/config/config.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>

#include "tests/support/temp_dir.h"

namespace workmatch {
namespace {

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST_CASE("Defaults follow the product's interface contract", "[bot][config]") {
  auto c = LoadConfig(FakeEnv({}), std::nullopt);
  REQUIRE(c.ok());
  CHECK(c->db_path == "./var/workmatch.db");
  CHECK(c->listen_host == "127.0.0.1");
  CHECK(c->listen_port == 8080);
  CHECK(c->max_body_bytes == 1024 * 1024);
  CHECK(c->telegram.api_base == "https://api.telegram.org");
  CHECK(c->whatsapp.api_base == "https://graph.facebook.com/v21.0");
  CHECK_FALSE(c->telegram.enabled());
  CHECK_FALSE(c->whatsapp.enabled());
  auto lines = DescribeChannels(*c);
  REQUIRE(lines.size() == 2);
  CHECK_THAT(lines[0], Catch::Contains("TELEGRAM_BOT_TOKEN"));
  CHECK_THAT(lines[1], Catch::Contains("WHATSAPP_APP_SECRET"));
}

TEST_CASE("Channels turn on with all their credentials", "[bot][config]") {
  auto c = LoadConfig(FakeEnv({{"TELEGRAM_BOT_TOKEN", "123456:ABC-def"},
                               {"TELEGRAM_WEBHOOK_SECRET", "s3cret_-X"},
                               {"TELEGRAM_API_BASE", "http://127.0.0.1:9000/"},
                               {"WHATSAPP_ACCESS_TOKEN", "EAAG"},
                               {"WHATSAPP_PHONE_NUMBER_ID", "1098765"},
                               {"WHATSAPP_APP_SECRET", "appsecret"},
                               {"WHATSAPP_VERIFY_TOKEN", "verify"}}),
                      std::nullopt);
  REQUIRE(c.ok());
  CHECK(c->telegram.enabled());
  CHECK(c->telegram.api_base == "http://127.0.0.1:9000");
  CHECK(c->whatsapp.enabled());
  CHECK(DescribeChannels(*c)[0] == "telegram on");
}

TEST_CASE("Every invalid setting is named with what would be right", "[bot][config]") {
  struct Case {
    const char* name;
    const char* value;
    const char* expected;
  };
  const Case cases[] = {
      {"WORKMATCH_LISTEN", "8080", "WORKMATCH_LISTEN (environment): \"8080\" is not host:port"},
      {"WORKMATCH_LISTEN", "127.0.0.1:99999", "port in \"127.0.0.1:99999\" is not 0-65535"},
      {"WORKMATCH_LOG_LEVEL", "loud", "use debug, info, warn or error"},
      {"WORKMATCH_HTTP_THREADS", "1", "is not a whole number from 2 to 512"},
      {"WORKMATCH_MAX_BODY_BYTES", "lots", "WORKMATCH_MAX_BODY_BYTES"},
      {"WORKMATCH_ADMIN_TOKEN", "short", "shorter than 24 characters"},
      {"TELEGRAM_API_BASE", "ftp://x", "is not an http(s) URL"},
      {"WORKMATCH_DB", "", "WORKMATCH_DB (environment): is empty"},
      {"TELEGRAM_SEND_RATE", "fast", "is not a rate above 0"},
      {"WHATSAPP_CHAT_SEND_RATE", "0", "is not a rate above 0"},
  };
  for (const Case& k : cases) {
    INFO(k.name << "=" << k.value);
    auto c = LoadConfig(FakeEnv({{k.name, k.value}}), std::nullopt);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == "config.invalid");
    CHECK_THAT(c.error().message, Catch::Contains(k.expected));
  }
}

TEST_CASE("Half a channel is an error that names what is missing", "[bot][config]") {
  auto c = LoadConfig(FakeEnv({{"TELEGRAM_BOT_TOKEN", "123:abc"}}), std::nullopt);
  REQUIRE_FALSE(c.ok());
  CHECK_THAT(c.error().message,
             Catch::Contains("Telegram: TELEGRAM_BOT_TOKEN set but TELEGRAM_WEBHOOK_SECRET "
                             "missing"));
  auto w = LoadConfig(FakeEnv({{"WHATSAPP_ACCESS_TOKEN", "x"}, {"WHATSAPP_APP_SECRET", "y"}}),
                      std::nullopt);
  REQUIRE_FALSE(w.ok());
  CHECK_THAT(w.error().message,
             Catch::Contains("WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_VERIFY_TOKEN missing"));
}

TEST_CASE("Several problems are reported together", "[bot][config]") {
  auto c = LoadConfig(FakeEnv({{"WORKMATCH_LISTEN", "nope"},
                               {"WORKMATCH_LOG_LEVEL", "loud"},
                               {"TELEGRAM_BOT_TOKEN", "not-a-token"},
                               {"TELEGRAM_WEBHOOK_SECRET", "bad secret!"}}),
                      std::nullopt);
  REQUIRE_FALSE(c.ok());
  const std::string& m = c.error().message;
  CHECK_THAT(m, Catch::Contains("WORKMATCH_LISTEN"));
  CHECK_THAT(m, Catch::Contains("WORKMATCH_LOG_LEVEL"));
  CHECK_THAT(m, Catch::Contains("does not look like a bot token"));
  CHECK_THAT(m, Catch::Contains("characters Telegram does not allow"));
}

TEST_CASE("A config file adds settings and the environment overrides it", "[bot][config]") {
  testing::TempDir dir;
  std::string path = dir.File("workmatch.env");
  std::ofstream(path) << "# WorkMatch settings\n"
                         "WORKMATCH_DB=/srv/wm.db\n"
                         "export WORKMATCH_LISTEN=\"0.0.0.0:9000\"\n"
                         "\n"
                         "WORKMATCH_LOG_LEVEL=debug\n";
  auto c = LoadConfig(FakeEnv({{"WORKMATCH_LOG_LEVEL", "warn"}}), path);
  REQUIRE(c.ok());
  CHECK(c->db_path == "/srv/wm.db");
  CHECK(c->listen_host == "0.0.0.0");
  CHECK(c->listen_port == 9000);
  CHECK(c->log_level == "warn");
}

TEST_CASE("Mistakes in a config file are reported with file and line", "[bot][config]") {
  testing::TempDir dir;
  std::string path = dir.File("bad.env");
  std::ofstream(path) << "WORKMATCH_DB=/srv/wm.db\nWORKMATCH_LISTEN=oops\nNOT_A_SETTING=1\njunk\n";
  auto c = LoadConfig(FakeEnv({}), path);
  REQUIRE_FALSE(c.ok());
  const std::string& m = c.error().message;
  CHECK_THAT(m, Catch::Contains("WORKMATCH_LISTEN (file " + path + " line 2)"));
  CHECK_THAT(m, Catch::Contains(path + " line 3: NOT_A_SETTING is not a WorkMatch setting"));
  CHECK_THAT(m, Catch::Contains(path + " line 4: expected KEY=VALUE"));

  auto missing = LoadConfig(FakeEnv({}), dir.File("absent.env"));
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::Contains("cannot be read"));
}

}  // namespace
}  // namespace workmatch

namespace workmatch {
namespace {

TEST_CASE("The documented defaults are the defaults in force", "[bot][config]") {
  std::map<std::string, std::string> documented;
  for (const SettingInfo& s : Settings()) {
    if (!s.default_value.empty() && s.default_value.front() != '(') {
      documented[std::string(s.name)] = std::string(s.default_value);
    }
  }
  REQUIRE(documented.size() >= 8);
  auto implicit = LoadConfig(FakeEnv({}), std::nullopt);
  auto spelled_out = LoadConfig(FakeEnv(documented), std::nullopt);
  REQUIRE(implicit.ok());
  REQUIRE(spelled_out.ok());
  CHECK(implicit->db_path == spelled_out->db_path);
  CHECK(implicit->listen_host == spelled_out->listen_host);
  CHECK(implicit->listen_port == spelled_out->listen_port);
  CHECK(implicit->log_level == spelled_out->log_level);
  CHECK(implicit->http_threads == spelled_out->http_threads);
  CHECK(implicit->max_body_bytes == spelled_out->max_body_bytes);
  CHECK(implicit->read_timeout_ms == spelled_out->read_timeout_ms);
  CHECK(implicit->telegram.api_base == spelled_out->telegram.api_base);
  CHECK(implicit->whatsapp.api_base == spelled_out->whatsapp.api_base);
  CHECK(implicit->telegram.send_rate == spelled_out->telegram.send_rate);
  CHECK(implicit->telegram.chat_send_rate == spelled_out->telegram.chat_send_rate);
  CHECK(implicit->whatsapp.send_rate == spelled_out->whatsapp.send_rate);
  CHECK(implicit->whatsapp.chat_send_rate == spelled_out->whatsapp.chat_send_rate);
}

}  // namespace
}  // namespace workmatch
