#include "bot/http/health_routes.h"

#include <fmt/format.h>

#include "bot/http/json_response.h"

namespace workmatch {

void AddHealthRoutes(HttpServer& server, Database& db, Metrics& metrics,
                     const std::string& version) {
  server.Get("/", "/", [version](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200,
             {{"name", "WorkMatch"},
              {"version", version},
              {"links", {{"health", "/healthz"}, {"ready", "/readyz"}, {"metrics", "/metrics"}}}});
  });
  server.Get("/healthz", "/healthz", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, {{"status", "ok"}});
  });
  server.Get("/readyz", "/readyz", [&db](const httplib::Request&, httplib::Response& res) {
    auto schema = db.SchemaVersion();
    if (!schema) {
      SendError(res, 503, "database_unavailable",
                fmt::format("The database cannot be read ({}); check WORKMATCH_DB.",
                            schema.error().message));
      return;
    }
    if (*schema != db.LatestVersion()) {
      SendError(res, 503, "migrations_pending",
                fmt::format("The database is at schema {} and this build needs {}; restart to "
                            "migrate.",
                            *schema, db.LatestVersion()));
      return;
    }
    SendJson(res, 200, {{"status", "ready"}, {"schema_version", *schema}});
  });
  server.Get("/metrics", "/metrics", [&metrics](const httplib::Request&, httplib::Response& res) {
    res.set_content(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace workmatch
