// The workmatch binary as a person or a script runs it.
#include <httplib.h>
#include <signal.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace workmatch {
namespace {

using testing::Child;
using testing::Run;
using testing::WorkmatchBinary;

// Starts `workmatch serve` on a free port; returns the "host:port" it logged.
std::string StartServe(Child& serve) {
  auto listening = serve.WaitForLine("msg=\"listening\"", std::chrono::seconds(30));
  REQUIRE(listening);
  std::smatch m;
  REQUIRE(std::regex_search(*listening, m, std::regex(R"(addr=(127\.0\.0\.1:\d+))")));
  return m[1].str();
}

int PortOf(const std::string& addr) { return std::stoi(addr.substr(addr.rfind(':') + 1)); }

TEST_CASE("workmatch --help lists the subcommands and exits 0", "[cli]") {
  auto r = Run({WorkmatchBinary(), "--help"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("serve"));
  CHECK_THAT(r.out, Catch::Contains("demo"));
  CHECK_THAT(r.out, Catch::Contains("Usage: workmatch"));
}

TEST_CASE("Every subcommand has --help", "[cli]") {
  for (const char* sub : {"serve", "demo", "chat"}) {
    INFO(sub);
    auto r = Run({WorkmatchBinary(), sub, "--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains(sub));
    CHECK_THAT(r.out, Catch::Contains("--help"));
  }
  auto serve = Run({WorkmatchBinary(), "serve", "--help"});
  CHECK_THAT(serve.out, Catch::Contains("WORKMATCH_LISTEN"));
}

TEST_CASE("workmatch --version prints the version", "[cli]") {
  auto r = Run({WorkmatchBinary(), "--version"});
  CHECK(r.exit_code == 0);
  CHECK(std::regex_search(r.out, std::regex(R"(^workmatch \d+\.\d+\.\d+)")));
}

TEST_CASE("An unknown subcommand or flag prints usage to stderr and exits 2", "[cli]") {
  auto bogus = Run({WorkmatchBinary(), "bogus"});
  CHECK(bogus.exit_code == 2);
  CHECK(bogus.out.empty());
  CHECK_THAT(bogus.err, Catch::Contains("\"bogus\" is not a workmatch command"));
  CHECK_THAT(bogus.err, Catch::Contains("Usage:"));

  auto flag = Run({WorkmatchBinary(), "serve", "--no-such-flag"});
  CHECK(flag.exit_code == 2);
  CHECK_THAT(flag.err, Catch::Contains("--no-such-flag"));
  CHECK_THAT(flag.err, Catch::Contains("Usage:"));

  auto none = Run({WorkmatchBinary()});
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.err, Catch::Contains("Usage:"));
}

TEST_CASE("An invalid configuration stops the start with a precise message", "[cli]") {
  testing::TempDir dir;
  auto r = Run({WorkmatchBinary(), "serve"}, {{"WORKMATCH_DB", dir.File("wm.db")},
                                              {"WORKMATCH_LISTEN", "localhost"},
                                              {"TELEGRAM_BOT_TOKEN", "123:abc"}});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err,
             Catch::Contains("WORKMATCH_LISTEN (environment): \"localhost\" is not host:port"));
  CHECK_THAT(r.err, Catch::Contains("TELEGRAM_WEBHOOK_SECRET missing"));
}

TEST_CASE("demo loads once and reports nothing changed the second time", "[cli][demo]") {
  testing::TempDir dir;
  testing::Env env{{"WORKMATCH_DB", dir.File("wm.db")}};
  auto first = Run({WorkmatchBinary(), "demo"}, env);
  REQUIRE(first.exit_code == 0);
  CHECK(std::regex_search(first.out, std::regex(R"(opportunities\s+\d+ added, 0 updated)")));
  auto second = Run({WorkmatchBinary(), "demo"}, env);
  REQUIRE(second.exit_code == 0);
  CHECK(std::regex_search(second.out,
                          std::regex(R"(opportunities\s+0 added, 0 updated, \d+ unchanged)")));
  auto if_empty = Run({WorkmatchBinary(), "demo", "--if-empty"}, env);
  CHECK(if_empty.exit_code == 0);
  CHECK_THAT(if_empty.out, Catch::Contains("already has organizations"));
}

TEST_CASE("serve answers health checks and stops cleanly on SIGTERM", "[cli][serve]") {
  testing::TempDir dir;
  Child serve({WorkmatchBinary(), "serve"},
              {{"WORKMATCH_DB", dir.File("wm.db")}, {"WORKMATCH_LISTEN", "127.0.0.1:0"}});
  httplib::Client c("127.0.0.1", PortOf(StartServe(serve)));
  auto health = c.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(nlohmann::json::parse(health->body)["status"] == "ok");
  auto ready = c.Get("/readyz");
  REQUIRE(ready);
  CHECK(ready->status == 200);
  CHECK(nlohmann::json::parse(ready->body)["status"] == "ready");
  auto metrics = c.Get("/metrics");
  REQUIRE(metrics);
  CHECK_THAT(metrics->body, Catch::Contains("workmatch_http_requests_total{route=\"/healthz\""));
  CHECK_THAT(metrics->body, Catch::Contains("workmatch_inbox_pending 0"));
  CHECK_THAT(metrics->body, Catch::Contains("workmatch_outbox_queued 0"));

  CHECK(serve.err().find("telegram off") != std::string::npos);
  serve.Signal(SIGTERM);
  CHECK(serve.Wait(std::chrono::seconds(20)) == 0);
  CHECK_THAT(serve.err(), Catch::Contains("msg=\"stopped\""));
}

TEST_CASE("serve refuses a port that is taken, saying what to do", "[cli][serve]") {
  testing::TempDir dir;
  Child first({WorkmatchBinary(), "serve"},
              {{"WORKMATCH_DB", dir.File("a.db")}, {"WORKMATCH_LISTEN", "127.0.0.1:0"}});
  std::string taken = StartServe(first);
  auto second = Run({WorkmatchBinary(), "serve"},
                    {{"WORKMATCH_DB", dir.File("b.db")}, {"WORKMATCH_LISTEN", taken}});
  CHECK(second.exit_code == 1);
  CHECK_THAT(second.err, Catch::Contains("set WORKMATCH_LISTEN to a free host:port"));
}

}  // namespace
}  // namespace workmatch
