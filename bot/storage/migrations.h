// Schema migrations: numbered SQL files (bot/storage/migrations/NNNN_name.sql,
// compiled into the binary), applied in order, each in its own transaction and
// recorded in schema_migrations(version, name, applied_at).
//
// Rules: a released migration never changes; a new one gets the next number.
// Opening a file whose recorded version is newer than the program is an error
// (an older binary must not write to a newer schema).
#ifndef WORKMATCH_BOT_STORAGE_MIGRATIONS_H_
#define WORKMATCH_BOT_STORAGE_MIGRATIONS_H_

#include <SQLiteCpp/Database.h>

#include <optional>
#include <span>
#include <string_view>

#include "core/result.h"

namespace workmatch {

struct Migration {
  int version;            // 1, 2, ... without gaps
  std::string_view name;  // from the file name: "initial"
  std::string_view sql;
};

// The migrations compiled into this binary, in version order.
std::span<const Migration> BuiltinMigrations();

// The version recorded in `db`; 0 for a fresh file.
int RecordedVersion(SQLite::Database& db);

// Applies the migrations newer than the recorded version, up to `up_to` (all
// when nullopt). Running it again is a no-op. Error: "storage.migration" with
// the version and name of the migration that failed.
Status Migrate(SQLite::Database& db, std::span<const Migration> migrations,
               std::optional<int> up_to = std::nullopt);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_STORAGE_MIGRATIONS_H_
