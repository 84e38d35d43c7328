// Database: WorkMatch's one SQLite file, opened with WAL, foreign keys and a
// busy timeout, and migrated to the newest schema when opened.
//
// The write path (the one way anything is written):
//   - One writer thread owns the only read-write connection.
//   - Write()/WriteAsync() queue a WriteFn. The writer takes every queued job
//     (up to max_batch) into ONE transaction and commits once: concurrent
//     writers share the cost of a durable commit (group commit). Each job runs
//     inside its own SAVEPOINT, so a job that throws is rolled back alone and
//     its caller gets the error; the others commit.
//   - Write() returns after the COMMIT (durable with synchronous=FULL) or
//     with the error. Jobs of one caller run in the order submitted.
// Reads: Read() borrows one of a small pool of read-only connections; WAL lets
// them run concurrently with each other and with the writer, on the last
// committed state.
//
// Connections are opened without SQLite's own mutexes (multi-thread mode):
// each is used by one thread at a time, which the writer thread and the reader
// pool guarantee.
//
// Thread-safe. A WriteFn must not call Write() or Read() (the writer would wait
// on itself) and must do only database work: it runs on the shared writer.
#ifndef WORKMATCH_BOT_STORAGE_DATABASE_H_
#define WORKMATCH_BOT_STORAGE_DATABASE_H_

#include <SQLiteCpp/Database.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bot/storage/migrations.h"
#include "core/result.h"

namespace workmatch {

struct DatabaseOptions {
  // The database file; its folder is created if missing. Default: none (required).
  std::string path;
  // How long a connection waits for another process's lock. Default: 5000 ms.
  int busy_timeout_ms = 5000;
  // Read-only connections kept for Read(). Default: 4.
  int max_readers = 4;
  // Most jobs in one transaction. Default: 512.
  size_t max_batch = 512;
  // PRAGMA synchronous for the writer: "FULL" (a commit survives power loss) or
  // "NORMAL" (survives a process crash). Default: FULL.
  std::string synchronous = "FULL";
  // Apply migrations up to this version only (tests of upgrades). Default: all.
  std::optional<int> migrate_up_to;
};

class Database {
 public:
  // Runs on the writer inside a transaction; throw (any std::exception) to roll
  // this job back.
  using WriteFn = std::function<void(SQLite::Database&)>;
  using ReadFn = std::function<void(SQLite::Database&)>;

  // Opens (creating if needed) and migrates. Errors: "storage.open" (the file
  // cannot be opened or is not a database), "storage.migration" (a migration
  // failed or the file is newer than this program).
  static Result<std::unique_ptr<Database>> Open(
      const DatabaseOptions& options, std::span<const Migration> migrations = BuiltinMigrations());

  // Drains the queue, stops the writer and closes every connection.
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Blocks until `fn` is committed or failed. Errors: "storage.write" (fn threw
  // or the commit failed), "storage.closed".
  Status Write(WriteFn fn);
  // As Write(), without waiting.
  std::future<Status> WriteAsync(WriteFn fn);
  // As Write(); `after_commit` then runs on the writer thread right after the
  // commit, only if `fn` succeeded. Jobs commit in submission order, so these
  // callbacks run in the order of the rows' ids: use it to hand committed rows
  // to in-memory queues in order. It must be quick and must not call Write().
  Status WriteThen(WriteFn fn, std::function<void()> after_commit);

  // Runs `fn` on a read-only connection. Errors: "storage.read".
  Status Read(const ReadFn& fn);

  // Stops taking writes, finishes those queued, stops the writer. Idempotent.
  void Close();

  // Jobs queued and not yet committed (a gauge for /metrics).
  size_t PendingWrites() const;
  // The highest migration version recorded in the file (reads it).
  Result<int> SchemaVersion();
  // The newest version this program knows.
  int LatestVersion() const { return latest_version_; }
  const std::string& path() const { return options_.path; }

 private:
  struct Job {
    WriteFn fn;
    std::promise<Status> done;
    std::function<void()> after_commit;
  };

  Database(DatabaseOptions options, std::unique_ptr<SQLite::Database> writer, int latest);
  void WriterLoop();
  void RunBatch(std::vector<Job>& batch);
  Result<std::unique_ptr<SQLite::Database>> OpenReader() const;

  const DatabaseOptions options_;
  const int latest_version_;
  std::unique_ptr<SQLite::Database> writer_;  // used by the writer thread only

  mutable std::mutex queue_mutex_;
  std::condition_variable queue_cv_;
  std::deque<Job> queue_;  // guarded by queue_mutex_
  bool closing_ = false;   // guarded by queue_mutex_
  std::thread writer_thread_;

  std::mutex readers_mutex_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SQLite::Database>> idle_readers_;  // guarded by readers_mutex_
  int open_readers_ = 0;                                         // guarded by readers_mutex_
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_STORAGE_DATABASE_H_
