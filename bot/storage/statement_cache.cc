#include "bot/storage/statement_cache.h"

#include <memory>
#include <mutex>
#include <unordered_map>

namespace workmatch {
namespace {

using Cache = std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>>;

std::mutex g_mutex;
std::unordered_map<sqlite3*, std::unique_ptr<Cache>>& Registry() {
  static auto* registry = new std::unordered_map<sqlite3*, std::unique_ptr<Cache>>();
  return *registry;
}

}  // namespace

ScopedStatement Prepared(SQLite::Database& db, const char* sql) {
  Cache* cache = nullptr;
  {
    std::lock_guard lock(g_mutex);
    auto& slot = Registry()[db.getHandle()];
    if (!slot) slot = std::make_unique<Cache>();
    cache = slot.get();
  }
  auto& stmt = (*cache)[sql];
  if (!stmt) stmt = std::make_unique<SQLite::Statement>(db, sql);
  return ScopedStatement(*stmt);
}

void ForgetStatements(SQLite::Database& db) {
  std::unique_ptr<Cache> cache;
  {
    std::lock_guard lock(g_mutex);
    auto it = Registry().find(db.getHandle());
    if (it == Registry().end()) return;
    cache = std::move(it->second);
    Registry().erase(it);
  }
  // Statements finalize as `cache` goes.
}

}  // namespace workmatch
