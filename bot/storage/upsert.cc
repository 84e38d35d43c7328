#include "bot/storage/upsert.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace workmatch {

void BindValue(SQLite::Statement& stmt, int index, const SqlValue& value) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
          stmt.bind(index);
        } else if constexpr (std::is_same_v<T, int64_t>) {
          stmt.bind(index, static_cast<int64_t>(v));
        } else {
          stmt.bind(index, v);
        }
      },
      value);
}

UpsertResult UpsertRow(SQLite::Database& db, const std::string& table, const SqlColumns& key,
                       const SqlColumns& columns, int64_t now_ms) {
  std::vector<std::string> key_terms;
  for (const auto& [name, value] : key) key_terms.push_back(name + " = ?");
  const std::string where_key = fmt::format("{}", fmt::join(key_terms, " AND "));

  SQLite::Statement find(db, fmt::format("SELECT id FROM {} WHERE {}", table, where_key));
  int i = 1;
  for (const auto& [name, value] : key) BindValue(find, i++, value);
  if (!find.executeStep()) {
    std::vector<std::string> names, marks;
    for (const auto* part : {&key, &columns}) {
      for (const auto& [name, value] : *part) {
        names.push_back(name);
        marks.push_back("?");
      }
    }
    SQLite::Statement insert(
        db, fmt::format("INSERT INTO {} ({}, created_at, updated_at) VALUES ({}, ?, ?)", table,
                        fmt::join(names, ", "), fmt::join(marks, ", ")));
    i = 1;
    for (const auto* part : {&key, &columns}) {
      for (const auto& [name, value] : *part) BindValue(insert, i++, value);
    }
    insert.bind(i++, static_cast<int64_t>(now_ms));
    insert.bind(i++, static_cast<int64_t>(now_ms));
    insert.exec();
    return {db.getLastInsertRowid(), UpsertOutcome::kInserted};
  }
  const int64_t id = find.getColumn(0).getInt64();
  if (columns.empty()) return {id, UpsertOutcome::kUnchanged};

  std::vector<std::string> sets, differs;
  for (const auto& [name, value] : columns) {
    sets.push_back(name + " = ?");
    differs.push_back(name + " IS NOT ?");
  }
  SQLite::Statement update(
      db, fmt::format("UPDATE {} SET {}, updated_at = ? WHERE id = ? AND ({})", table,
                      fmt::join(sets, ", "), fmt::join(differs, " OR ")));
  i = 1;
  for (const auto& [name, value] : columns) BindValue(update, i++, value);
  update.bind(i++, static_cast<int64_t>(now_ms));
  update.bind(i++, static_cast<int64_t>(id));
  for (const auto& [name, value] : columns) BindValue(update, i++, value);
  int changed = update.exec();
  return {id, changed > 0 ? UpsertOutcome::kUpdated : UpsertOutcome::kUnchanged};
}

}  // namespace workmatch
