#include "bot/storage/message_store.h"

#include <SQLiteCpp/Statement.h>

#include <nlohmann/json.hpp>

#include "bot/storage/statement_cache.h"

namespace workmatch {
namespace {

using nlohmann::json;

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::optional<std::string> OptText(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

std::optional<int64_t> OptInt(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}

void BindOpt(SQLite::Statement& q, int i, const std::optional<int64_t>& v) {
  if (v) {
    q.bind(i, *v);
  } else {
    q.bind(i);
  }
}

void BindOpt(SQLite::Statement& q, int i, const std::optional<std::string>& v) {
  if (v) {
    q.bind(i, *v);
  } else {
    q.bind(i);
  }
}

int ReceiptRank(const std::string& status) {
  if (status == "sent") return 1;
  if (status == "delivered") return 2;
  if (status == "read") return 3;
  return 0;
}

}  // namespace

std::optional<int64_t> InsertInbox(SQLite::Database& db, const InboundMessage& m, int64_t now_ms) {
  ScopedStatement q =
      Prepared(db,
               "INSERT INTO inbox(channel, platform_message_id, sender_key, received_at, "
               "payload) VALUES (?, ?, ?, ?, ?) "
               "ON CONFLICT (channel, platform_message_id) DO NOTHING");
  q->bind(1, m.channel);
  q->bind(2, m.platform_message_id);
  q->bind(3, m.channel + ":" + m.sender_id);
  q->bind(4, now_ms);
  q->bind(5, Dump(ToJson(m)));
  if (q->exec() == 0) return std::nullopt;
  return db.getLastInsertRowid();
}

std::vector<PendingInbox> LoadPendingInbox(SQLite::Database& db) {
  std::vector<PendingInbox> out;
  SQLite::Statement q(db, "SELECT id, payload FROM inbox WHERE status = 'pending' ORDER BY id");
  while (q.executeStep()) {
    auto m = InboundFromJson(json::parse(q.getColumn(1).getString(), nullptr, false));
    if (!m) continue;  // unreadable rows stay pending for an operator; they cannot be processed
    out.push_back({q.getColumn(0).getInt64(), std::move(m).value()});
  }
  return out;
}

void FinishInbox(SQLite::Database& db, int64_t inbox_id, const std::string& status,
                 std::optional<int64_t> contact_id, int64_t now_ms, const std::string& error) {
  ScopedStatement q = Prepared(db,
                               "UPDATE inbox SET status = ?, contact_id = ?, processed_at = ?, "
                               "attempts = attempts + 1, last_error = NULLIF(?, '') WHERE id = ?");
  q->bind(1, status);
  BindOpt(*q, 2, contact_id);
  q->bind(3, now_ms);
  q->bind(4, error);
  q->bind(5, inbox_id);
  q->exec();
}

// Columns: id, role, status, locale, last_inbound_at.
ContactRecord ContactFromRow(SQLite::Statement& q) {
  ContactRecord c;
  c.id = q.getColumn(0).getInt64();
  c.role = q.getColumn(1).getString();
  c.status = q.getColumn(2).getString();
  c.locale = OptText(q.getColumn(3));
  c.last_inbound_at = OptInt(q.getColumn(4));
  c.second_locale = OptText(q.getColumn(5));
  return c;
}

std::optional<ContactRecord> FindContact(SQLite::Database& db, const std::string& channel,
                                         const std::string& external_id) {
  ScopedStatement q = Prepared(db,
                               "SELECT id, role, status, locale, last_inbound_at, second_locale FROM contacts "
                               "WHERE channel = ? AND external_id = ?");
  q->bind(1, channel);
  q->bind(2, external_id);
  if (!q->executeStep()) return std::nullopt;
  return ContactFromRow(*q);
}

ContactRecord TouchContact(SQLite::Database& db, const InboundMessage& m, const std::string& locale,
                           int64_t now_ms) {
  ScopedStatement upsert = Prepared(
      db,
      "INSERT INTO contacts(channel, external_id, chat_id, locale, display_name, referral_code, "
      "last_inbound_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7) "
      "ON CONFLICT (channel, external_id) DO UPDATE SET "
      "chat_id = excluded.chat_id, "
      "display_name = COALESCE(excluded.display_name, display_name), "
      "referral_code = COALESCE(referral_code, excluded.referral_code), "
      "locale = COALESCE(locale, excluded.locale), "
      "status = CASE WHEN status IN ('blocked', 'erased') THEN 'active' ELSE status END, "
      "last_inbound_at = excluded.last_inbound_at, updated_at = excluded.updated_at "
      "RETURNING id, role, status, locale, last_inbound_at, second_locale");
  upsert->bind(1, m.channel);
  upsert->bind(2, m.sender_id);
  upsert->bind(3, m.chat_type == "private" ? m.chat_id : m.sender_id);
  upsert->bind(4, locale);
  BindOpt(*upsert, 5, m.display_name);
  BindOpt(*upsert, 6, m.referral);
  upsert->bind(7, now_ms);
  upsert->executeStep();
  ContactRecord c = ContactFromRow(*upsert);
  while (upsert->executeStep()) {
  }
  return c;
}

int64_t CreateContact(SQLite::Database& db, const std::string& channel,
                      const std::string& external_id, const std::string& locale, int64_t now_ms) {
  SQLite::Statement q(db,
                      "INSERT INTO contacts(channel, external_id, chat_id, locale, created_at, "
                      "updated_at) VALUES (?1, ?2, ?2, ?3, ?4, ?4)");
  q.bind(1, channel);
  q.bind(2, external_id);
  q.bind(3, locale);
  q.bind(4, now_ms);
  q.exec();
  return db.getLastInsertRowid();
}

void SetReachable(SQLite::Database& db, const std::string& channel, const std::string& external_id,
                  bool reachable, int64_t now_ms) {
  SQLite::Statement q(db, reachable
                              ? "UPDATE contacts SET status = 'active', updated_at = ? "
                                "WHERE channel = ? AND external_id = ? AND status = 'blocked'"
                              : "UPDATE contacts SET status = 'blocked', updated_at = ? "
                                "WHERE channel = ? AND external_id = ? AND status = 'active'");
  q.bind(1, now_ms);
  q.bind(2, channel);
  q.bind(3, external_id);
  q.exec();
}

void MarkContactBlocked(SQLite::Database& db, int64_t contact_id, int64_t now_ms) {
  ScopedStatement q = Prepared(db,
                               "UPDATE contacts SET status = 'blocked', updated_at = ? "
                               "WHERE id = ? AND status = 'active'");
  q->bind(1, now_ms);
  q->bind(2, contact_id);
  q->exec();
}

QueueDepths ReadQueueDepths(SQLite::Database& db) {
  QueueDepths d;
  SQLite::Statement q(db,
                      "SELECT (SELECT COUNT(*) FROM inbox WHERE status = 'pending'), "
                      "(SELECT COUNT(*) FROM outbox WHERE status = 'queued')");
  if (q.executeStep()) {
    d.inbox_pending = q.getColumn(0).getInt64();
    d.outbox_queued = q.getColumn(1).getInt64();
  }
  return d;
}

bool IsCaseworkerChat(SQLite::Database& db, const std::string& channel,
                      const std::string& chat_id) {
  ScopedStatement q =
      Prepared(db,
               "SELECT 1 FROM contacts WHERE channel = ? AND chat_id = ? AND role = "
               "'caseworker' LIMIT 1");
  q->bind(1, channel);
  q->bind(2, chat_id);
  return q->executeStep();
}

void AppendJourney(SQLite::Database& db, int64_t contact_id, const std::string& step,
                   int64_t now_ms, const std::string& detail_json) {
  ScopedStatement q =
      Prepared(db,
               "INSERT INTO journey_events(contact_id, organization_id, step, at, detail) "
               "SELECT id, organization_id, ?, ?, ? FROM contacts WHERE id = ?");
  q->bind(1, step);
  q->bind(2, now_ms);
  q->bind(3, detail_json);
  q->bind(4, contact_id);
  q->exec();
}

int64_t EnqueueOutbox(SQLite::Database& db, std::optional<int64_t> contact_id,
                      const std::string& channel, const std::string& chat_id,
                      std::optional<int64_t> inbox_id, const OutboundMessage& m, int64_t now_ms) {
  ScopedStatement q =
      Prepared(db,
               "INSERT INTO outbox(contact_id, channel, chat_id, inbox_id, payload, "
               "next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  BindOpt(*q, 1, contact_id);
  q->bind(2, channel);
  q->bind(3, chat_id);
  BindOpt(*q, 4, inbox_id);
  q->bind(5, Dump(ToJson(m)));
  q->bind(6, now_ms);
  q->bind(7, now_ms);
  q->exec();
  return db.getLastInsertRowid();
}

std::vector<OutboxRow> DueOutbox(SQLite::Database& db, int64_t now_ms, int limit,
                                 const std::vector<std::string>& channels) {
  if (channels.empty()) return {};
  std::string marks;
  for (size_t i = 0; i < channels.size(); ++i) marks += i ? ", ?" : "?";
  SQLite::Statement q(
      db,
      std::string("SELECT o.id, o.channel, o.chat_id, o.contact_id, COALESCE(c.status, 'active'), "
                  "c.last_inbound_at, o.attempts, o.payload, o.inbox_id IS NOT NULL FROM outbox o "
                  "LEFT JOIN contacts c ON c.id = o.contact_id "
                  "WHERE o.status = 'queued' AND o.next_attempt_at <= ? AND o.channel IN (") +
          marks +
          ") AND NOT EXISTS ("
          "  SELECT 1 FROM outbox p WHERE p.channel = o.channel AND p.chat_id = o.chat_id "
          "  AND p.status IN ('queued', 'sending') AND p.id < o.id) "
          "ORDER BY o.next_attempt_at, o.id LIMIT ?");
  int i = 1;
  q.bind(i++, now_ms);
  for (const std::string& c : channels) q.bind(i++, c);
  q.bind(i++, limit);
  std::vector<OutboxRow> out;
  while (q.executeStep()) {
    OutboxRow r;
    r.id = q.getColumn(0).getInt64();
    r.channel = q.getColumn(1).getString();
    r.chat_id = q.getColumn(2).getString();
    r.contact_id = OptInt(q.getColumn(3));
    r.contact_status = q.getColumn(4).getString();
    r.last_inbound_at = OptInt(q.getColumn(5));
    r.attempts = q.getColumn(6).getInt();
    r.is_reply = q.getColumn(8).getInt() != 0;
    auto m = OutboundFromJson(json::parse(q.getColumn(7).getString(), nullptr, false));
    if (m) r.message = std::move(m).value();
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<int64_t> NextOutboxDue(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'queued'");
  if (!q.executeStep()) return std::nullopt;
  return OptInt(q.getColumn(0));
}

void MarkOutboxSent(SQLite::Database& db, int64_t id, const std::string& platform_message_id,
                    int64_t now_ms) {
  ScopedStatement q =
      Prepared(db,
               "UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, "
               "platform_message_id = NULLIF(?, ''), last_error = NULL WHERE id = ?");
  q->bind(1, now_ms);
  q->bind(2, platform_message_id);
  q->bind(3, id);
  q->exec();
}

void MarkOutboxRetry(SQLite::Database& db, int64_t id, int attempts, int64_t next_attempt_at,
                     const std::string& error) {
  ScopedStatement q =
      Prepared(db,
               "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? "
               "WHERE id = ?");
  q->bind(1, attempts);
  q->bind(2, next_attempt_at);
  q->bind(3, error);
  q->bind(4, id);
  q->exec();
}

void MarkOutboxFinal(SQLite::Database& db, int64_t id, const std::string& status,
                     const std::string& error, int64_t now_ms) {
  ScopedStatement q =
      Prepared(db,
               "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, "
               "delivery_updated_at = ? WHERE id = ?");
  q->bind(1, status);
  q->bind(2, error);
  q->bind(3, now_ms);
  q->bind(4, id);
  q->exec();
}

void MoveChat(SQLite::Database& db, const std::string& channel, const std::string& old_chat_id,
              const std::string& new_chat_id) {
  for (const char* sql : {"UPDATE outbox SET chat_id = ?3 WHERE channel = ?1 AND chat_id = ?2 "
                          "AND status = 'queued'",
                          "UPDATE contacts SET chat_id = ?3 WHERE channel = ?1 AND chat_id = ?2"}) {
    SQLite::Statement q(db, sql);
    q.bind(1, channel);
    q.bind(2, old_chat_id);
    q.bind(3, new_chat_id);
    q.exec();
  }
}

bool ApplyReceipt(SQLite::Database& db, const DeliveryReceipt& r, int64_t now_ms) {
  SQLite::Statement find(db,
                         "SELECT id, delivery_status FROM outbox WHERE channel = ? AND "
                         "platform_message_id = ?");
  find.bind(1, r.channel);
  find.bind(2, r.platform_message_id);
  if (!find.executeStep()) return false;
  const int64_t id = find.getColumn(0).getInt64();
  const std::string current = find.getColumn(1).isNull() ? "" : find.getColumn(1).getString();
  find.reset();
  bool advance = false;
  if (r.status == "failed") {
    advance = current.empty() || current == "sent";
  } else if (ReceiptRank(r.status) > 0 && current != "failed") {
    advance = ReceiptRank(r.status) > ReceiptRank(current);
  }
  if (!advance) return true;
  std::string error;
  if (r.error_code) error = std::to_string(*r.error_code) + " " + r.error_title.value_or("");
  SQLite::Statement q(db,
                      "UPDATE outbox SET delivery_status = ?, delivery_updated_at = ?, "
                      "status = CASE WHEN ? = 'failed' THEN 'failed' ELSE status END, "
                      "last_error = COALESCE(NULLIF(?, ''), last_error) WHERE id = ?");
  q.bind(1, r.status);
  q.bind(2, r.at_ms > 0 ? r.at_ms : now_ms);
  q.bind(3, r.status);
  q.bind(4, error);
  q.bind(5, id);
  q.exec();
  return true;
}

std::vector<ChatRow> ChatMessagesAfter(SQLite::Database& db, const std::string& channel,
                                       const std::string& chat_id, int64_t after_id, int limit) {
  ScopedStatement q = Prepared(db,
                               "SELECT id, payload FROM outbox WHERE channel = ? AND chat_id = ? "
                               "AND id > ? ORDER BY id LIMIT ?");
  q->bind(1, channel);
  q->bind(2, chat_id);
  q->bind(3, after_id);
  q->bind(4, limit);
  std::vector<ChatRow> out;
  while (q->executeStep()) {
    auto m = OutboundFromJson(json::parse(q->getColumn(1).getString(), nullptr, false));
    if (!m) continue;
    out.push_back({q->getColumn(0).getInt64(), std::move(m).value()});
  }
  return out;
}

}  // namespace workmatch
