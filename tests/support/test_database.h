// OpenTestDatabase: a migrated database file in a TempDir (fails the test if it
// cannot be opened).
#ifndef WORKMATCH_TESTS_SUPPORT_TEST_DATABASE_H_
#define WORKMATCH_TESTS_SUPPORT_TEST_DATABASE_H_

#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>
#include <memory>
#include <optional>
#include <string>

#include "bot/storage/database.h"
#include "tests/support/temp_dir.h"

namespace workmatch::testing {

inline std::unique_ptr<Database> OpenTestDatabase(const TempDir& dir,
                                                  std::optional<int> migrate_up_to = {},
                                                  const std::string& name = "wm.db") {
  DatabaseOptions options;
  options.path = dir.File(name);
  options.migrate_up_to = migrate_up_to;
  auto db = Database::Open(options);
  if (!db) FAIL(db.error().message);
  return std::move(db).value();
}

// The first column of the first row of `sql` (a COUNT, a MAX...).
inline int64_t QueryInt(Database& db, const std::string& sql) {
  int64_t n = -1;
  REQUIRE(db.Read([&](SQLite::Database& c) {
    SQLite::Statement q(c, sql);
    q.executeStep();
    n = q.getColumn(0).getInt64();
  }));
  return n;
}

}  // namespace workmatch::testing

#endif  // WORKMATCH_TESTS_SUPPORT_TEST_DATABASE_H_
