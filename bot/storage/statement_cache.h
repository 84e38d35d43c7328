// Prepared statements kept per connection, so that hot paths (every webhook,
// every reply) do not compile the same SQL again and again.
//
//   ScopedStatement q = Prepared(conn, "SELECT ... WHERE id = ?");  // a literal
//   q->bind(1, id); q->executeStep(); ...   // reset when q goes out of scope
//
// The SQL's address is the key: pass string literals only. A connection is used
// by one thread at a time (database.h), so its cache needs no lock; the
// registry of caches has one. Database forgets a connection's statements
// before closing it.
#ifndef WORKMATCH_BOT_STORAGE_STATEMENT_CACHE_H_
#define WORKMATCH_BOT_STORAGE_STATEMENT_CACHE_H_

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace workmatch {

// A cached statement, reset (and its bindings cleared) when the scope ends, so
// that a reader never keeps a snapshot open.
class ScopedStatement {
 public:
  explicit ScopedStatement(SQLite::Statement& s) : s_(&s) {}
  ~ScopedStatement() {
    try {
      s_->reset();
      s_->clearBindings();
    } catch (...) {
      // reset reports the last step's error again; it was already handled.
    }
  }
  ScopedStatement(const ScopedStatement&) = delete;
  ScopedStatement& operator=(const ScopedStatement&) = delete;
  SQLite::Statement* operator->() { return s_; }
  SQLite::Statement& operator*() { return *s_; }

 private:
  SQLite::Statement* s_;
};

ScopedStatement Prepared(SQLite::Database& db, const char* sql);

// Finalizes the statements of `db` (before it is closed).
void ForgetStatements(SQLite::Database& db);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_STORAGE_STATEMENT_CACHE_H_
