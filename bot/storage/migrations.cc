#include "bot/storage/migrations.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <vector>

#include "core/embedded_file.h"

namespace workmatch {

std::span<const EmbeddedFile> EmbeddedMigrations();  // generated from migrations/*.sql

namespace {

// "0002_work_queues.sql" -> {2, "work_queues"}. The build embeds only *.sql, so
// a malformed name is a programming error caught by the migration tests.
std::vector<Migration> ParseEmbedded() {
  std::vector<Migration> out;
  for (const EmbeddedFile& f : EmbeddedMigrations()) {
    std::string_view name = f.path;
    size_t underscore = name.find('_');
    size_t dot = name.rfind(".sql");
    int version = std::atoi(std::string(name.substr(0, underscore)).c_str());
    out.push_back(Migration{version, name.substr(underscore + 1, dot - underscore - 1), f.content});
  }
  return out;
}

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void EnsureTable(SQLite::Database& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
}

}  // namespace

std::span<const Migration> BuiltinMigrations() {
  static const std::vector<Migration> migrations = ParseEmbedded();
  return migrations;
}

int RecordedVersion(SQLite::Database& db) {
  if (!db.tableExists("schema_migrations")) return 0;
  SQLite::Statement q(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  q.executeStep();
  return q.getColumn(0).getInt();
}

Status Migrate(SQLite::Database& db, std::span<const Migration> migrations,
               std::optional<int> up_to) {
  int expected = 1;
  for (const Migration& m : migrations) {
    if (m.version != expected++) {
      return Error{"storage.migration",
                   fmt::format("migration {} ({}) is out of sequence: versions must be 1, 2, 3... "
                               "without gaps",
                               m.version, m.name)};
    }
  }
  int latest = migrations.empty() ? 0 : migrations.back().version;
  try {
    EnsureTable(db);
    int current = RecordedVersion(db);
    if (current > latest) {
      return Error{"storage.migration",
                   fmt::format("the database {} is at schema version {}, newer than this "
                               "workmatch knows ({}); run a newer workmatch or restore a backup",
                               db.getFilename(), current, latest)};
    }
    for (const Migration& m : migrations) {
      if (m.version <= current) continue;
      if (up_to && m.version > *up_to) break;
      try {
        SQLite::Transaction tx(db);
        db.exec(std::string(m.sql));
        SQLite::Statement rec(db,
                              "INSERT INTO schema_migrations(version, name, applied_at) "
                              "VALUES (?, ?, ?)");
        rec.bind(1, m.version);
        rec.bind(2, std::string(m.name));
        rec.bind(3, static_cast<int64_t>(NowMillis()));
        rec.exec();
        tx.commit();
      } catch (const std::exception& e) {
        return Error{"storage.migration",
                     fmt::format("migration {} ({}) failed: {}", m.version, m.name, e.what())};
      }
    }
  } catch (const std::exception& e) {
    return Error{"storage.migration", fmt::format("cannot read the schema version: {}", e.what())};
  }
  return Status::Ok();
}

}  // namespace workmatch
