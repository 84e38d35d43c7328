#include "bot/storage/directory_store.h"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <stdexcept>

namespace workmatch {
namespace {

template <class T>
SqlValue Opt(const std::optional<T>& v) {
  if (!v) return nullptr;
  if constexpr (std::is_same_v<T, int>) {
    return static_cast<int64_t>(*v);
  } else {
    return *v;
  }
}

SqlValue Flag(bool b) { return static_cast<int64_t>(b ? 1 : 0); }

int64_t OrganizationId(SQLite::Database& db, const std::string& slug) {
  SQLite::Statement q(db, "SELECT id FROM organizations WHERE slug = ?");
  q.bind(1, slug);
  if (!q.executeStep()) {
    throw std::runtime_error(fmt::format("organization \"{}\" does not exist", slug));
  }
  return q.getColumn(0).getInt64();
}

// Makes the child rows of an opportunity equal `wanted` (key -> value),
// touching only those that differ. Returns true when anything changed.
bool SyncChildren(SQLite::Database& db, const std::string& table, const std::string& key_column,
                  const std::string& value_column, int64_t opportunity_id,
                  const std::map<std::string, SqlValue>& wanted) {
  bool changed = false;
  std::map<std::string, SqlValue> existing;
  {
    SQLite::Statement q(db, fmt::format("SELECT {}, {} FROM {} WHERE opportunity_id = ?",
                                        key_column, value_column, table));
    q.bind(1, static_cast<int64_t>(opportunity_id));
    while (q.executeStep()) {
      const auto& col = q.getColumn(1);
      existing[q.getColumn(0).getString()] = col.isInteger()
                                                 ? SqlValue(static_cast<int64_t>(col.getInt64()))
                                                 : SqlValue(col.getString());
    }
  }
  for (const auto& [key, value] : existing) {
    if (wanted.count(key)) continue;
    SQLite::Statement del(
        db, fmt::format("DELETE FROM {} WHERE opportunity_id = ? AND {} = ?", table, key_column));
    del.bind(1, static_cast<int64_t>(opportunity_id));
    del.bind(2, key);
    del.exec();
    changed = true;
  }
  for (const auto& [key, value] : wanted) {
    auto it = existing.find(key);
    if (it != existing.end() && it->second == value) continue;
    SQLite::Statement put(
        db, fmt::format("INSERT INTO {0} (opportunity_id, {1}, {2}) VALUES (?, ?, ?) "
                        "ON CONFLICT (opportunity_id, {1}) DO UPDATE SET {2} = excluded.{2}",
                        table, key_column, value_column));
    put.bind(1, static_cast<int64_t>(opportunity_id));
    put.bind(2, key);
    BindValue(put, 3, value);
    put.exec();
    changed = true;
  }
  return changed;
}

}  // namespace

void SaveCounts::Add(UpsertOutcome outcome) {
  switch (outcome) {
    case UpsertOutcome::kInserted:
      ++inserted;
      break;
    case UpsertOutcome::kUpdated:
      ++updated;
      break;
    case UpsertOutcome::kUnchanged:
      ++unchanged;
      break;
  }
}

UpsertResult SaveOrganization(SQLite::Database& db, const Organization& o, int64_t now_ms) {
  SqlValue parent = nullptr;
  if (o.parent_slug) parent = OrganizationId(db, *o.parent_slug);
  return UpsertRow(db, "organizations", {{"slug", o.slug}},
                   {{"name", o.name},
                    {"kind", o.kind},
                    {"parent_id", parent},
                    {"country", Opt(o.country)},
                    {"city", Opt(o.city)},
                    {"website", Opt(o.website)},
                    {"referral_code", Opt(o.referral_code)},
                    {"default_locale", Opt(o.default_locale)}},
                   now_ms);
}

UpsertResult SaveOpportunity(SQLite::Database& db, const Opportunity& p, int64_t now_ms) {
  SqlValue lat = nullptr, lon = nullptr;
  if (p.location) {
    lat = p.location->lat;
    lon = p.location->lon;
  }
  UpsertResult r = UpsertRow(db, "opportunities", {{"external_id", p.external_id}},
                             {{"organization_id", OrganizationId(db, p.organization_slug)},
                              {"kind", p.kind},
                              {"title", p.title},
                              {"description", p.description},
                              {"occupation_uri", Opt(p.occupation_uri)},
                              {"isco_code", Opt(p.isco_code)},
                              {"service_type", Opt(p.service_type)},
                              {"country", Opt(p.country)},
                              {"city", Opt(p.city)},
                              {"latitude", lat},
                              {"longitude", lon},
                              {"employment_type", Opt(p.employment_type)},
                              {"min_years", p.min_years},
                              {"requires_right_to_work", Flag(p.requires_right_to_work)},
                              {"requires_recognition", Flag(p.requires_recognition)},
                              {"capacity", Opt(p.capacity)},
                              {"url", Opt(p.url)},
                              {"starts_on", Opt(p.starts_on)},
                              {"closes_on", Opt(p.closes_on)}},
                             now_ms);
  std::map<std::string, SqlValue> skills, languages;
  for (const auto& s : p.skills) skills[s.uri] = Flag(s.essential);
  for (const auto& l : p.languages) languages[l.language] = l.min_cefr;
  bool children = SyncChildren(db, "opportunity_skills", "skill_uri", "essential", r.id, skills);
  children |= SyncChildren(db, "opportunity_languages", "language", "min_cefr", r.id, languages);
  if (children && r.outcome == UpsertOutcome::kUnchanged) {
    SQLite::Statement touch(db, "UPDATE opportunities SET updated_at = ? WHERE id = ?");
    touch.bind(1, static_cast<int64_t>(now_ms));
    touch.bind(2, static_cast<int64_t>(r.id));
    touch.exec();
    r.outcome = UpsertOutcome::kUpdated;
  }
  return r;
}

UpsertResult SaveContact(SQLite::Database& db, const ContactSeed& c, int64_t now_ms) {
  SqlValue org = nullptr;
  if (c.organization_slug) org = OrganizationId(db, *c.organization_slug);
  return UpsertRow(db, "contacts", {{"channel", c.channel}, {"external_id", c.external_id}},
                   {{"chat_id", Opt(c.chat_id)},
                    {"role", c.role},
                    {"organization_id", org},
                    {"locale", Opt(c.locale)},
                    {"display_name", Opt(c.display_name)}},
                   now_ms);
}

bool HasOrganizations(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT 1 FROM organizations LIMIT 1");
  return q.executeStep();
}

bool HasOrganization(SQLite::Database& db, const std::string& slug) {
  SQLite::Statement q(db, "SELECT 1 FROM organizations WHERE slug = ?");
  q.bind(1, slug);
  return q.executeStep();
}

std::map<std::string, int64_t> CountRows(SQLite::Database& db) {
  std::map<std::string, int64_t> out;
  for (const char* table : {"organizations", "opportunities", "opportunity_skills",
                            "opportunity_languages", "contacts"}) {
    SQLite::Statement q(db, fmt::format("SELECT COUNT(*) FROM {}", table));
    q.executeStep();
    out[table] = q.getColumn(0).getInt64();
  }
  return out;
}

}  // namespace workmatch
