// GET /healthz (alive), GET /readyz (database open, migrations current),
// GET /metrics (Prometheus text), GET / (what this server is and where to go).
#ifndef WORKMATCH_BOT_HTTP_HEALTH_ROUTES_H_
#define WORKMATCH_BOT_HTTP_HEALTH_ROUTES_H_

#include <string>

#include "bot/http/server.h"
#include "bot/observe/metrics.h"
#include "bot/storage/database.h"

namespace workmatch {

void AddHealthRoutes(HttpServer& server, Database& db, Metrics& metrics,
                     const std::string& version);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_HTTP_HEALTH_ROUTES_H_
