#include "bot/demo/demo.h"

#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

namespace workmatch {
namespace {

// Every row of the directory tables, as text: equal dumps mean nothing changed.
std::string Dump(Database& db) {
  std::string out;
  REQUIRE(db.Read([&](SQLite::Database& c) {
    for (const char* table : {"organizations", "opportunities", "opportunity_skills",
                              "opportunity_languages", "contacts"}) {
      SQLite::Statement q(c, std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
      while (q.executeStep()) {
        out += table;
        for (int i = 0; i < q.getColumnCount(); ++i) {
          out += '|';
          out += q.getColumn(i).isNull() ? "NULL" : q.getColumn(i).getString();
        }
        out += '\n';
      }
    }
  }));
  return out;
}

TEST_CASE("The demo data set covers what a pilot hub needs", "[bot][demo]") {
  auto data = DemoData();
  REQUIRE(data.ok());
  std::map<std::string, std::multiset<std::string>> kinds_by_country;
  for (const auto& o : data->organizations) {
    if (o.country) kinds_by_country[*o.country].insert(o.kind);
  }
  for (const char* country : {"GB", "FI", "RO"}) {
    INFO(country);
    const auto& kinds = kinds_by_country[country];
    CHECK(kinds.count("ngo") >= 1);
    CHECK(kinds.count("public_service") >= 1);
    CHECK(kinds.count("employer") >= 2);
  }
  std::map<std::string, int> by_kind;
  std::set<std::string> service_types;
  for (const auto& p : data->opportunities) {
    ++by_kind[p.kind];
    if (p.service_type) service_types.insert(*p.service_type);
  }
  CHECK(data->opportunities.size() >= 40);
  for (const char* kind : {"job", "training", "mentoring", "service"}) {
    INFO(kind);
    CHECK(by_kind[kind] >= 3);
  }
  for (const char* service : {"language_course", "qualification_recognition", "legal_advice"}) {
    CHECK(service_types.count(service));
  }
  std::set<std::string> roles;
  for (const auto& c : data->contacts) roles.insert(c.role);
  CHECK(roles.count("caseworker"));
  CHECK(roles.count("employer"));
}

TEST_CASE("Loading the demo twice changes nothing", "[bot][demo]") {
  testing::TempDir dir;
  auto db = testing::OpenTestDatabase(dir);
  testing::FakeClock clock;
  auto first = LoadDemo(*db, clock);
  REQUIRE(first.ok());
  auto data = DemoData();
  CHECK(first->organizations.inserted == static_cast<int>(data->organizations.size()));
  CHECK(first->opportunities.inserted == static_cast<int>(data->opportunities.size()));
  CHECK(first->contacts.inserted == static_cast<int>(data->contacts.size()));
  REQUIRE(DemoLoaded(*db).value());
  std::string before = Dump(*db);

  clock.Advance(std::chrono::hours(24));
  auto second = LoadDemo(*db, clock);
  REQUIRE(second.ok());
  CHECK(second->organizations.inserted == 0);
  CHECK(second->organizations.updated == 0);
  CHECK(second->opportunities.inserted == 0);
  CHECK(second->opportunities.updated == 0);
  CHECK(second->contacts.updated == 0);
  CHECK(Dump(*db) == before);
}

TEST_CASE("A changed record is updated in place on reload", "[bot][demo]") {
  testing::TempDir dir;
  auto db = testing::OpenTestDatabase(dir);
  testing::FakeClock clock;
  REQUIRE(LoadDemo(*db, clock).ok());
  REQUIRE(db->Write([](SQLite::Database& c) {
    c.exec("UPDATE opportunities SET title = 'edited' WHERE id = 1");
    c.exec(
        "DELETE FROM opportunity_languages WHERE opportunity_id = (SELECT MIN(opportunity_id) "
        "FROM opportunity_languages WHERE opportunity_id <> 1)");
  }));
  clock.Advance(std::chrono::hours(1));
  auto again = LoadDemo(*db, clock);
  REQUIRE(again.ok());
  CHECK(again->opportunities.updated == 2);
  CHECK(again->opportunities.inserted == 0);
}

}  // namespace
}  // namespace workmatch
