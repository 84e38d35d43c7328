// `workmatch serve`: the composition root of the running service.
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "bot/cli/commands.h"
#include "bot/cli/shutdown_signals.h"
#include "bot/http/health_routes.h"
#include "bot/http/server.h"
#include "bot/observe/log.h"
#include "bot/observe/metrics.h"
#include "bot/storage/database.h"
#include "bot/version.h"

namespace workmatch {
namespace {

// Rows of `table` in `status` (a queue depth), or -1 when unreadable.
double CountWhere(Database& db, const char* sql) {
  double n = -1;
  Status s = db.Read([&](SQLite::Database& conn) {
    SQLite::Statement q(conn, sql);
    if (q.executeStep()) n = static_cast<double>(q.getColumn(0).getInt64());
  });
  return s ? n : -1;
}

void AddQueueGauges(Metrics& metrics, Database& db, HttpServer& server) {
  metrics.AddGauge("workmatch_inbox_pending", "Accepted messages not yet processed.", [&db] {
    return CountWhere(db, "SELECT COUNT(*) FROM inbox WHERE status = 'pending'");
  });
  metrics.AddGauge("workmatch_outbox_queued", "Messages waiting to be sent.", [&db] {
    return CountWhere(db, "SELECT COUNT(*) FROM outbox WHERE status = 'queued'");
  });
  metrics.AddGauge("workmatch_db_write_queue", "Writes waiting for the database writer.",
                   [&db] { return static_cast<double>(db.PendingWrites()); });
  metrics.AddGauge("workmatch_http_queued_connections",
                   "Accepted connections waiting for a request thread.",
                   [&server] { return static_cast<double>(server.QueuedConnections()); });
}

}  // namespace

int RunServe(const Config& config) {
  ShutdownSignals signals;  // first: every thread started below inherits the mask

  log::Info("serve", "starting", {{"version", kWorkmatchVersion}, {"db", config.db_path}});
  DatabaseOptions db_options;
  db_options.path = config.db_path;
  auto db = Database::Open(db_options);
  if (!db) {
    log::Error("serve", "cannot open the database", {{"error", db.error().message}});
    std::cerr << "workmatch: " << db.error().message << "\n";
    return 1;
  }

  Metrics metrics;
  HttpOptions http;
  http.host = config.listen_host;
  http.port = config.listen_port;
  http.threads = config.http_threads;
  http.max_body_bytes = config.max_body_bytes;
  http.read_timeout = std::chrono::milliseconds(config.read_timeout_ms);
  http.keep_alive_timeout_s = std::max(1, (config.read_timeout_ms + 999) / 1000);
  HttpServer server(http, metrics);
  AddHealthRoutes(server, **db, metrics, kWorkmatchVersion);
  AddQueueGauges(metrics, **db, server);

  auto port = server.Bind();
  if (!port) {
    log::Error("serve", "cannot listen", {{"error", port.error().message}});
    std::cerr << "workmatch: " << port.error().message << "\n";
    return 1;
  }
  for (const std::string& line : DescribeChannels(config)) log::Info("serve", line);
  log::Info("serve", "listening",
            {{"addr", fmt::format("{}:{}", config.listen_host, *port)},
             {"schema_version", (*db)->LatestVersion()}});

  signals.Watch([&server](const char* name) {
    log::Info("serve", "shutting down", {{"signal", name}});
    server.Stop();
  });
  server.Run();  // returns once in-flight requests are answered
  (*db)->Close();
  log::Info("serve", "stopped");
  return 0;
}

}  // namespace workmatch
