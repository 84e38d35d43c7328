#include "bot/storage/database.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <filesystem>

#include "bot/observe/log.h"
#include "bot/storage/statement_cache.h"

namespace workmatch {
namespace {

// Every connection: a busy timeout, foreign keys, and the file memory-mapped
// so that reads after a commit are page-table hits, not pread copies.
void Configure(SQLite::Database& db, int busy_timeout_ms) {
  db.setBusyTimeout(busy_timeout_ms);
  db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const DatabaseOptions& options,
                                                 std::span<const Migration> migrations) {
  if (options.path.empty()) {
    return Error{"storage.open", "no database path; set WORKMATCH_DB to a file path"};
  }
  if (options.synchronous != "FULL" && options.synchronous != "NORMAL") {
    return Error{"storage.open", "synchronous must be FULL or NORMAL"};
  }
  std::unique_ptr<SQLite::Database> writer;
  try {
    std::filesystem::path parent = std::filesystem::path(options.path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    writer = std::make_unique<SQLite::Database>(
        options.path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    Configure(*writer, options.busy_timeout_ms);
    // journal_mode answers with the mode in force; anything but wal means the
    // file system cannot do WAL (some network mounts), which we do not support.
    SQLite::Statement wal(*writer, "PRAGMA journal_mode = WAL");
    wal.executeStep();
    if (wal.getColumn(0).getString() != "wal") {
      return Error{"storage.open",
                   fmt::format("{}: the file system does not support WAL; put the database on a "
                               "local disk",
                               options.path)};
    }
    writer->exec("PRAGMA synchronous = " + options.synchronous);
  } catch (const std::exception& e) {
    return Error{"storage.open",
                 fmt::format("cannot open the database {}: {}; check WORKMATCH_DB and that the "
                             "folder is writable",
                             options.path, e.what())};
  }
  if (Status s = Migrate(*writer, migrations, options.migrate_up_to); !s) return s.error();
  int latest = migrations.empty() ? 0 : migrations.back().version;
  return std::unique_ptr<Database>(new Database(options, std::move(writer), latest));
}

Database::Database(DatabaseOptions options, std::unique_ptr<SQLite::Database> writer, int latest)
    : options_(std::move(options)), latest_version_(latest), writer_(std::move(writer)) {
  writer_thread_ = std::thread([this] { WriterLoop(); });
}

Database::~Database() { Close(); }

void Database::Close() {
  {
    std::lock_guard lock(queue_mutex_);
    if (closing_ && !writer_thread_.joinable()) return;
    closing_ = true;
  }
  queue_cv_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  {
    std::lock_guard lock(readers_mutex_);
    for (auto& reader : idle_readers_) ForgetStatements(*reader);
    idle_readers_.clear();
  }
  if (writer_) ForgetStatements(*writer_);
  writer_.reset();
}

std::future<Status> Database::WriteAsync(WriteFn fn) {
  Job job{std::move(fn), {}, {}};
  std::future<Status> result = job.done.get_future();
  {
    std::lock_guard lock(queue_mutex_);
    if (closing_) {
      job.done.set_value(Error{"storage.closed", "the database is closing; retry later"});
      return result;
    }
    queue_.push_back(std::move(job));
  }
  queue_cv_.notify_one();
  return result;
}

Status Database::Write(WriteFn fn) { return WriteAsync(std::move(fn)).get(); }

Status Database::WriteThen(WriteFn fn, std::function<void()> after_commit) {
  Job job{std::move(fn), {}, std::move(after_commit)};
  std::future<Status> result = job.done.get_future();
  {
    std::lock_guard lock(queue_mutex_);
    if (closing_) return Error{"storage.closed", "the database is closing; retry later"};
    queue_.push_back(std::move(job));
  }
  queue_cv_.notify_one();
  return result.get();
}

size_t Database::PendingWrites() const {
  std::lock_guard lock(queue_mutex_);
  return queue_.size();
}

void Database::WriterLoop() {
  std::vector<Job> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing and drained
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
    batch.clear();
  }
}

void Database::RunBatch(std::vector<Job>& batch) {
  std::vector<Status> results(batch.size());
  SQLite::Database& db = *writer_;
  try {
    Prepared(db, "BEGIN IMMEDIATE")->exec();
  } catch (const std::exception& e) {
    for (Job& job : batch) {
      job.done.set_value(Error{"storage.write", fmt::format("cannot begin: {}", e.what())});
    }
    return;
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    try {
      Prepared(db, "SAVEPOINT job")->exec();
    } catch (const std::exception& e) {
      results[i] = Error{"storage.write", e.what()};
      continue;
    }
    try {
      batch[i].fn(db);
      Prepared(db, "RELEASE job")->exec();
    } catch (const std::exception& e) {
      results[i] = Error{"storage.write", e.what()};
      try {
        Prepared(db, "ROLLBACK TO job")->exec();
        Prepared(db, "RELEASE job")->exec();
      } catch (const std::exception& rollback) {
        log::Error("storage", "savepoint rollback failed", {{"error", rollback.what()}});
      }
    }
  }
  try {
    Prepared(db, "COMMIT")->exec();
  } catch (const std::exception& e) {
    log::Error("storage", "commit failed", {{"error", e.what()}, {"jobs", batch.size()}});
    try {
      db.exec("ROLLBACK");
    } catch (const std::exception&) {
      // The transaction is already gone; nothing more to undo.
    }
    for (Status& r : results) {
      if (r.ok()) r = Error{"storage.write", fmt::format("commit failed: {}", e.what())};
    }
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    if (results[i].ok() && batch[i].after_commit) {
      try {
        batch[i].after_commit();
      } catch (const std::exception& e) {
        log::Error("storage", "after-commit callback failed", {{"error", e.what()}});
      }
    }
    batch[i].done.set_value(results[i]);
  }
}

Result<std::unique_ptr<SQLite::Database>> Database::OpenReader() const {
  try {
    auto db = std::make_unique<SQLite::Database>(options_.path,
                                                 SQLite::OPEN_READONLY | SQLite::OPEN_FULLMUTEX);
    Configure(*db, options_.busy_timeout_ms);
    return db;
  } catch (const std::exception& e) {
    return Error{"storage.read", fmt::format("cannot open a reader: {}", e.what())};
  }
}

Status Database::Read(const ReadFn& fn) {
  std::unique_ptr<SQLite::Database> conn;
  {
    std::unique_lock lock(readers_mutex_);
    readers_cv_.wait(
        lock, [this] { return !idle_readers_.empty() || open_readers_ < options_.max_readers; });
    if (!idle_readers_.empty()) {
      conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    } else {
      ++open_readers_;
    }
  }
  if (!conn) {
    auto opened = OpenReader();
    if (!opened) {
      std::lock_guard lock(readers_mutex_);
      --open_readers_;
      readers_cv_.notify_one();
      return opened.error();
    }
    conn = std::move(opened).value();
  }
  Status status;
  try {
    fn(*conn);
  } catch (const std::exception& e) {
    status = Error{"storage.read", e.what()};
  }
  {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.push_back(std::move(conn));
  }
  readers_cv_.notify_one();
  return status;
}

Result<int> Database::SchemaVersion() {
  int version = 0;
  Status s = Read([&](SQLite::Database& db) { version = RecordedVersion(db); });
  if (!s) return s.error();
  return version;
}

}  // namespace workmatch
