#include "bot/demo/demo.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/directory_json.h"
#include "core/embedded_file.h"

namespace workmatch {

std::span<const EmbeddedFile> EmbeddedDemoData();  // generated from data/demo/*.json

namespace {
constexpr const char* kHubSlug = "eu-employment-hub";
}  // namespace

Result<DirectoryData> DemoData() {
  for (const EmbeddedFile& f : EmbeddedDemoData()) {
    if (f.path != "hub.json") continue;
    nlohmann::json j = nlohmann::json::parse(f.content, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return Error{"demo.invalid", "data/demo/hub.json is not valid JSON"};
    return DirectoryFromJson(j);
  }
  return Error{"demo.invalid", "data/demo/hub.json is not in this build"};
}

Result<DemoSummary> LoadDemo(Database& db, const Clock& clock) {
  auto data = DemoData();
  if (!data) return data.error();
  DemoSummary summary;
  const int64_t now = ToUnixMillis(clock.Now());
  Status s = db.Write([&](SQLite::Database& conn) {
    summary = DemoSummary{};  // a retried job starts from zero
    for (const auto& o : data->organizations) {
      summary.organizations.Add(SaveOrganization(conn, o, now).outcome);
    }
    for (const auto& p : data->opportunities) {
      summary.opportunities.Add(SaveOpportunity(conn, p, now).outcome);
    }
    for (const auto& c : data->contacts) summary.contacts.Add(SaveContact(conn, c, now).outcome);
  });
  if (!s)
    return Error{"demo.load", fmt::format("the demo data was not loaded: {}", s.error().message)};
  return summary;
}

Result<bool> DemoLoaded(Database& db) {
  bool found = false;
  Status s = db.Read([&](SQLite::Database& conn) { found = HasOrganization(conn, kHubSlug); });
  if (!s) return s.error();
  return found;
}

}  // namespace workmatch
