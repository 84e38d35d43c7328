// The inbound pipeline: intake, lanes, recovery, duplicates.
#include <SQLiteCpp/Statement.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "bot/locales.h"
#include "bot/observe/metrics.h"
#include "bot/pipeline/inbox_processor.h"
#include "bot/pipeline/intake.h"
#include "bot/pipeline/placeholder_handler.h"
#include "bot/storage/message_store.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

namespace workmatch {
namespace {

InboundMessage Text(const std::string& sender, const std::string& id, const std::string& text) {
  InboundMessage m;
  m.channel = "telegram";
  m.sender_id = sender;
  m.chat_id = sender;
  m.platform_message_id = id;
  m.text = text;
  m.language_hint = "uk";
  return m;
}

// Records the order in which each person's messages reach the handler.
class RecordingHandler final : public MessageHandler {
 public:
  HandlerOutput Handle(const InboundMessage& m, const SenderContext& ctx) override {
    std::this_thread::sleep_for(std::chrono::microseconds(jitter_(rng_) % 300));
    std::lock_guard lock(mutex_);
    order[m.sender_id].push_back(m.platform_message_id);
    ++calls;
    HandlerOutput out;
    OutboundMessage reply;
    reply.text = "ok " + ctx.locale;
    out.replies.push_back(reply);
    return out;
  }
  std::mutex mutex_;
  std::map<std::string, std::vector<std::string>> order;
  int calls = 0;

 private:
  thread_local static std::mt19937 rng_;
  std::uniform_int_distribution<int> jitter_{0, 1000};
};
thread_local std::mt19937 RecordingHandler::rng_{42};

int64_t Count(Database& db, const std::string& sql) { return testing::QueryInt(db, sql); }

// Inbox ids of one sender in commit order.
std::vector<std::string> InboxOrder(Database& db, const std::string& sender) {
  std::vector<std::string> out;
  REQUIRE(db.Read([&](SQLite::Database& c) {
    SQLite::Statement q(c,
                        "SELECT platform_message_id FROM inbox WHERE sender_key = ? ORDER BY id");
    q.bind(1, "telegram:" + sender);
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  }));
  return out;
}

struct Pipeline {
  testing::TempDir dir;
  std::unique_ptr<Database> db = testing::OpenTestDatabase(dir);
  Catalog catalog = LoadBuiltinCatalog().value();
  testing::FakeClock clock;
  Metrics metrics;
  std::atomic<int> outbox_pokes{0};
};

TEST_CASE("Each person's messages are processed once and in order, people in parallel",
          "[bot][pipeline]") {
  Pipeline p;
  RecordingHandler handler;
  InboxProcessor processor(
      *p.db, handler, p.catalog, p.clock, {}, [&] { ++p.outbox_pokes; },
      InboxProcessorOptions{4, 1});
  Intake intake(*p.db, processor, p.clock, p.metrics);
  REQUIRE(processor.Start().ok());

  constexpr int kThreads = 6, kSenders = 12, kEach = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        for (int s = t; s < kSenders; s += kThreads) {
          // Two threads deliver for the same people: the inbox order decides.
          std::string sender = "p" + std::to_string(s);
          std::string id = std::to_string(t) + "-" + sender + "-" + std::to_string(i);
          REQUIRE(intake.Accept({Text(sender, id, "hello")}).ok());
          std::string other = "p" + std::to_string((s + 1) % kSenders);
          REQUIRE(intake.Accept({Text(other, id + "x", "hello")}).ok());
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  processor.Stop();

  const int total = kThreads * kEach * (kSenders / kThreads) * 2;
  CHECK(handler.calls == total);
  CHECK(Count(*p.db, "SELECT COUNT(*) FROM inbox WHERE status = 'done'") == total);
  CHECK(Count(*p.db, "SELECT COUNT(*) FROM outbox") == total);
  for (int s = 0; s < kSenders; ++s) {
    std::string sender = "p" + std::to_string(s);
    INFO(sender);
    CHECK(handler.order[sender] == InboxOrder(*p.db, sender));
  }
  CHECK(p.outbox_pokes > 0);
}

TEST_CASE("A platform's retry of a delivery is stored and answered once", "[bot][pipeline]") {
  Pipeline p;
  PlaceholderHandler handler(p.catalog);
  InboxProcessor processor(*p.db, handler, p.catalog, p.clock, {}, nullptr);
  Intake intake(*p.db, processor, p.clock, p.metrics);
  REQUIRE(processor.Start().ok());
  auto first = intake.Accept({Text("7", "900", "hi")});
  auto again = intake.Accept({Text("7", "900", "hi")});
  processor.Stop();
  REQUIRE(first.ok());
  REQUIRE(again.ok());
  CHECK(first->stored == 1);
  CHECK(again->stored == 0);
  CHECK(again->duplicates == 1);
  CHECK(Count(*p.db, "SELECT COUNT(*) FROM inbox") == 1);
  CHECK(Count(*p.db, "SELECT COUNT(*) FROM outbox") == 1);
  CHECK_THAT(p.metrics.Render(), Catch::Contains("workmatch_inbox_duplicates_total 1"));
}

TEST_CASE("Messages stored but not processed before a crash are processed at start",
          "[bot][pipeline]") {
  Pipeline p;
  // What a crash leaves: accepted rows, no replies.
  REQUIRE(p.db->Write([](SQLite::Database& c) {
    for (int i = 0; i < 5; ++i) {
      InsertInbox(c, Text("42", "crash-" + std::to_string(i), "hello"), 1);
    }
  }));
  RecordingHandler handler;
  InboxProcessor processor(*p.db, handler, p.catalog, p.clock, {}, nullptr);
  auto recovered = processor.Start();
  REQUIRE(recovered.ok());
  CHECK(*recovered == 5);
  processor.Stop();
  CHECK(handler.order["42"] ==
        std::vector<std::string>{"crash-0", "crash-1", "crash-2", "crash-3", "crash-4"});
  CHECK(Count(*p.db, "SELECT COUNT(*) FROM inbox WHERE status = 'pending'") == 0);
  CHECK(Count(*p.db, "SELECT COUNT(*) FROM outbox") == 5);
}

TEST_CASE("The placeholder answers in the person's language and explains media",
          "[bot][pipeline]") {
  Pipeline p;
  PlaceholderHandler handler(p.catalog);
  InboxProcessor processor(*p.db, handler, p.catalog, p.clock, {}, nullptr);
  Intake intake(*p.db, processor, p.clock, p.metrics);
  InboundMessage photo = Text("5", "p1", "");
  photo.kind = InboundKind::kMedia;
  photo.media_kind = "photo";
  photo.language_hint = "ar";
  REQUIRE(intake.Accept({photo}).ok());
  processor.Process(InboxItem{1, photo});
  std::string reply;
  REQUIRE(p.db->Read([&](SQLite::Database& c) {
    SQLite::Statement q(c, "SELECT payload FROM outbox ORDER BY id LIMIT 1");
    REQUIRE(q.executeStep());
    reply = nlohmann::json::parse(q.getColumn(0).getString())["text"];
  }));
  CHECK(reply == p.catalog.Format("ar", "media.received", {{"kind", std::string("photo")}}));
  CHECK(reply != p.catalog.Format("en", "media.received", {{"kind", std::string("photo")}}));
  CHECK(Count(*p.db, "SELECT COUNT(*) FROM journey_events WHERE step = 'first_contact'") == 1);
  CHECK(Count(*p.db, "SELECT COUNT(*) FROM contacts WHERE locale = 'ar'") == 1);
}

TEST_CASE("Group messages are ignored unless the group is a caseworker chat", "[bot][pipeline]") {
  Pipeline p;
  RecordingHandler handler;
  InboxProcessor processor(*p.db, handler, p.catalog, p.clock, {}, nullptr);
  InboundMessage group = Text("61", "g1", "/close case 318");
  group.chat_id = "-1001234567890";
  group.chat_type = "group";
  REQUIRE(p.db->Write([&](SQLite::Database& c) { InsertInbox(c, group, 1); }));
  processor.Process(InboxItem{1, group});
  CHECK(handler.calls == 0);
  CHECK(Count(*p.db, "SELECT COUNT(*) FROM inbox WHERE status = 'ignored'") == 1);

  REQUIRE(p.db->Write([&](SQLite::Database& c) {
    c.exec(
        "INSERT INTO contacts(channel, external_id, chat_id, role, created_at, updated_at) "
        "VALUES ('telegram', '-1001234567890', '-1001234567890', 'caseworker', 1, 1)");
    group.platform_message_id = "g2";
    InsertInbox(c, group, 1);
  }));
  processor.Process(InboxItem{2, group});
  CHECK(handler.calls == 1);
}

TEST_CASE("A block stops a contact and writing again makes it reachable", "[bot][pipeline]") {
  Pipeline p;
  PlaceholderHandler handler(p.catalog);
  InboxProcessor processor(*p.db, handler, p.catalog, p.clock, {}, nullptr);
  Intake intake(*p.db, processor, p.clock, p.metrics);
  REQUIRE(intake.Accept({Text("9", "m1", "hi")}).ok());
  processor.Process(InboxItem{1, Text("9", "m1", "hi")});
  REQUIRE(intake.Accept({ReachabilityChange{"telegram", "9", false}}).ok());
  CHECK(Count(*p.db, "SELECT COUNT(*) FROM contacts WHERE status = 'blocked'") == 1);
  REQUIRE(intake.Accept({ReachabilityChange{"telegram", "9", true}}).ok());
  CHECK(Count(*p.db, "SELECT COUNT(*) FROM contacts WHERE status = 'active'") == 1);
  REQUIRE(intake.Accept({ReachabilityChange{"telegram", "9", false}}).ok());
  REQUIRE(intake.Accept({Text("9", "m2", "back")}).ok());
  processor.Process(InboxItem{2, Text("9", "m2", "back")});
  CHECK(Count(*p.db, "SELECT COUNT(*) FROM contacts WHERE status = 'active'") == 1);
}

}  // namespace
}  // namespace workmatch
