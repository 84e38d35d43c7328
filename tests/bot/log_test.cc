#include "bot/observe/log.h"

#include <catch2/catch.hpp>
#include <mutex>
#include <vector>

namespace workmatch {
namespace {

// Captures log lines for the test's lifetime and restores the level.
class CapturedLog {
 public:
  explicit CapturedLog(log::Level level) : saved_(log::CurrentLevel()) {
    log::SetLevel(level);
    log::SetSink([this](std::string_view line) { lines.emplace_back(line); });
  }
  ~CapturedLog() {
    log::SetSink(nullptr);
    log::SetLevel(saved_);
  }
  std::vector<std::string> lines;

 private:
  log::Level saved_;
};

TEST_CASE("A log line is logfmt with time, level, component and message", "[bot][log]") {
  std::string line = log::FormatLine(1'800'000'000'123, log::Level::kWarn, "http", "slow client",
                                     {{"route", "/webhooks/telegram"},
                                      {"ms", 12},
                                      {"ok", false},
                                      {"note", "two words \"quoted\""}});
  CHECK(line ==
        "ts=2027-01-15T08:00:00.123Z level=warn component=http msg=\"slow client\" "
        "route=/webhooks/telegram ms=12 ok=false note=\"two words \\\"quoted\\\"\"");
}

TEST_CASE("Newlines in values cannot forge a second line", "[bot][log]") {
  std::string line = log::FormatLine(0, log::Level::kInfo, "x", "m\nlevel=error", {{"v", "a\nb"}});
  CHECK(line.find('\n') == std::string::npos);
}

TEST_CASE("Personal data is redacted unless the level is debug", "[bot][log]") {
  {
    CapturedLog cap(log::Level::kInfo);
    log::Info("pipeline", "message received", {{"phone", log::Personal{"+358401234567"}}});
    REQUIRE(cap.lines.size() == 1);
    CHECK_THAT(cap.lines[0], Catch::Contains("phone=[redacted]"));
    CHECK_THAT(cap.lines[0], !Catch::Contains("358401234567"));
  }
  {
    CapturedLog cap(log::Level::kDebug);
    log::Debug("pipeline", "message received", {{"phone", log::Personal{"+358401234567"}}});
    REQUIRE(cap.lines.size() == 1);
    CHECK_THAT(cap.lines[0], Catch::Contains("phone=+358401234567"));
  }
}

TEST_CASE("Lines under the level are dropped", "[bot][log]") {
  CapturedLog cap(log::Level::kWarn);
  log::Info("x", "hidden");
  log::Debug("x", "hidden");
  log::Warn("x", "shown");
  log::Error("x", "shown");
  CHECK(cap.lines.size() == 2);
  CHECK(log::ParseLevel("warning") == log::Level::kWarn);
  CHECK_FALSE(log::ParseLevel("loud"));
}

}  // namespace
}  // namespace workmatch
