// DirectoryStore: SQL for organizations, opportunities and contacts.
//
// Functions take the connection they run on: call them inside Database::Write
// (all of one load in one job, so it commits whole or not at all). Saving the
// same record twice changes nothing (see upsert.h).
#ifndef WORKMATCH_BOT_STORAGE_DIRECTORY_STORE_H_
#define WORKMATCH_BOT_STORAGE_DIRECTORY_STORE_H_

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <map>
#include <string>

#include "bot/storage/upsert.h"
#include "core/directory.h"

namespace workmatch {

// Counts of what a load did to one kind of record.
struct SaveCounts {
  int inserted = 0;
  int updated = 0;
  int unchanged = 0;
  void Add(UpsertOutcome outcome);
};

// Throws std::runtime_error when a referenced organization does not exist.
UpsertResult SaveOrganization(SQLite::Database& db, const Organization& org, int64_t now_ms);
UpsertResult SaveOpportunity(SQLite::Database& db, const Opportunity& opp, int64_t now_ms);
UpsertResult SaveContact(SQLite::Database& db, const ContactSeed& contact, int64_t now_ms);

// True when any organization exists / when `slug` exists.
bool HasOrganizations(SQLite::Database& db);
bool HasOrganization(SQLite::Database& db, const std::string& slug);

// Rows per table, for summaries and tests: {"organizations": 13, ...}.
std::map<std::string, int64_t> CountRows(SQLite::Database& db);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_STORAGE_DIRECTORY_STORE_H_
