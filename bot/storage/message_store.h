// MessageStore: SQL for the inbox, the outbox and the contacts that messages
// come from and go to. Functions take the connection they run on: call them
// inside Database::Write (or Read for the queries).
#ifndef WORKMATCH_BOT_STORAGE_MESSAGE_STORE_H_
#define WORKMATCH_BOT_STORAGE_MESSAGE_STORE_H_

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/messaging/messages.h"

namespace workmatch {

// --- inbox ---------------------------------------------------------------

// Stores an accepted message; nullopt when (channel, platform id) is already
// there (a platform's retry). Returns the new row id otherwise.
std::optional<int64_t> InsertInbox(SQLite::Database& db, const InboundMessage& m, int64_t now_ms);

struct PendingInbox {
  int64_t id = 0;
  InboundMessage message;
};
// Every pending row, oldest first (start-up recovery).
std::vector<PendingInbox> LoadPendingInbox(SQLite::Database& db);

// status: "done", "ignored" or "failed".
void FinishInbox(SQLite::Database& db, int64_t inbox_id, const std::string& status,
                 std::optional<int64_t> contact_id, int64_t now_ms, const std::string& error = "");

// --- contacts ------------------------------------------------------------

struct ContactRecord {
  int64_t id = 0;
  std::string role = "newcomer";
  std::string status = "active";
  std::optional<std::string> locale;
  std::optional<int64_t> last_inbound_at;
  std::optional<std::string> second_locale;
};

std::optional<ContactRecord> FindContact(SQLite::Database& db, const std::string& channel,
                                         const std::string& external_id);

// Creates the contact of a message's sender or updates it: last inbound time,
// chat id, display name, and `active` again if it had blocked us (writing to us
// proves it is reachable) or had its data erased (a new start). Opted-out
// contacts stay opted out until they say "start". `locale` is set only when the contact has none.
ContactRecord TouchContact(SQLite::Database& db, const InboundMessage& m, const std::string& locale,
                           int64_t now_ms);

// Creates a contact with no message yet (a web chat session).
int64_t CreateContact(SQLite::Database& db, const std::string& channel,
                      const std::string& external_id, const std::string& locale, int64_t now_ms);

// A Telegram block (`reachable` false) or unblock. Opted-out and erased
// contacts stay as they are.
void SetReachable(SQLite::Database& db, const std::string& channel, const std::string& external_id,
                  bool reachable, int64_t now_ms);

// The platform said the person cannot be reached (blocked us, chat gone).
void MarkContactBlocked(SQLite::Database& db, int64_t contact_id, int64_t now_ms);

// Queue depths for /metrics.
struct QueueDepths {
  int64_t inbox_pending = -1;
  int64_t outbox_queued = -1;
};
QueueDepths ReadQueueDepths(SQLite::Database& db);

// True when `chat_id` is the chat of a caseworker (a caseworker group).
bool IsCaseworkerChat(SQLite::Database& db, const std::string& channel, const std::string& chat_id);

void AppendJourney(SQLite::Database& db, int64_t contact_id, const std::string& step,
                   int64_t now_ms, const std::string& detail_json = "{}");

// --- outbox --------------------------------------------------------------

int64_t EnqueueOutbox(SQLite::Database& db, std::optional<int64_t> contact_id,
                      const std::string& channel, const std::string& chat_id,
                      std::optional<int64_t> inbox_id, const OutboundMessage& m, int64_t now_ms);

struct OutboxRow {
  int64_t id = 0;
  std::string channel;
  std::string chat_id;
  std::optional<int64_t> contact_id;
  std::string contact_status = "active";
  std::optional<int64_t> last_inbound_at;
  int attempts = 0;
  bool is_reply = false;  // answers a message of the person (not an alert or reminder)
  OutboundMessage message;
};

// Queued rows of `channels` due at `now_ms`, each the oldest unsent row of its
// chat (order per chat), oldest due first.
std::vector<OutboxRow> DueOutbox(SQLite::Database& db, int64_t now_ms, int limit,
                                 const std::vector<std::string>& channels);
// The earliest next_attempt_at of a queued row, if any.
std::optional<int64_t> NextOutboxDue(SQLite::Database& db);

void MarkOutboxSent(SQLite::Database& db, int64_t id, const std::string& platform_message_id,
                    int64_t now_ms);
void MarkOutboxRetry(SQLite::Database& db, int64_t id, int attempts, int64_t next_attempt_at,
                     const std::string& error);
// status: "failed" (refused, unreachable) or "dead" (no attempts left).
void MarkOutboxFinal(SQLite::Database& db, int64_t id, const std::string& status,
                     const std::string& error, int64_t now_ms);
// Telegram moved a group to a supergroup: every queued row and the contact follow.
void MoveChat(SQLite::Database& db, const std::string& channel, const std::string& old_chat_id,
              const std::string& new_chat_id);

// A platform receipt. Statuses never move backwards (sent < delivered < read;
// failed only after nothing or sent). A failed receipt also fails the row.
// Returns false when no row has that platform id.
bool ApplyReceipt(SQLite::Database& db, const DeliveryReceipt& r, int64_t now_ms);

struct ChatRow {
  int64_t id = 0;
  OutboundMessage message;
};
// Outbox rows of one chat after `after_id`, oldest first (the web chat's
// poll, the terminal chat).
std::vector<ChatRow> ChatMessagesAfter(SQLite::Database& db, const std::string& channel,
                                       const std::string& chat_id, int64_t after_id, int limit);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_STORAGE_MESSAGE_STORE_H_
