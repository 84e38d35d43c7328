// Reading directory records from JSON (the demo data set, imports).
//
// Field names are those of data/demo/hub.json; see docs/data-format.md. A
// record is validated as it is read; an error names the record and the field.
#ifndef WORKMATCH_CORE_DIRECTORY_JSON_H_
#define WORKMATCH_CORE_DIRECTORY_JSON_H_

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/directory.h"
#include "core/result.h"

namespace workmatch {

Result<Organization> OrganizationFromJson(const nlohmann::json& j);
Result<Opportunity> OpportunityFromJson(const nlohmann::json& j);
Result<ContactSeed> ContactFromJson(const nlohmann::json& j);

// A whole data set: {"hub": {...}, "organizations": [...], "opportunities": [...],
// "contacts": [...]}; the hub comes first in `organizations`.
struct DirectoryData {
  std::vector<Organization> organizations;
  std::vector<Opportunity> opportunities;
  std::vector<ContactSeed> contacts;
};
Result<DirectoryData> DirectoryFromJson(const nlohmann::json& j);

}  // namespace workmatch

#endif  // WORKMATCH_CORE_DIRECTORY_JSON_H_
