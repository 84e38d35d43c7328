#include "bot/storage/migrations.h"

#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

#include "bot/storage/database.h"
#include "core/vocabulary.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

namespace workmatch {
namespace {

int64_t Count(Database& db, const std::string& sql) { return testing::QueryInt(db, sql); }

TEST_CASE("The built-in migrations are numbered without gaps", "[bot][storage]") {
  auto migrations = BuiltinMigrations();
  REQUIRE(migrations.size() >= 2);
  for (size_t i = 0; i < migrations.size(); ++i) {
    CHECK(migrations[i].version == static_cast<int>(i) + 1);
    CHECK_FALSE(migrations[i].name.empty());
    CHECK_FALSE(migrations[i].sql.empty());
  }
  CHECK(migrations[0].name == "initial");
}

TEST_CASE("A fresh database gets every table and every migration recorded", "[bot][storage]") {
  testing::TempDir dir;
  auto db = testing::OpenTestDatabase(dir);
  auto version = db->SchemaVersion();
  REQUIRE(version.ok());
  CHECK(*version == db->LatestVersion());
  CHECK(Count(*db, "SELECT COUNT(*) FROM schema_migrations") ==
        static_cast<int64_t>(BuiltinMigrations().size()));
  for (const char* table :
       {"organizations", "contacts", "profiles", "profile_occupations", "profile_skills",
        "profile_languages", "consents", "opportunities", "opportunity_skills",
        "opportunity_languages", "dialog_sessions", "inbox", "outbox", "journey_events", "handoffs",
        "alerts_sent", "api_tokens", "audit_log"}) {
    INFO(table);
    CHECK(Count(*db, std::string("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
                                 "name = '") +
                         table + "'") == 1);
  }
  std::string journal;
  REQUIRE(db->Read([&](SQLite::Database& c) {
    SQLite::Statement q(c, "PRAGMA journal_mode");
    q.executeStep();
    journal = q.getColumn(0).getString();
  }));
  CHECK(journal == "wal");
}

TEST_CASE("Opening a migrated database again applies nothing", "[bot][storage]") {
  testing::TempDir dir;
  int64_t first_applied = 0;
  {
    auto db = testing::OpenTestDatabase(dir);
    first_applied = Count(*db, "SELECT MAX(applied_at) FROM schema_migrations");
  }
  auto db = testing::OpenTestDatabase(dir);
  CHECK(Count(*db, "SELECT COUNT(*) FROM schema_migrations") ==
        static_cast<int64_t>(BuiltinMigrations().size()));
  CHECK(Count(*db, "SELECT MAX(applied_at) FROM schema_migrations") == first_applied);
}

TEST_CASE("An older schema upgrades and keeps its data", "[bot][storage]") {
  testing::TempDir dir;
  {
    auto db = testing::OpenTestDatabase(dir, /*migrate_up_to=*/1);
    CHECK(*db->SchemaVersion() == 1);
    REQUIRE(db->Write([](SQLite::Database& c) {
      c.exec(
          "INSERT INTO organizations(slug, name, kind, country, created_at, updated_at) "
          "VALUES ('ngo', 'NGO', 'ngo', 'FI', 1, 1)");
    }));
    CHECK(Count(*db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'outbox_due'") == 0);
  }
  auto db = testing::OpenTestDatabase(dir);
  CHECK(*db->SchemaVersion() == db->LatestVersion());
  CHECK(Count(*db, "SELECT COUNT(*) FROM organizations WHERE slug = 'ngo'") == 1);
  CHECK(Count(*db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'outbox_due'") == 1);
}

TEST_CASE("A database newer than the program is refused", "[bot][storage]") {
  testing::TempDir dir;
  {
    auto db = testing::OpenTestDatabase(dir);
    REQUIRE(db->Write([](SQLite::Database& c) {
      c.exec("INSERT INTO schema_migrations(version, name, applied_at) VALUES (999, 'future', 1)");
    }));
  }
  DatabaseOptions options;
  options.path = dir.File("wm.db");
  auto db = Database::Open(options);
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().code == "storage.migration");
  CHECK_THAT(db.error().message, Catch::Contains("schema version 999, newer than this workmatch"));
}

TEST_CASE("A failing migration is rolled back and named", "[bot][storage]") {
  testing::TempDir dir;
  const Migration broken[] = {{1, "good", "CREATE TABLE a (x INTEGER);"},
                              {2, "bad", "CREATE TABLE b (y INTEGER); SELECT * FROM nowhere;"}};
  DatabaseOptions options;
  options.path = dir.File("wm.db");
  auto db = Database::Open(options, broken);
  REQUIRE_FALSE(db.ok());
  CHECK_THAT(db.error().message, Catch::Contains("migration 2 (bad) failed"));
  const Migration fixed[] = {{1, "good", "CREATE TABLE a (x INTEGER);"}};
  auto reopened = Database::Open(options, fixed);
  REQUIRE(reopened.ok());
  CHECK(Count(**reopened, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'") == 0);
  CHECK(*(*reopened)->SchemaVersion() == 1);
}

TEST_CASE("Migrations out of sequence are refused", "[bot][storage]") {
  testing::TempDir dir;
  const Migration gap[] = {{1, "a", "SELECT 1;"}, {3, "c", "SELECT 1;"}};
  DatabaseOptions options;
  options.path = dir.File("wm.db");
  auto db = Database::Open(options, gap);
  REQUIRE_FALSE(db.ok());
  CHECK_THAT(db.error().message, Catch::Contains("out of sequence"));
}

TEST_CASE("The schema's CHECK lists agree with core's vocabularies", "[bot][storage]") {
  testing::TempDir dir;
  auto db = testing::OpenTestDatabase(dir);
  REQUIRE(db->Write([](SQLite::Database& c) {
    c.exec(
        "INSERT INTO organizations(id, slug, name, kind, country, created_at, updated_at) "
        "VALUES (1, 'o', 'O', 'ngo', 'FI', 1, 1)");
  }));
  int n = 0;
  for (auto kind : OrganizationKinds()) {
    INFO(kind);
    CHECK(db->Write([&](SQLite::Database& c) {
      SQLite::Statement q(c,
                          "INSERT INTO organizations(slug, name, kind, country, created_at, "
                          "updated_at) VALUES (?, 'x', ?, 'FI', 1, 1)");
      q.bind(1, "org-" + std::to_string(++n));
      q.bind(2, std::string(kind));
      q.exec();
    }));
  }
  for (auto channel : Channels()) {
    for (auto role : ContactRoles()) {
      for (auto status : ContactStatuses()) {
        INFO(channel << " " << role << " " << status);
        CHECK(db->Write([&](SQLite::Database& c) {
          SQLite::Statement q(c,
                              "INSERT INTO contacts(channel, external_id, role, status, "
                              "created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)");
          q.bind(1, std::string(channel));
          q.bind(2, "id-" + std::to_string(++n));
          q.bind(3, std::string(role));
          q.bind(4, std::string(status));
          q.exec();
        }));
      }
    }
  }
  for (auto kind : OpportunityKinds()) {
    CHECK(db->Write([&](SQLite::Database& c) {
      SQLite::Statement q(c,
                          "INSERT INTO opportunities(external_id, organization_id, kind, "
                          "title, created_at, updated_at) VALUES (?, 1, ?, 't', 1, 1)");
      q.bind(1, "opp-" + std::to_string(++n));
      q.bind(2, std::string(kind));
      q.exec();
    }));
  }
  CHECK_FALSE(db->Write([](SQLite::Database& c) {
    c.exec(
        "INSERT INTO opportunities(external_id, organization_id, kind, title, created_at, "
        "updated_at) VALUES ('bad', 1, 'gig', 't', 1, 1)");
  }));
}

TEST_CASE("Journey events and the audit log are append-only", "[bot][storage]") {
  testing::TempDir dir;
  auto db = testing::OpenTestDatabase(dir);
  REQUIRE(db->Write([](SQLite::Database& c) {
    c.exec(
        "INSERT INTO contacts(id, channel, external_id, created_at, updated_at) "
        "VALUES (1, 'telegram', '42', 1, 1)");
    c.exec("INSERT INTO journey_events(contact_id, step, at) VALUES (1, 'first_contact', 1)");
    c.exec("INSERT INTO audit_log(at, actor, action) VALUES (1, 'cli', 'demo.load')");
  }));
  for (const char* sql : {"UPDATE journey_events SET step = 'hired'", "DELETE FROM journey_events",
                          "UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"}) {
    INFO(sql);
    Status s = db->Write([&](SQLite::Database& c) { c.exec(sql); });
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.error().message, Catch::Contains("append-only"));
  }
  CHECK(Count(*db, "SELECT COUNT(*) FROM journey_events WHERE step = 'first_contact'") == 1);
}

TEST_CASE("Foreign keys are enforced and the inbox is unique per platform message",
          "[bot][storage]") {
  testing::TempDir dir;
  auto db = testing::OpenTestDatabase(dir);
  CHECK_FALSE(db->Write([](SQLite::Database& c) {
    c.exec("INSERT INTO journey_events(contact_id, step, at) VALUES (777, 'first_contact', 1)");
  }));
  auto insert = [](SQLite::Database& c) {
    c.exec(
        "INSERT INTO inbox(channel, platform_message_id, sender_key, received_at, payload) "
        "VALUES ('telegram', '1001', 'telegram:5', 1, '{}')");
  };
  CHECK(db->Write(insert));
  Status again = db->Write(insert);
  REQUIRE_FALSE(again.ok());
  CHECK_THAT(again.error().message, Catch::Contains("UNIQUE"));
}

}  // namespace
}  // namespace workmatch
