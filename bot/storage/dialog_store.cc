#include "bot/storage/dialog_store.h"

#include <ctime>
#include <set>

#include "bot/storage/statement_cache.h"
#include "dialogs/engine.h"

namespace workmatch {
namespace {

using nlohmann::json;

std::optional<std::string> OneOf(const json& v, const std::set<std::string>& allowed) {
  if (v.is_string() && allowed.count(v.get<std::string>())) return v.get<std::string>();
  return std::nullopt;
}

std::string Date(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

void BindText(SQLite::Statement& q, int i, const std::optional<std::string>& v) {
  if (v) {
    q.bind(i, *v);
  } else {
    q.bind(i);
  }
}

void EnsureProfile(SQLite::Database& db, int64_t contact_id, int64_t now_ms) {
  ScopedStatement q = Prepared(
      db, "INSERT INTO profiles(contact_id, updated_at) VALUES (?, ?) ON CONFLICT DO NOTHING");
  q->bind(1, contact_id);
  q->bind(2, now_ms);
  q->exec();
}

// One text column of profiles; NULL when the value is not one of `allowed`.
void SetProfileText(SQLite::Statement& q, int64_t contact_id, const std::optional<std::string>& v,
                    int64_t now_ms) {
  q.bind(1, contact_id);
  BindText(q, 2, v);
  q.bind(3, now_ms);
  q.exec();
}

void SetPreference(SQLite::Database& db, int64_t contact_id, const std::string& name,
                   const json& value, int64_t now_ms) {
  ScopedStatement q = Prepared(db,
                               "UPDATE profiles SET preferences = json_set(preferences, ?2, "
                               "json(?3)), updated_at = ?4 WHERE contact_id = ?1");
  q->bind(1, contact_id);
  q->bind(2, "$." + name);
  q->bind(3, value.dump());
  q->bind(4, now_ms);
  q->exec();
}

void SetOccupation(SQLite::Database& db, int64_t contact_id, int position, const json& v,
                   bool informal) {
  ScopedStatement del =
      Prepared(db, "DELETE FROM profile_occupations WHERE contact_id = ? AND position = ?");
  del->bind(1, contact_id);
  del->bind(2, position);
  del->exec();
  std::optional<std::string> uri, text;
  if (v.is_object()) {
    if (v.contains("uri") && v["uri"].is_string()) uri = v["uri"].get<std::string>();
    if (v.contains("text") && v["text"].is_string()) text = v["text"].get<std::string>();
  } else if (v.is_string()) {
    text = v.get<std::string>();
  }
  if (!uri && !text) return;
  ScopedStatement q = Prepared(db,
                               "INSERT INTO profile_occupations(contact_id, position, concept_uri, "
                               "free_text, informal) VALUES (?, ?, ?, ?, ?)");
  q->bind(1, contact_id);
  q->bind(2, position);
  BindText(*q, 3, uri);
  BindText(*q, 4, text);
  q->bind(5, informal ? 1 : 0);
  q->exec();
}

void SetYears(SQLite::Database& db, int64_t contact_id, const json& v) {
  ScopedStatement q = Prepared(
      db, "UPDATE profile_occupations SET years = ? WHERE contact_id = ? AND position = 0");
  if (v.is_number() && v.get<double>() >= 0) {
    q->bind(1, v.get<double>());
  } else {
    q->bind(1);
  }
  q->bind(2, contact_id);
  q->exec();
}

void SetSkills(SQLite::Database& db, int64_t contact_id, const json& v) {
  ScopedStatement del = Prepared(db, "DELETE FROM profile_skills WHERE contact_id = ?");
  del->bind(1, contact_id);
  del->exec();
  if (!v.is_array()) return;
  int position = 0;
  for (const json& s : v) {
    if (!s.is_object()) continue;
    std::optional<std::string> uri, text;
    if (s.contains("uri") && s["uri"].is_string()) uri = s["uri"].get<std::string>();
    if (s.contains("text") && s["text"].is_string()) text = s["text"].get<std::string>();
    if (!uri && !text) continue;
    ScopedStatement q = Prepared(db,
                                 "INSERT INTO profile_skills(contact_id, position, skill_uri, "
                                 "free_text) VALUES (?, ?, ?, ?)");
    q->bind(1, contact_id);
    q->bind(2, position++);
    BindText(*q, 3, uri);
    BindText(*q, 4, text);
    q->exec();
  }
}

void SetLanguages(SQLite::Database& db, int64_t contact_id, const json& v) {
  static const std::set<std::string> kLevels = {"A1", "A2", "B1", "B2", "C1", "C2", "native"};
  ScopedStatement del = Prepared(db, "DELETE FROM profile_languages WHERE contact_id = ?");
  del->bind(1, contact_id);
  del->exec();
  if (!v.is_array()) return;
  for (const json& l : v) {
    if (!l.is_object() || !l.contains("language") || !l["language"].is_string()) continue;
    auto level = OneOf(l.value("cefr", json()), kLevels);
    if (!level) continue;
    ScopedStatement q = Prepared(db,
                                 "INSERT INTO profile_languages(contact_id, language, cefr) "
                                 "VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET cefr = excluded.cefr");
    q->bind(1, contact_id);
    q->bind(2, l["language"].get<std::string>());
    q->bind(3, *level);
    q->exec();
  }
}

void SetLocation(SQLite::Database& db, int64_t contact_id, const json& v, int64_t now_ms) {
  ScopedStatement q = Prepared(db,
                               "UPDATE profiles SET location_text = ?2, latitude = ?3, "
                               "longitude = ?4, updated_at = ?5 WHERE contact_id = ?1");
  q->bind(1, contact_id);
  std::optional<std::string> text;
  if (v.is_object() && v.contains("text") && v["text"].is_string()) text = v["text"];
  BindText(*q, 2, text);
  const bool point = v.is_object() && v.contains("lat") && v["lat"].is_number() &&
                     v.contains("lon") && v["lon"].is_number() &&
                     std::abs(v["lat"].get<double>()) <= 90 && std::abs(v["lon"].get<double>()) <= 180;
  if (point) {
    q->bind(3, v["lat"].get<double>());
    q->bind(4, v["lon"].get<double>());
  } else {
    q->bind(3);
    q->bind(4);
  }
  q->bind(5, now_ms);
  q->exec();
}

void SetContactLocale(SQLite::Database& db, int64_t contact_id, bool second, const json& v,
                      int64_t now_ms) {
  std::optional<std::string> code;
  if (v.is_string() && !v.get<std::string>().empty() && v.get<std::string>().size() <= 8) {
    code = v.get<std::string>();
  }
  if (!second && !code) return;  // the main language is never emptied
  ScopedStatement q =
      second ? Prepared(db, "UPDATE contacts SET second_locale = ?2, updated_at = ?3 WHERE id = ?1")
             : Prepared(db, "UPDATE contacts SET locale = ?2, updated_at = ?3 WHERE id = ?1");
  q->bind(1, contact_id);
  BindText(*q, 2, code);
  q->bind(3, now_ms);
  q->exec();
}

void RecordConsent(SQLite::Database& db, int64_t contact_id, bool granted, int64_t now_ms) {
  ScopedStatement q = Prepared(db,
                               "INSERT INTO consents(contact_id, purpose, version, granted, at) "
                               "VALUES (?, 'profile', '1', ?, ?)");
  q->bind(1, contact_id);
  q->bind(2, granted ? 1 : 0);
  q->bind(3, now_ms);
  q->exec();
}

}  // namespace

json LoadSession(SQLite::Database& db, int64_t contact_id) {
  ScopedStatement q = Prepared(db, "SELECT state FROM dialog_sessions WHERE contact_id = ?");
  q->bind(1, contact_id);
  if (!q->executeStep()) return json();
  json s = json::parse(q->getColumn(0).getString(), nullptr, false);
  return s.is_discarded() ? json() : s;
}

bool SaveSession(SQLite::Database& db, int64_t contact_id, const json& session, int64_t now_ms,
                 std::optional<int64_t> expected_updated_at) {
  static const std::set<std::string> kStatuses = {"active", "waiting", "ended", "expired",
                                                  "failed"};
  const std::string status = OneOf(session.value("status", json()), kStatuses).value_or("active");
  const int64_t entered = session.value("entered_at_ms", now_ms);
  const bool reminded = session.value("reminded", false);
  ScopedStatement q = Prepared(
      db,
      "INSERT INTO dialog_sessions(contact_id, flow, node, node_entered_at, state, status, "
      "reminder_sent_at, expires_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
      "CASE WHEN ?7 THEN ?9 END, ?8, ?9) "
      "ON CONFLICT (contact_id) DO UPDATE SET flow = excluded.flow, node = excluded.node, "
      "node_entered_at = excluded.node_entered_at, state = excluded.state, "
      "status = excluded.status, "
      "reminder_sent_at = CASE WHEN ?7 THEN COALESCE(reminder_sent_at, ?9) END, "
      "expires_at = excluded.expires_at, updated_at = excluded.updated_at "
      "WHERE ?10 IS NULL OR dialog_sessions.updated_at = ?10");
  q->bind(1, contact_id);
  q->bind(2, session.value("flow", ""));
  q->bind(3, session.value("node", ""));
  q->bind(4, entered);
  q->bind(5, session.dump());
  q->bind(6, status);
  q->bind(7, reminded ? 1 : 0);
  q->bind(8, entered + Engine::kExpireAfterMs);
  q->bind(9, now_ms);
  if (expected_updated_at) {
    q->bind(10, *expected_updated_at);
  } else {
    q->bind(10);
  }
  return q->exec() > 0;
}

std::vector<std::string> ApplyProfile(SQLite::Database& db, int64_t contact_id,
                                      const json& profile, int64_t now_ms) {
  std::vector<std::string> skipped;
  if (!profile.is_object() || profile.empty()) return skipped;
  EnsureProfile(db, contact_id, now_ms);
  // Occupation first: years belong to it.
  if (profile.contains("occupation")) SetOccupation(db, contact_id, 0, profile["occupation"], false);
  for (const auto& [key, v] : profile.items()) {
    if (key == "occupation") continue;
    if (key == "locale" || key == "second_locale") {
      SetContactLocale(db, contact_id, key == "second_locale", v, now_ms);
    } else if (key == "consent") {
      if (v.is_boolean()) RecordConsent(db, contact_id, v.get<bool>(), now_ms);
    } else if (key == "years") {
      SetYears(db, contact_id, v);
    } else if (key == "skills") {
      SetSkills(db, contact_id, v);
    } else if (key == "other_work") {
      SetOccupation(db, contact_id, 1, v, true);
    } else if (key == "languages") {
      SetLanguages(db, contact_id, v);
    } else if (key == "location") {
      SetLocation(db, contact_id, v, now_ms);
    } else if (key == "education") {
      SetProfileText(*Prepared(db,
                               "UPDATE profiles SET education_level = ?2, updated_at = ?3 "
                               "WHERE contact_id = ?1"),
                     contact_id,
                     OneOf(v, {"none", "primary", "secondary", "vocational", "bachelor", "master",
                               "doctorate"}),
                     now_ms);
    } else if (key == "has_diploma") {
      std::optional<std::string> d;
      if (v.is_boolean()) d = v.get<bool>() ? "yes" : "no";
      SetProfileText(*Prepared(db,
                               "UPDATE profiles SET foreign_qualification = ?2, updated_at = ?3 "
                               "WHERE contact_id = ?1"),
                     contact_id, d, now_ms);
    } else if (key == "recognition") {
      SetProfileText(*Prepared(db,
                               "UPDATE profiles SET recognition_status = ?2, updated_at = ?3 "
                               "WHERE contact_id = ?1"),
                     contact_id, OneOf(v, {"recognized", "in_progress", "not_started", "unknown"}),
                     now_ms);
    } else if (key == "travel") {
      static const std::map<std::string, int64_t> kKm = {
          {"km5", 5}, {"km15", 15}, {"km30", 30}, {"km60", 60}};
      ScopedStatement q = Prepared(db,
                                   "UPDATE profiles SET max_travel_km = ?2, updated_at = ?3 "
                                   "WHERE contact_id = ?1");
      q->bind(1, contact_id);
      if (v.is_string() && kKm.count(v.get<std::string>())) {
        q->bind(2, kKm.at(v.get<std::string>()));
      } else {
        q->bind(2);  // not given, or any distance (kept in preferences)
      }
      q->bind(3, now_ms);
      q->exec();
      SetPreference(db, contact_id, "travel", v, now_ms);
    } else if (key == "availability") {
      SetProfileText(*Prepared(db,
                               "UPDATE profiles SET availability = ?2, updated_at = ?3 "
                               "WHERE contact_id = ?1"),
                     contact_id, OneOf(v, {"full_time", "part_time", "any"}), now_ms);
    } else if (key == "shifts") {
      ScopedStatement q = Prepared(
          db, "UPDATE profiles SET shifts_ok = ?2, updated_at = ?3 WHERE contact_id = ?1");
      q->bind(1, contact_id);
      if (v.is_boolean()) {
        q->bind(2, v.get<bool>() ? 1 : 0);
      } else {
        q->bind(2);
      }
      q->bind(3, now_ms);
      q->exec();
    } else if (key == "available_from") {
      std::optional<std::string> date;
      if (v == "now") date = Date(now_ms);
      if (v == "within_month") date = Date(now_ms + 30LL * 24 * 3600 * 1000);
      SetProfileText(*Prepared(db,
                               "UPDATE profiles SET available_from = ?2, updated_at = ?3 "
                               "WHERE contact_id = ?1"),
                     contact_id, date, now_ms);
      SetPreference(db, contact_id, "start", v, now_ms);
    } else if (key == "right_to_work") {
      SetProfileText(*Prepared(db,
                               "UPDATE profiles SET right_to_work = ?2, updated_at = ?3 "
                               "WHERE contact_id = ?1"),
                     contact_id, OneOf(v, {"yes", "waiting", "not_sure", "no"}), now_ms);
    } else if (key == "looking_for") {
      ScopedStatement q = Prepared(
          db, "UPDATE profiles SET looking_for = ?2, updated_at = ?3 WHERE contact_id = ?1");
      q->bind(1, contact_id);
      q->bind(2, v.is_array() ? v.dump() : std::string("[]"));
      q->bind(3, now_ms);
      q->exec();
    } else if (key == "alerts") {
      SetPreference(db, contact_id, "alerts", v, now_ms);
    } else if (key == "intake_completed") {
      ScopedStatement q = Prepared(db,
                                   "UPDATE profiles SET intake_completed_at = "
                                   "COALESCE(intake_completed_at, ?2) WHERE contact_id = ?1");
      q->bind(1, contact_id);
      q->bind(2, now_ms);
      q->exec();
    } else {
      skipped.push_back(key);
    }
  }
  return skipped;
}

void RecordAction(SQLite::Database& db, int64_t contact_id, const std::string& name,
                  const json& args, int64_t now_ms) {
  ScopedStatement q = Prepared(
      db, "INSERT INTO dialog_actions(contact_id, name, args, created_at) VALUES (?, ?, ?, ?)");
  q->bind(1, contact_id);
  q->bind(2, name);
  q->bind(3, args.is_object() ? args.dump() : std::string("{}"));
  q->bind(4, now_ms);
  q->exec();
}

bool OpenHandoff(SQLite::Database& db, int64_t contact_id, const std::string& reason,
                 int64_t now_ms) {
  ScopedStatement q = Prepared(db,
                               "INSERT INTO handoffs(contact_id, organization_id, reason, "
                               "opened_at) SELECT id, organization_id, ?2, ?3 FROM contacts "
                               "WHERE id = ?1 ON CONFLICT DO NOTHING");
  q->bind(1, contact_id);
  q->bind(2, reason);
  q->bind(3, now_ms);
  return q->exec() > 0;
}

std::optional<std::string> AttachReferral(SQLite::Database& db, int64_t contact_id,
                                          const std::string& code, int64_t now_ms) {
  if (code.empty() || code.size() > 64) return std::nullopt;
  ScopedStatement find = Prepared(db,
                                  "SELECT id, name FROM organizations WHERE "
                                  "lower(referral_code) = lower(?) AND referral_code IS NOT NULL");
  find->bind(1, code);
  if (!find->executeStep()) return std::nullopt;
  const int64_t org = find->getColumn(0).getInt64();
  std::string name = find->getColumn(1).getString();
  ScopedStatement q = Prepared(db,
                               "UPDATE contacts SET organization_id = ?2, referral_code = ?3, "
                               "updated_at = ?4 WHERE id = ?1 AND organization_id IS NULL");
  q->bind(1, contact_id);
  q->bind(2, org);
  q->bind(3, code);
  q->bind(4, now_ms);
  if (q->exec() == 0) return std::nullopt;
  return name;
}

void SetOptedOut(SQLite::Database& db, int64_t contact_id, bool opted_out, int64_t now_ms) {
  ScopedStatement q =
      opted_out ? Prepared(db,
                           "UPDATE contacts SET status = 'opted_out', updated_at = ?2 "
                           "WHERE id = ?1 AND status = 'active'")
                : Prepared(db,
                           "UPDATE contacts SET status = 'active', updated_at = ?2 "
                           "WHERE id = ?1 AND status = 'opted_out'");
  q->bind(1, contact_id);
  q->bind(2, now_ms);
  q->exec();
}

void EraseContactData(SQLite::Database& db, int64_t contact_id, int64_t now_ms) {
  for (const char* sql : {
           "DELETE FROM profiles WHERE contact_id = ?1",
           "DELETE FROM dialog_sessions WHERE contact_id = ?1",
           "DELETE FROM dialog_actions WHERE contact_id = ?1 AND status = 'pending'",
           "UPDATE enrolments SET status = 'ended', updated_at = ?2 WHERE contact_id = ?1 "
           "AND status IN ('requested', 'active')",
           "UPDATE inbox SET payload = '{}' WHERE contact_id = ?1",
           "UPDATE outbox SET payload = '{\"text\":\"\"}' WHERE contact_id = ?1 "
           "AND status IN ('sent', 'failed', 'dead')",
           "UPDATE contacts SET display_name = NULL, referral_code = NULL, second_locale = NULL, "
           "status = 'erased', updated_at = ?2 WHERE id = ?1",
       }) {
    ScopedStatement q = Prepared(db, sql);
    q->bind(1, contact_id);
    if (q->getBindParameterCount() >= 2) q->bind(2, now_ms);
    q->exec();
  }
  RecordConsent(db, contact_id, false, now_ms);
}

std::vector<DueSession> DueSessions(SQLite::Database& db, int64_t now_ms, int64_t reminder_after_ms,
                                    int limit) {
  ScopedStatement q = Prepared(
      db,
      "SELECT s.contact_id, c.channel, COALESCE(c.chat_id, c.external_id), "
      "COALESCE(c.locale, 'en'), COALESCE(c.second_locale, ''), c.status, s.state, s.updated_at "
      "FROM dialog_sessions s JOIN contacts c ON c.id = s.contact_id "
      "WHERE s.status = 'waiting' AND ((s.reminder_sent_at IS NULL AND s.node_entered_at <= ?1) "
      "OR s.expires_at <= ?2) ORDER BY s.node_entered_at LIMIT ?3");
  q->bind(1, now_ms - reminder_after_ms);
  q->bind(2, now_ms);
  q->bind(3, limit);
  std::vector<DueSession> out;
  while (q->executeStep()) {
    DueSession d;
    d.contact_id = q->getColumn(0).getInt64();
    d.channel = q->getColumn(1).getString();
    d.chat_id = q->getColumn(2).getString();
    d.locale = q->getColumn(3).getString();
    d.second_locale = q->getColumn(4).getString();
    d.contact_status = q->getColumn(5).getString();
    d.session = json::parse(q->getColumn(6).getString(), nullptr, false);
    d.updated_at = q->getColumn(7).getInt64();
    if (!d.session.is_discarded()) out.push_back(std::move(d));
  }
  return out;
}

}  // namespace workmatch
