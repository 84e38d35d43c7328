// `workmatch demo`: loads the demo data set and says what it did.
#include <fmt/format.h>

#include <iostream>

#include "bot/cli/commands.h"
#include "bot/demo/demo.h"
#include "bot/storage/database.h"
#include "bot/system_clock.h"
#include "bot/taxonomy/builtin_taxonomy.h"

namespace workmatch {
namespace {

std::string Line(const char* what, const SaveCounts& c) {
  return fmt::format("  {:<14} {} added, {} updated, {} unchanged\n", what, c.inserted, c.updated,
                     c.unchanged);
}

Result<bool> AnyOrganization(Database& db) {
  bool any = false;
  Status s = db.Read([&](SQLite::Database& conn) { any = HasOrganizations(conn); });
  if (!s) return s.error();
  return any;
}

}  // namespace

int RunDemo(const Config& config, const DemoOptions& options) {
  auto db = OpenDatabaseOrSay(config, "workmatch demo");
  if (!db) return 1;
  if (options.if_empty) {
    auto any = AnyOrganization(*db);
    if (!any) {
      std::cerr << "workmatch demo: " << any.error().message << "\n";
      return 1;
    }
    if (*any) {
      std::cout << "The database " << config.db_path
                << " already has organizations; the demo data set was not loaded.\n";
      return 0;
    }
  }
  SystemClock clock;
  auto summary = LoadDemo(*db, clock);
  if (!summary) {
    std::cerr << "workmatch demo: " << summary.error().message << "\n";
    return 1;
  }
  auto taxonomy = LoadBuiltinTaxonomyIfEmpty(*db, clock);
  if (!taxonomy) {
    std::cerr << "workmatch demo: " << taxonomy.error().message << "\n";
    return 1;
  }
  if (taxonomy->loaded) {
    std::cout << fmt::format("Default taxonomy loaded: {} occupations, {} skills, {} labels in {} "
                             "languages.\n",
                             taxonomy->occupations, taxonomy->skills, taxonomy->labels,
                             taxonomy->languages);
  }
  std::cout << "Demo data set loaded into " << config.db_path << ":\n"
            << Line("organizations", summary->organizations)
            << Line("opportunities", summary->opportunities) << Line("contacts", summary->contacts);
  return 0;
}

}  // namespace workmatch
