// UpsertRow: insert a row by its natural key, or update it only where a column
// differs, telling which of the three happened. Re-loading the same data is
// therefore a no-op (updated_at moves only on a real change).
//
// Table and column names come from our code, never from input.
#ifndef WORKMATCH_BOT_STORAGE_UPSERT_H_
#define WORKMATCH_BOT_STORAGE_UPSERT_H_

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace workmatch {

using SqlValue = std::variant<std::nullptr_t, int64_t, double, std::string>;
using SqlColumns = std::vector<std::pair<std::string, SqlValue>>;

enum class UpsertOutcome { kInserted, kUpdated, kUnchanged };

struct UpsertResult {
  int64_t id = 0;
  UpsertOutcome outcome = UpsertOutcome::kUnchanged;
};

// REQUIRES: `table` has INTEGER PRIMARY KEY id, created_at and updated_at.
// `key` identifies the row (a UNIQUE constraint); `columns` are the rest.
UpsertResult UpsertRow(SQLite::Database& db, const std::string& table, const SqlColumns& key,
                       const SqlColumns& columns, int64_t now_ms);

// Binds `value` to parameter `index` (1-based) of `stmt`.
void BindValue(SQLite::Statement& stmt, int index, const SqlValue& value);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_STORAGE_UPSERT_H_
