// DialogStore: SQL for what conversations keep and change: the engine's
// session per person, the profile the answers build, the actions a dialog asks
// of the host, handoffs, referrals, opting out and erasure. Functions take the
// connection they run on: call them inside Database::Write (or Read).
#ifndef WORKMATCH_BOT_STORAGE_DIALOG_STORE_H_
#define WORKMATCH_BOT_STORAGE_DIALOG_STORE_H_

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace workmatch {

// The stored session (the engine's JSON), or null when the person has none.
nlohmann::json LoadSession(SQLite::Database& db, int64_t contact_id);

// Stores the engine's session; the columns the funnel and the timer read
// (flow, node, node_entered_at, status, reminder and expiry times) are taken
// from it. `expected_updated_at`: when set, only a row last written at that
// time is replaced (the timer must not overwrite a newer answer); returns
// false when it was not.
bool SaveSession(SQLite::Database& db, int64_t contact_id, const nlohmann::json& session,
                 int64_t now_ms, std::optional<int64_t> expected_updated_at = std::nullopt);

// Applies the profile fields a dialog set (dialogs/flows: locale,
// second_locale, consent, occupation, years, skills, other_work, languages,
// education, has_diploma, recognition, location, travel, availability,
// shifts, available_from, right_to_work, looking_for, alerts,
// intake_completed). Unknown fields and values outside a column's set are
// skipped and returned, so a flow mistake cannot lose the person's message.
std::vector<std::string> ApplyProfile(SQLite::Database& db, int64_t contact_id,
                                      const nlohmann::json& profile, int64_t now_ms);

// Queues an action for the features that carry it out (find_matches, ...).
void RecordAction(SQLite::Database& db, int64_t contact_id, const std::string& name,
                  const nlohmann::json& args, int64_t now_ms);

// Opens a handoff unless one is open already. True when a new one was opened.
bool OpenHandoff(SQLite::Database& db, int64_t contact_id, const std::string& reason,
                 int64_t now_ms);

// Attaches the person to the organization whose referral code is `code` (any
// case), unless they belong to one already. Returns the organization's name.
std::optional<std::string> AttachReferral(SQLite::Database& db, int64_t contact_id,
                                          const std::string& code, int64_t now_ms);

// "stop" and "start": the contact gets no proactive messages while opted out.
void SetOptedOut(SQLite::Database& db, int64_t contact_id, bool opted_out, int64_t now_ms);

// Deletes the person's profile, session, answers and message texts; keeps an
// anonymous contact (status 'erased') so that the confirmation can be sent and
// journey figures stay true.
void EraseContactData(SQLite::Database& db, int64_t contact_id, int64_t now_ms);

// A session waiting long enough for a reminder or expiry.
struct DueSession {
  int64_t contact_id = 0;
  std::string channel, chat_id;
  std::string locale, second_locale;
  std::string contact_status;
  nlohmann::json session;
  int64_t updated_at = 0;
};
std::vector<DueSession> DueSessions(SQLite::Database& db, int64_t now_ms, int64_t reminder_after_ms,
                                    int limit);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_STORAGE_DIALOG_STORE_H_
