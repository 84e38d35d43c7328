// The demo data set (data/demo/hub.json, compiled into the binary): one hub
// with organizations in the UK, Finland and Romania, their opportunities, a
// caseworker and an employer contact per country.
//
// Loading is one write: all of it commits or none. Loading twice changes nothing.
#ifndef WORKMATCH_BOT_DEMO_DEMO_H_
#define WORKMATCH_BOT_DEMO_DEMO_H_

#include <string>

#include "bot/storage/database.h"
#include "bot/storage/directory_store.h"
#include "core/clock.h"
#include "core/directory_json.h"
#include "core/result.h"

namespace workmatch {

struct DemoSummary {
  SaveCounts organizations;
  SaveCounts opportunities;
  SaveCounts contacts;
};

// The embedded data set, parsed and validated.
Result<DirectoryData> DemoData();

Result<DemoSummary> LoadDemo(Database& db, const Clock& clock);

// True when the demo hub is in the database (the run script loads it once).
Result<bool> DemoLoaded(Database& db);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_DEMO_DEMO_H_
