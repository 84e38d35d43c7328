#include "bot/storage/match_store.h"

#include "bot/storage/statement_cache.h"

namespace workmatch {

std::vector<PendingAction> PendingMatchActions(SQLite::Database& db, int limit) {
  ScopedStatement q = Prepared(
      db,
      "SELECT a.id, a.contact_id, a.name, a.args, c.channel, COALESCE(c.chat_id, c.external_id), "
      "COALESCE(c.locale, 'en'), COALESCE(c.second_locale, ''), c.status FROM dialog_actions a "
      "JOIN contacts c ON c.id = a.contact_id WHERE a.status = 'pending' AND a.name IN "
      "('find_matches', 'search_services', 'request_mentor') ORDER BY a.id LIMIT ?");
  q->bind(1, limit);
  std::vector<PendingAction> out;
  while (q->executeStep()) {
    PendingAction a;
    a.id = q->getColumn(0).getInt64();
    a.contact_id = q->getColumn(1).getInt64();
    a.name = q->getColumn(2).getString();
    a.args = nlohmann::json::parse(q->getColumn(3).getString(), nullptr, false);
    if (!a.args.is_object()) a.args = nlohmann::json::object();
    a.channel = q->getColumn(4).getString();
    a.chat_id = q->getColumn(5).getString();
    a.locale = q->getColumn(6).getString();
    a.second_locale = q->getColumn(7).getString();
    a.contact_status = q->getColumn(8).getString();
    out.push_back(std::move(a));
  }
  return out;
}

bool FinishAction(SQLite::Database& db, int64_t action_id, const std::string& status,
                  int64_t now_ms) {
  ScopedStatement q = Prepared(db,
                               "UPDATE dialog_actions SET status = ?2, done_at = ?3 WHERE id = ?1 "
                               "AND status = 'pending'");
  q->bind(1, action_id);
  q->bind(2, status);
  q->bind(3, now_ms);
  return q->exec() > 0;
}

void RecordShown(SQLite::Database& db, int64_t contact_id, int64_t opportunity_id,
                 const std::string& step, double score, int64_t now_ms) {
  ScopedStatement j = Prepared(db,
                               "INSERT INTO journey_events(contact_id, organization_id, "
                               "opportunity_id, step, at) SELECT ?1, organization_id, id, ?3, ?4 "
                               "FROM opportunities WHERE id = ?2");
  j->bind(1, contact_id);
  j->bind(2, opportunity_id);
  j->bind(3, step);
  j->bind(4, now_ms);
  j->exec();
  if (step != "opportunity_sent") return;
  ScopedStatement a = Prepared(db,
                               "INSERT INTO alerts_sent(contact_id, opportunity_id, score, "
                               "sent_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
  a->bind(1, contact_id);
  a->bind(2, opportunity_id);
  a->bind(3, score);
  a->bind(4, now_ms);
  a->exec();
}

bool TakePlace(SQLite::Database& db, int64_t opportunity_id, int64_t contact_id,
               const std::string& step, int64_t now_ms) {
  ScopedStatement q = Prepared(
      db,
      "INSERT INTO enrolments(opportunity_id, contact_id, status, created_at, updated_at) "
      "SELECT o.id, ?2, 'requested', ?3, ?3 FROM opportunities o WHERE o.id = ?1 AND "
      "(o.capacity IS NULL OR o.capacity > (SELECT count(*) FROM enrolments e WHERE "
      "e.opportunity_id = o.id AND e.status IN ('requested', 'active'))) "
      "ON CONFLICT (opportunity_id, contact_id) DO UPDATE SET status = 'requested', "
      "updated_at = excluded.updated_at WHERE status IN ('ended', 'declined')");
  q->bind(1, opportunity_id);
  q->bind(2, contact_id);
  q->bind(3, now_ms);
  if (q->exec() == 0) return false;
  ScopedStatement j = Prepared(db,
                               "INSERT INTO journey_events(contact_id, organization_id, "
                               "opportunity_id, step, at) SELECT ?1, organization_id, id, ?3, ?4 "
                               "FROM opportunities WHERE id = ?2");
  j->bind(1, contact_id);
  j->bind(2, opportunity_id);
  j->bind(3, step);
  j->bind(4, now_ms);
  j->exec();
  return true;
}

std::optional<int64_t> CurrentMentoring(SQLite::Database& db, int64_t contact_id) {
  ScopedStatement q = Prepared(db,
                               "SELECT o.id FROM enrolments e JOIN opportunities o ON o.id = "
                               "e.opportunity_id WHERE e.contact_id = ? AND o.kind = 'mentoring' "
                               "AND o.status = 'open' AND e.status IN ('requested', 'active') "
                               "ORDER BY e.created_at DESC LIMIT 1");
  q->bind(1, contact_id);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getInt64();
}

}  // namespace workmatch
