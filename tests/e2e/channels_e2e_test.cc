// End to end: `workmatch serve` as a real process, fake Telegram and WhatsApp
// APIs on loopback, deliveries from the shared fixtures.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <httplib.h>
#include <signal.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "bot/storage/database.h"
#include "bot/storage/message_store.h"
#include "tests/support/fake_platform.h"
#include "tests/support/fixtures.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

namespace workmatch {
namespace {

using nlohmann::json;
using std::chrono::seconds;

constexpr const char* kTelegramSecret = "fixture-telegram-secret";
constexpr const char* kAppSecret = "fixture-app-secret";
constexpr const char* kPhoneId = "109876543210987";

// A running `workmatch serve` wired to fake platforms.
class Service {
 public:
  Service(testing::TempDir& dir, testing::FakePlatform& telegram, testing::FakePlatform& whatsapp)
      : child_({testing::WorkmatchBinary(), "serve"},
               {{"WORKMATCH_DB", dir.File("wm.db")},
                {"WORKMATCH_LISTEN", "127.0.0.1:0"},
                {"TELEGRAM_BOT_TOKEN", "7000000001:TEST"},
                {"TELEGRAM_WEBHOOK_SECRET", kTelegramSecret},
                {"TELEGRAM_API_BASE", telegram.base_url()},
                {"WHATSAPP_ACCESS_TOKEN", "wa-token"},
                {"WHATSAPP_PHONE_NUMBER_ID", kPhoneId},
                {"WHATSAPP_APP_SECRET", kAppSecret},
                {"WHATSAPP_VERIFY_TOKEN", "verify-me"},
                {"WHATSAPP_API_BASE", whatsapp.base_url() + "/v21.0"},
                // The fixtures come from few people: do not make them wait the
                // real per-person pacing (tests/bot/dispatcher_test.cc covers it).
                {"TELEGRAM_CHAT_SEND_RATE", "50"},
                {"WHATSAPP_CHAT_SEND_RATE", "50"}}) {
    auto line = child_.WaitForLine("msg=\"listening\"", seconds(30));
    REQUIRE(line);
    std::smatch m;
    REQUIRE(std::regex_search(*line, m, std::regex(R"(addr=127\.0\.0\.1:(\d+))")));
    port_ = std::stoi(m[1]);
  }
  ~Service() { Stop(); }

  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(seconds(30));
    return c;
  }
  httplib::Result Telegram(const std::string& body, const std::string& secret = kTelegramSecret) {
    return Client().Post("/webhooks/telegram", {{"X-Telegram-Bot-Api-Secret-Token", secret}}, body,
                         "application/json");
  }
  httplib::Result WhatsApp(const std::string& body, const std::string& signature) {
    return Client().Post("/webhooks/whatsapp", {{"X-Hub-Signature-256", signature}}, body,
                         "application/json");
  }
  int Stop() {
    if (stopped_) return 0;
    stopped_ = true;
    child_.Signal(SIGTERM);
    return child_.Wait(std::chrono::seconds(30));
  }

 private:
  testing::Child child_;
  int port_ = 0;
  bool stopped_ = false;
};

int64_t Count(const std::string& db_path, const std::string& sql) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  SQLite::Statement q(db, sql);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

std::string Fixture(const std::filesystem::path& shared, const std::string& name) {
  return testing::ReadFile(shared / "fixtures" / name);
}

json TelegramText(int64_t update_id, int64_t chat, const std::string& text) {
  return {{"update_id", update_id},
          {"message",
           {{"message_id", update_id % 100000},
            {"from",
             {{"id", chat}, {"is_bot", false}, {"first_name", "Test"}, {"language_code", "uk"}}},
            {"chat", {{"id", chat}, {"type", "private"}}},
            {"date", 1781000000},
            {"text", text}}}};
}

TEST_CASE("Every Telegram fixture is accepted and answered where it should be", "[e2e][telegram]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  testing::TempDir dir;
  testing::FakePlatform telegram(testing::TelegramSuccess()), whatsapp(testing::WhatsAppSuccess());
  Service service(dir, telegram, whatsapp);

  for (const auto& file : testing::FixtureFiles(*shared, "telegram")) {
    INFO(file.filename());
    auto r = service.Telegram(testing::ReadFile(file));
    REQUIRE(r);
    CHECK(r->status == 200);
  }
  // Messages in private chats are answered (text, command, button, photo, document,
  // voice, location, contact, sticker, reply); the callback query is answered too.
  CHECK(telegram.WaitFor("/sendMessage", 10, seconds(20)));
  CHECK(telegram.WaitFor("/answerCallbackQuery", 1, seconds(10)));
  auto answered = telegram.Requests("/answerCallbackQuery");
  REQUIRE(answered.size() == 1);
  CHECK(answered[0].body["callback_query_id"] == "2632452139728451583");
  CHECK(telegram.Requests("/bot7000000001:TEST/sendMessage").size() >= 10);
  service.Stop();
  const std::string db = dir.File("wm.db");
  // The group message is not from a caseworker group; edits, channel posts,
  // blocks and unknown kinds are not inbox messages.
  CHECK(Count(db, "SELECT COUNT(*) FROM inbox WHERE status = 'ignored'") == 1);
  CHECK(Count(db, "SELECT COUNT(*) FROM inbox WHERE status = 'pending'") == 0);
}

TEST_CASE("Telegram deliveries without the right secret are refused and not stored",
          "[e2e][telegram]") {
  testing::TempDir dir;
  testing::FakePlatform telegram(testing::TelegramSuccess()), whatsapp(testing::WhatsAppSuccess());
  Service service(dir, telegram, whatsapp);
  const std::string body = TelegramText(810100001, 6100000009, "hello").dump();
  for (const std::string& secret :
       {std::string(""), std::string("wrong"), std::string(kTelegramSecret) + "x",
        std::string(kTelegramSecret).substr(1)}) {
    auto r = service.Telegram(body, secret);
    REQUIRE(r);
    CHECK(r->status == 401);
    CHECK(json::parse(r->body)["error"]["code"] == "unauthorized");
  }
  auto malformed = service.Telegram("{not json");
  REQUIRE(malformed);
  CHECK(malformed->status == 400);
  CHECK(json::parse(malformed->body)["error"]["code"] == "malformed");
  service.Stop();
  CHECK(Count(dir.File("wm.db"), "SELECT COUNT(*) FROM inbox") == 0);
  CHECK(telegram.Requests().empty());
}

TEST_CASE("Every WhatsApp fixture is accepted with its signature and a bad one is refused",
          "[e2e][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  testing::TempDir dir;
  testing::FakePlatform telegram(testing::TelegramSuccess()), whatsapp(testing::WhatsAppSuccess());
  Service service(dir, telegram, whatsapp);

  auto verify = service.Client().Get(
      "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444");
  REQUIRE(verify);
  CHECK(verify->status == 200);
  CHECK(verify->body == "1158201444");
  auto wrong = service.Client().Get(
      "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1");
  REQUIRE(wrong);
  CHECK(wrong->status == 403);

  int messages = 0;
  for (const auto& file : testing::FixtureFiles(*shared, "whatsapp")) {
    INFO(file.filename());
    std::string body = testing::ReadFile(file);
    std::string sig = testing::ReadFile(file.string() + ".sig");
    auto tampered = service.WhatsApp(body + " ", sig);
    REQUIRE(tampered);
    CHECK(tampered->status == 401);
    auto r = service.WhatsApp(body, sig);
    REQUIRE(r);
    CHECK(r->status == 200);
    messages += static_cast<int>(json::parse(body)["entry"][0]["changes"][0]["value"]
                                     .value("messages", json::array())
                                     .size());
  }
  // Every message is marked as read and answered (the dialog may answer with
  // more than one message), except the reaction.
  const std::string path = std::string("/v21.0/") + kPhoneId + "/messages";
  CHECK(whatsapp.WaitFor(path, static_cast<size_t>(2 * messages - 1), seconds(30)));
  service.Stop();
  const std::string db = dir.File("wm.db");
  CHECK(Count(db, "SELECT COUNT(*) FROM inbox") == messages);
  CHECK(Count(db, "SELECT COUNT(*) FROM inbox WHERE status = 'done'") == messages);
  int reads = 0, sends = 0;
  for (const auto& r : whatsapp.Requests(path)) {
    (r.body.value("status", "") == "read" ? reads : sends) += 1;
    CHECK(r.authorization == "Bearer wa-token");
  }
  CHECK(reads == messages);
  CHECK(sends >= messages - 1);
  CHECK(Count(db, "SELECT COUNT(DISTINCT inbox_id) FROM outbox") == messages - 1);
}

TEST_CASE("A retried delivery is answered 200 and processed once", "[e2e][telegram]") {
  testing::TempDir dir;
  testing::FakePlatform telegram(testing::TelegramSuccess()), whatsapp(testing::WhatsAppSuccess());
  Service service(dir, telegram, whatsapp);
  const std::string body = TelegramText(810200001, 6100000010, "hello").dump();
  for (int i = 0; i < 3; ++i) {
    auto r = service.Telegram(body);
    REQUIRE(r);
    CHECK(r->status == 200);
  }
  REQUIRE(telegram.WaitFor("/sendMessage", 1, seconds(10)));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(telegram.Requests("/sendMessage").size() == 1);
}

TEST_CASE("Concurrent deliveries from many people are all answered, each chat in order",
          "[e2e][telegram]") {
  testing::TempDir dir;
  testing::FakePlatform telegram(testing::TelegramSuccess()), whatsapp(testing::WhatsAppSuccess());
  Service service(dir, telegram, whatsapp);
  constexpr int kPeople = 20, kEach = 5;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto c = service.Client();
      c.set_keep_alive(true);
      for (int i = 0; i < kEach; ++i) {
        for (int p = t; p < kPeople; p += 4) {
          auto r =
              c.Post("/webhooks/telegram", {{"X-Telegram-Bot-Api-Secret-Token", kTelegramSecret}},
                     TelegramText(811000000 + p * 100 + i, 6200000000 + p, "m").dump(),
                     "application/json");
          if (r && r->status == 200) ++ok;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(ok == kPeople * kEach);
  // One reply per message; Telegram's ~1/s per chat makes the last ones wait a few seconds.
  CHECK(telegram.WaitFor("/sendMessage", kPeople * kEach, seconds(30)));
  service.Stop();
  // Processing followed the inbox order of each person.
  SQLite::Database db(dir.File("wm.db"), SQLite::OPEN_READONLY);
  SQLite::Statement q(db,
                      "SELECT COUNT(*) FROM inbox a JOIN inbox b ON a.sender_key = b.sender_key "
                      "AND a.id < b.id WHERE a.processed_at > b.processed_at");
  q.executeStep();
  CHECK(q.getColumn(0).getInt() == 0);
  SQLite::Statement o(db,
                      "SELECT COUNT(*) FROM outbox a JOIN outbox b ON a.chat_id = b.chat_id "
                      "AND a.id < b.id WHERE a.sent_at > b.sent_at");
  o.executeStep();
  CHECK(o.getColumn(0).getInt() == 0);
}

TEST_CASE("Throttling and server errors from the platform delay replies, never lose them",
          "[e2e][telegram]") {
  testing::TempDir dir;
  testing::FakePlatform telegram(testing::TelegramSuccess()), whatsapp(testing::WhatsAppSuccess());
  telegram.Script(
      "/sendMessage",
      {429,
       R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}})"});
  telegram.Script("/sendMessage",
                  {500, R"({"ok":false,"error_code":500,"description":"Internal Server Error"})"});
  Service service(dir, telegram, whatsapp);
  auto r = service.Telegram(TelegramText(810300001, 6100000011, "hello").dump());
  REQUIRE(r);
  REQUIRE(r->status == 200);
  CHECK(telegram.WaitFor("/sendMessage", 3, seconds(15)));
  service.Stop();
  CHECK(Count(dir.File("wm.db"), "SELECT COUNT(*) FROM outbox WHERE status = 'sent'") == 1);
  CHECK(Count(dir.File("wm.db"), "SELECT attempts FROM outbox") == 2);
}

TEST_CASE("A blocked person is marked unreachable and not sent to again", "[e2e][telegram]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  testing::TempDir dir;
  testing::FakePlatform telegram(testing::TelegramSuccess()), whatsapp(testing::WhatsAppSuccess());
  telegram.Script(
      "/sendMessage",
      {403,
       R"({"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"})"});
  Service service(dir, telegram, whatsapp);
  REQUIRE(service.Telegram(TelegramText(810400001, 6100000012, "hello").dump())->status == 200);
  REQUIRE(telegram.WaitFor("/sendMessage", 1, seconds(10)));
  // The my_chat_member fixture blocks its own chat: the contact stays unreachable.
  REQUIRE(service.Telegram(Fixture(*shared, "telegram/my_chat_member_blocked.json"))->status ==
          200);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  service.Stop();
  const std::string db = dir.File("wm.db");
  CHECK(Count(db,
              "SELECT COUNT(*) FROM contacts WHERE external_id = '6100000012' AND status = "
              "'blocked'") == 1);
  CHECK(Count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'failed'") == 1);
  CHECK(telegram.Requests("/sendMessage").size() == 1);
}

TEST_CASE("Messages accepted before a crash are processed after the restart", "[e2e][telegram]") {
  testing::TempDir dir;
  {
    auto db = testing::OpenTestDatabase(dir);
    REQUIRE(db->Write([](SQLite::Database& c) {
      for (int i = 0; i < 3; ++i) {
        InboundMessage m;
        m.channel = "telegram";
        m.sender_id = m.chat_id = "6100000013";
        m.platform_message_id = std::to_string(810500001 + i);
        m.text = "before the crash";
        InsertInbox(c, m, 1);
      }
    }));
  }
  testing::FakePlatform telegram(testing::TelegramSuccess()), whatsapp(testing::WhatsAppSuccess());
  Service service(dir, telegram, whatsapp);
  CHECK(telegram.WaitFor("/sendMessage", 3, seconds(15)));
  service.Stop();
  CHECK(Count(dir.File("wm.db"), "SELECT COUNT(*) FROM inbox WHERE status = 'done'") == 3);
}

TEST_CASE("The web chat holds a conversation through its JSON API", "[e2e][webchat]") {
  testing::TempDir dir;
  testing::FakePlatform telegram(testing::TelegramSuccess()), whatsapp(testing::WhatsAppSuccess());
  Service service(dir, telegram, whatsapp);
  auto c = service.Client();
  auto page = c.Get("/chat/", {{"Accept-Language", "fa-AF,fa;q=0.9"}});
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK_THAT(page->body, Catch::Contains("dir=\"rtl\""));
  CHECK_THAT(page->body, Catch::Contains("lang=\"fa\""));
  CHECK_THAT(page->body, !Catch::Contains("<script src"));
  CHECK_THAT(page->body, !Catch::Contains("{{"));

  auto session = c.Post("/chat/sessions", {{"Accept-Language", "uk"}}, "", "application/json");
  REQUIRE(session);
  REQUIRE(session->status == 201);
  const std::string token = json::parse(session->body)["session"];
  CHECK(token.size() == 32);
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};

  auto unauth =
      c.Post("/chat/messages", R"({"client_message_id":"1","text":"hi"})", "application/json");
  REQUIRE(unauth);
  CHECK(unauth->status == 401);
  auto bad = c.Post("/chat/messages", auth, R"({"text":"no id"})", "application/json");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK_THAT(json::parse(bad->body)["error"]["message"].get<std::string>(),
             Catch::Contains("client_message_id"));

  auto sent = c.Post("/chat/messages", auth, R"({"client_message_id":"m-1","text":"Привіт"})",
                     "application/json");
  REQUIRE(sent);
  CHECK(sent->status == 202);
  auto again = c.Post("/chat/messages", auth, R"({"client_message_id":"m-1","text":"Привіт"})",
                      "application/json");
  REQUIRE(again);
  CHECK(json::parse(again->body)["duplicate"] == true);

  auto replies = c.Get("/chat/messages?after=0", auth);
  REQUIRE(replies);
  REQUIRE(replies->status == 200);
  json body = json::parse(replies->body);
  REQUIRE(body["messages"].size() == 1);  // the welcome: shall we write in this language?
  CHECK_THAT(body["messages"][0]["text"].get<std::string>(), Catch::Contains("WorkMatch"));
  const int64_t cursor = body["cursor"];
  auto bad_cursor = c.Get("/chat/messages?after=abc", auth);
  REQUIRE(bad_cursor);
  CHECK(bad_cursor->status == 400);

  // A long poll returns as soon as the next reply exists.
  std::thread later([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    service.Client().Post("/chat/messages", auth, R"({"client_message_id":"m-2","text":"ще"})",
                          "application/json");
  });
  auto started = std::chrono::steady_clock::now();
  auto polled = c.Get("/chat/messages?after=" + std::to_string(cursor), auth);
  later.join();
  REQUIRE(polled);
  // "ще" answers no question: an apology and the question again (one or both by now).
  CHECK(json::parse(polled->body)["messages"].size() >= 1);
  CHECK(std::chrono::steady_clock::now() - started < seconds(10));
}

TEST_CASE("The web chat limits how fast one session may write", "[e2e][webchat]") {
  testing::TempDir dir;
  testing::FakePlatform telegram(testing::TelegramSuccess()), whatsapp(testing::WhatsAppSuccess());
  Service service(dir, telegram, whatsapp);
  auto c = service.Client();
  auto session = c.Post("/chat/sessions", "", "application/json");
  REQUIRE(session);
  httplib::Headers auth = {
      {"Authorization", "Bearer " + json::parse(session->body)["session"].get<std::string>()}};
  int accepted = 0, limited = 0;
  for (int i = 0; i < 30; ++i) {
    auto r = c.Post("/chat/messages", auth,
                    json({{"client_message_id", std::to_string(i)}, {"text", "x"}}).dump(),
                    "application/json");
    REQUIRE(r);
    if (r->status == 202) ++accepted;
    if (r->status == 429) {
      ++limited;
      CHECK(json::parse(r->body)["error"]["code"] == "rate_limited");
    }
  }
  CHECK(accepted >= 8);
  CHECK(limited >= 10);
}

}  // namespace
}  // namespace workmatch
