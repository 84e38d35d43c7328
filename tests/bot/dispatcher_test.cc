// The outbox dispatcher against fake platform servers on loopback.
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

#include "bot/observe/metrics.h"
#include "bot/pipeline/outbox_dispatcher.h"
#include "bot/storage/message_store.h"
#include "tests/support/fake_clock.h"
#include "tests/support/fake_platform.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"
#include "webhooks/telegram/telegram_sender.h"
#include "webhooks/whatsapp/whatsapp_sender.h"

namespace workmatch {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

struct Row {
  std::string status;
  int attempts = 0;
  int64_t next_attempt_at = 0;
  std::string platform_message_id;
  std::string delivery_status;
  std::string last_error;
};

struct Setup {
  testing::TempDir dir;
  std::unique_ptr<Database> db = testing::OpenTestDatabase(dir);
  testing::FakeClock clock;
  Metrics metrics;

  int64_t Contact(const std::string& channel, const std::string& id) {
    int64_t contact = 0;
    REQUIRE(db->Write([&](SQLite::Database& c) {
      SQLite::Statement q(c,
                          "INSERT INTO contacts(channel, external_id, chat_id, last_inbound_at, "
                          "created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)");
      q.bind(1, channel);
      q.bind(2, id);
      q.bind(3, id);
      q.bind(4, ToUnixMillis(clock.Now()));
      q.exec();
      contact = c.getLastInsertRowid();
    }));
    return contact;
  }
  int64_t Queue(int64_t contact, const std::string& channel, const std::string& chat,
                const std::string& text) {
    int64_t id = 0;
    OutboundMessage m;
    m.text = text;
    REQUIRE(db->Write([&](SQLite::Database& c) {
      id = EnqueueOutbox(c, contact, channel, chat, std::nullopt, m, ToUnixMillis(clock.Now()));
    }));
    return id;
  }
  Row Get(int64_t id) {
    Row r;
    REQUIRE(db->Read([&](SQLite::Database& c) {
      SQLite::Statement q(c,
                          "SELECT status, attempts, next_attempt_at, "
                          "COALESCE(platform_message_id, ''), COALESCE(delivery_status, ''), "
                          "COALESCE(last_error, '') FROM outbox WHERE id = ?");
      q.bind(1, id);
      REQUIRE(q.executeStep());
      r = {q.getColumn(0).getString(), q.getColumn(1).getInt(),    q.getColumn(2).getInt64(),
           q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString()};
    }));
    return r;
  }
  std::string ContactStatus(int64_t id) {
    std::string s;
    REQUIRE(db->Read([&](SQLite::Database& c) {
      SQLite::Statement q(c, "SELECT status FROM contacts WHERE id = ?");
      q.bind(1, id);
      REQUIRE(q.executeStep());
      s = q.getColumn(0).getString();
    }));
    return s;
  }
  // Runs passes, advancing the clock a little, until nothing more happens.
  void Drain(OutboxDispatcher& d, int rounds = 50) {
    for (int i = 0; i < rounds; ++i) {
      d.RunOnce();
      clock.Advance(milliseconds(1100));
    }
  }
};

std::unique_ptr<TelegramSender> Telegram(const testing::FakePlatform& fake) {
  return TelegramSender::Create(fake.base_url(), "123:abc", seconds(5)).value();
}

TEST_CASE("Sent messages keep their order per chat and store the platform id", "[bot][outbox]") {
  Setup s;
  testing::FakePlatform fake(testing::TelegramSuccess());
  auto sender = Telegram(fake);
  OutboxDispatcher d(*s.db, s.clock, {{"telegram", sender.get()}}, s.metrics);
  int64_t a = s.Contact("telegram", "100"), b = s.Contact("telegram", "200");
  std::vector<int64_t> rows;
  for (int i = 0; i < 4; ++i) {
    rows.push_back(s.Queue(a, "telegram", "100", "a" + std::to_string(i)));
    rows.push_back(s.Queue(b, "telegram", "200", "b" + std::to_string(i)));
  }
  s.Drain(d);
  std::vector<std::string> to_a, to_b;
  for (const auto& r : fake.Requests("/sendMessage")) {
    (r.body["chat_id"] == 100 ? to_a : to_b).push_back(r.body["text"]);
  }
  CHECK(to_a == std::vector<std::string>{"a0", "a1", "a2", "a3"});
  CHECK(to_b == std::vector<std::string>{"b0", "b1", "b2", "b3"});
  for (int64_t id : rows) {
    Row r = s.Get(id);
    CHECK(r.status == "sent");
    CHECK_FALSE(r.platform_message_id.empty());
  }
  CHECK(fake.Requests("/bot123:abc/sendMessage").size() == 8);
}

TEST_CASE("The per-chat rate limit spaces messages to one chat", "[bot][outbox]") {
  Setup s;
  testing::FakePlatform fake(testing::TelegramSuccess());
  auto sender = Telegram(fake);
  DispatcherOptions options;
  options.policies["telegram"] = ChannelPolicy{100, 1, 2};  // 1/s per chat, bursts of 2
  OutboxDispatcher d(*s.db, s.clock, {{"telegram", sender.get()}}, s.metrics, options);
  int64_t a = s.Contact("telegram", "100");
  for (int i = 0; i < 5; ++i) s.Queue(a, "telegram", "100", std::to_string(i));
  for (int i = 0; i < 10; ++i) d.RunOnce();  // no time passes
  CHECK(fake.Requests("/sendMessage").size() == 2);
  s.clock.Advance(milliseconds(1001));
  for (int i = 0; i < 10; ++i) d.RunOnce();
  CHECK(fake.Requests("/sendMessage").size() == 3);
}

TEST_CASE("Telegram 429 pauses the channel for retry_after, then the message goes",
          "[bot][outbox]") {
  Setup s;
  testing::FakePlatform fake(testing::TelegramSuccess());
  fake.Script(
      "/sendMessage",
      {429,
       R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 17","parameters":{"retry_after":17}})"});
  auto sender = Telegram(fake);
  OutboxDispatcher d(*s.db, s.clock, {{"telegram", sender.get()}}, s.metrics);
  int64_t a = s.Contact("telegram", "100"), b = s.Contact("telegram", "200");
  int64_t first = s.Queue(a, "telegram", "100", "one");
  int64_t other = s.Queue(b, "telegram", "200", "two");
  d.RunOnce();
  Row r = s.Get(first);
  CHECK(r.status == "queued");
  CHECK(r.next_attempt_at >= ToUnixMillis(s.clock.Now()) + 17000);
  size_t calls = fake.Requests("/sendMessage").size();
  s.clock.Advance(seconds(10));
  d.RunOnce();
  CHECK(fake.Requests("/sendMessage").size() == calls);  // the whole bot waits, not one chat
  s.clock.Advance(seconds(8));
  d.RunOnce();
  d.RunOnce();
  CHECK(s.Get(first).status == "sent");
  CHECK(s.Get(other).status == "sent");
}

TEST_CASE("Server errors are retried with backoff and end as dead letters", "[bot][outbox]") {
  Setup s;
  testing::FakePlatform fake(testing::TelegramSuccess());
  for (int i = 0; i < 3; ++i) {
    fake.Script("/sendMessage",
                {502, R"({"ok":false,"error_code":502,"description":"Bad Gateway"})"});
  }
  auto sender = Telegram(fake);
  DispatcherOptions options;
  options.max_attempts = 3;
  OutboxDispatcher d(*s.db, s.clock, {{"telegram", sender.get()}}, s.metrics, options);
  int64_t id = s.Queue(s.Contact("telegram", "100"), "telegram", "100", "x");
  d.RunOnce();
  Row r1 = s.Get(id);
  CHECK(r1.status == "queued");
  CHECK(r1.attempts == 1);
  const int64_t now = ToUnixMillis(s.clock.Now());
  CHECK(r1.next_attempt_at >= now + 500);  // 1 s with jitter 0.5-1.5
  CHECK(r1.next_attempt_at <= now + 1500);
  d.RunOnce();
  CHECK(fake.Requests("/sendMessage").size() == 1);  // not due yet
  s.clock.Advance(seconds(2));
  d.RunOnce();
  Row r2 = s.Get(id);
  CHECK(r2.attempts == 2);
  CHECK(r2.next_attempt_at - ToUnixMillis(s.clock.Now()) >= 1000);  // 2 s with jitter
  s.clock.Advance(seconds(4));
  d.RunOnce();
  CHECK(s.Get(id).status == "dead");
  s.clock.Advance(seconds(60));
  d.RunOnce();
  CHECK(fake.Requests("/sendMessage").size() == 3);
}

TEST_CASE("A person who blocked the bot is marked and not retried", "[bot][outbox]") {
  Setup s;
  testing::FakePlatform fake(testing::TelegramSuccess());
  fake.Script(
      "/sendMessage",
      {403,
       R"({"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"})"});
  auto sender = Telegram(fake);
  OutboxDispatcher d(*s.db, s.clock, {{"telegram", sender.get()}}, s.metrics);
  int64_t contact = s.Contact("telegram", "100");
  int64_t first = s.Queue(contact, "telegram", "100", "one");
  int64_t second = s.Queue(contact, "telegram", "100", "two");
  s.Drain(d, 5);
  CHECK(s.Get(first).status == "failed");
  CHECK_THAT(s.Get(first).last_error, Catch::Contains("blocked"));
  CHECK(s.ContactStatus(contact) == "blocked");
  CHECK(s.Get(second).status == "failed");  // never sent: the contact is unreachable
  CHECK(fake.Requests("/sendMessage").size() == 1);
}

TEST_CASE("A refused message fails at once, a bad token pauses the channel and keeps the queue",
          "[bot][outbox]") {
  Setup s;
  testing::FakePlatform fake(testing::TelegramSuccess());
  fake.Script(
      "/sendMessage",
      {400, R"({"ok":false,"error_code":400,"description":"Bad Request: message is too long"})"});
  fake.Script("/sendMessage",
              {401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})"});
  auto sender = Telegram(fake);
  OutboxDispatcher d(*s.db, s.clock, {{"telegram", sender.get()}}, s.metrics);
  int64_t bad = s.Queue(s.Contact("telegram", "100"), "telegram", "100", "too long");
  int64_t held = s.Queue(s.Contact("telegram", "200"), "telegram", "200", "held");
  d.RunOnce();
  d.RunOnce();
  CHECK(s.Get(bad).status == "failed");
  CHECK(s.Get(held).status == "queued");
  CHECK(s.Get(held).attempts == 0);
  s.clock.Advance(seconds(61));
  d.RunOnce();
  CHECK(s.Get(held).status == "sent");
}

TEST_CASE("WhatsApp receipts move a message forward, never back", "[bot][outbox]") {
  Setup s;
  testing::FakePlatform fake(testing::WhatsAppSuccess());
  auto sender =
      WhatsAppSender::Create(fake.base_url() + "/v21.0", "token", "109876543210987", seconds(5))
          .value();
  OutboxDispatcher d(*s.db, s.clock, {{"whatsapp", sender.get()}}, s.metrics);
  int64_t id = s.Queue(s.Contact("whatsapp", "447700900123"), "whatsapp", "447700900123", "hi");
  d.RunOnce();
  Row sent = s.Get(id);
  REQUIRE(sent.status == "sent");
  REQUIRE(sent.platform_message_id == "wamid.FAKE1");
  auto requests = fake.Requests("/v21.0/109876543210987/messages");
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].authorization == "Bearer token");
  CHECK(requests[0].body["to"] == "447700900123");

  auto receipt = [&](const std::string& status) {
    REQUIRE(s.db->Write([&](SQLite::Database& c) {
      ApplyReceipt(c, DeliveryReceipt{"whatsapp", "wamid.FAKE1", status, 5, {}, {}}, 5);
    }));
    return s.Get(id).delivery_status;
  };
  CHECK(receipt("delivered") == "delivered");
  CHECK(receipt("read") == "read");
  CHECK(receipt("delivered") == "read");
  CHECK(receipt("sent") == "read");
  CHECK(receipt("failed") == "read");
}

TEST_CASE("A failed WhatsApp receipt fails the message with its error", "[bot][outbox]") {
  Setup s;
  int64_t id = s.Queue(s.Contact("whatsapp", "447700900456"), "whatsapp", "447700900456", "hi");
  REQUIRE(s.db->Write([&](SQLite::Database& c) {
    MarkOutboxSent(c, id, "wamid.X", 1);
    ApplyReceipt(
        c, DeliveryReceipt{"whatsapp", "wamid.X", "failed", 9, 131047, "Re-engagement message"}, 9);
  }));
  Row r = s.Get(id);
  CHECK(r.status == "failed");
  CHECK(r.delivery_status == "failed");
  CHECK_THAT(r.last_error, Catch::Contains("131047"));
}

TEST_CASE("WhatsApp free-form messages are not sent outside the 24-hour window", "[bot][outbox]") {
  Setup s;
  testing::FakePlatform fake(testing::WhatsAppSuccess());
  auto sender = WhatsAppSender::Create(fake.base_url(), "token", "1", seconds(5)).value();
  OutboxDispatcher d(*s.db, s.clock, {{"whatsapp", sender.get()}}, s.metrics);
  int64_t contact = s.Contact("whatsapp", "447700900123");
  s.clock.Advance(std::chrono::hours(25));
  int64_t id = s.Queue(contact, "whatsapp", "447700900123", "late");
  d.RunOnce();
  CHECK(s.Get(id).status == "failed");
  CHECK(s.Get(id).last_error == "outside_24h_window");
  CHECK(fake.Requests().empty());
}

}  // namespace
}  // namespace workmatch
