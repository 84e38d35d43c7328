#include "bot/storage/database.h"

#include <SQLiteCpp/Statement.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>
#include <thread>

#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

namespace workmatch {
namespace {

void InsertInbox(SQLite::Database& c, const std::string& id) {
  SQLite::Statement q(c,
                      "INSERT INTO inbox(channel, platform_message_id, sender_key, "
                      "received_at, payload) VALUES ('telegram', ?, 'telegram:1', 1, '{}')");
  q.bind(1, id);
  q.exec();
}

int64_t InboxRows(Database& db) {
  int64_t n = -1;
  REQUIRE(db.Read([&](SQLite::Database& c) {
    SQLite::Statement q(c, "SELECT COUNT(*) FROM inbox");
    q.executeStep();
    n = q.getColumn(0).getInt64();
  }));
  return n;
}

TEST_CASE("Concurrent writes all commit, sharing transactions", "[bot][storage]") {
  testing::TempDir dir;
  auto db = testing::OpenTestDatabase(dir);
  constexpr int kThreads = 8, kEach = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        std::string id = std::to_string(t) + "-" + std::to_string(i);
        if (!db->Write([&](SQLite::Database& c) { InsertInbox(c, id); })) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == 0);
  CHECK(InboxRows(*db) == kThreads * kEach);
  CHECK(db->PendingWrites() == 0);
}

TEST_CASE("A failing write is rolled back alone and its neighbours in the batch commit",
          "[bot][storage]") {
  testing::TempDir dir;
  auto db = testing::OpenTestDatabase(dir);
  std::vector<std::future<Status>> results;
  for (int i = 0; i < 20; ++i) {
    results.push_back(db->WriteAsync([i](SQLite::Database& c) {
      InsertInbox(c, "m" + std::to_string(i));
      if (i % 5 == 0) throw std::runtime_error("job " + std::to_string(i) + " refuses");
    }));
  }
  int failed = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    Status s = results[i].get();
    if (i % 5 == 0) {
      REQUIRE_FALSE(s.ok());
      CHECK(s.error().code == "storage.write");
      CHECK_THAT(s.error().message, Catch::Contains("refuses"));
      ++failed;
    } else {
      CHECK(s.ok());
    }
  }
  CHECK(failed == 4);
  CHECK(InboxRows(*db) == 16);
  std::set<std::string> ids;
  REQUIRE(db->Read([&](SQLite::Database& c) {
    SQLite::Statement q(c, "SELECT platform_message_id FROM inbox");
    while (q.executeStep()) ids.insert(q.getColumn(0).getString());
  }));
  CHECK_FALSE(ids.count("m0"));
  CHECK(ids.count("m1"));
}

TEST_CASE("Readers run while the writer writes and see only committed rows", "[bot][storage]") {
  testing::TempDir dir;
  auto db = testing::OpenTestDatabase(dir);
  std::atomic<bool> stop{false};
  std::atomic<int> read_errors{0};
  std::atomic<int64_t> last_seen{0};
  std::atomic<bool> went_backwards{false};
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&] {
      while (!stop) {
        int64_t n = 0;
        Status s = db->Read([&](SQLite::Database& c) {
          SQLite::Statement q(c, "SELECT COUNT(*) FROM inbox");
          q.executeStep();
          n = q.getColumn(0).getInt64();
        });
        if (!s) ++read_errors;
        if (n < 0) went_backwards = true;
        last_seen = std::max<int64_t>(last_seen, n);
      }
    });
  }
  for (int i = 0; i < 200; ++i) {
    REQUIRE(db->Write([&](SQLite::Database& c) { InsertInbox(c, "r" + std::to_string(i)); }));
  }
  stop = true;
  for (auto& t : readers) t.join();
  CHECK(read_errors == 0);
  CHECK_FALSE(went_backwards);
  CHECK(last_seen <= 200);
  CHECK(InboxRows(*db) == 200);
}

TEST_CASE("Close finishes queued writes and refuses later ones", "[bot][storage]") {
  testing::TempDir dir;
  auto db = testing::OpenTestDatabase(dir);
  std::vector<std::future<Status>> queued;
  for (int i = 0; i < 100; ++i) {
    queued.push_back(
        db->WriteAsync([i](SQLite::Database& c) { InsertInbox(c, std::to_string(i)); }));
  }
  db->Close();
  for (auto& f : queued) CHECK(f.get().ok());
  Status late = db->Write([](SQLite::Database& c) { InsertInbox(c, "late"); });
  REQUIRE_FALSE(late.ok());
  CHECK(late.error().code == "storage.closed");
  db.reset();
  auto reopened = testing::OpenTestDatabase(dir);
  CHECK(InboxRows(*reopened) == 100);
}

TEST_CASE("An unopenable path is a clear error", "[bot][storage]") {
  testing::TempDir dir;
  DatabaseOptions options;
  options.path = dir.path().string();  // a folder, not a file
  auto db = Database::Open(options);
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().code == "storage.open");
  CHECK_THAT(db.error().message, Catch::Contains("WORKMATCH_DB"));

  std::string not_db = dir.File("text.db");
  {
    std::FILE* f = std::fopen(not_db.c_str(), "w");
    std::fputs("this is not a database, just some text that is long enough to matter\n", f);
    std::fclose(f);
  }
  options.path = not_db;
  auto bad = Database::Open(options);
  REQUIRE_FALSE(bad.ok());
}

}  // namespace
}  // namespace workmatch
