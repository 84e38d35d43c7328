// MatchStore: what carrying out matching actions writes and reads (migration
// 0005 and the queues of 0003): the pending actions, the opportunities a
// person was shown, and places taken in trainings and mentoring.
#ifndef WORKMATCH_BOT_STORAGE_MATCH_STORE_H_
#define WORKMATCH_BOT_STORAGE_MATCH_STORE_H_

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace workmatch {

struct PendingAction {
  int64_t id = 0;
  int64_t contact_id = 0;
  std::string name;
  nlohmann::json args;
  std::string channel, chat_id, locale, second_locale, contact_status;
};

// The oldest pending find_matches, search_services and request_mentor actions.
std::vector<PendingAction> PendingMatchActions(SQLite::Database& db, int limit);

// Marks a pending action done or failed; false when it was no longer pending.
bool FinishAction(SQLite::Database& db, int64_t action_id, const std::string& status,
                  int64_t now_ms);

// The person was shown an opportunity: an `opportunity_sent` (or, for a
// service, `service_referred`) journey step and, for jobs and trainings, an
// alerts_sent row, so an alert never repeats it.
void RecordShown(SQLite::Database& db, int64_t contact_id, int64_t opportunity_id,
                 const std::string& step, double score, int64_t now_ms);

// Takes a place for the person if one is left (capacity minus requested and
// active places; no capacity: always); records `mentor_matched` or
// `training_enrolled`. False when the opportunity is full.
bool TakePlace(SQLite::Database& db, int64_t opportunity_id, int64_t contact_id,
               const std::string& step, int64_t now_ms);

// The open mentoring the person has a place in, if any: its id.
std::optional<int64_t> CurrentMentoring(SQLite::Database& db, int64_t contact_id);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_STORAGE_MATCH_STORE_H_
