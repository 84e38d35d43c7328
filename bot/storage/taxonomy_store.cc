#include "bot/storage/taxonomy_store.h"

#include "bot/storage/statement_cache.h"

namespace workmatch {
namespace {

void InsertLabel(SQLite::Database& db, const std::string& uri, const std::string& language,
                 const char* kind, const std::string& label) {
  ScopedStatement q = Prepared(db,
                               "INSERT OR IGNORE INTO taxonomy_labels(uri, language, kind, label) "
                               "VALUES (?, ?, ?, ?)");
  q->bind(1, uri);
  q->bind(2, language);
  q->bind(3, kind);
  q->bind(4, label);
  q->exec();
}

void BindText(SQLite::Statement& q, int i, const std::string& v) {
  if (v.empty()) {
    q.bind(i);
  } else {
    q.bind(i, v);
  }
}

}  // namespace

ImportCounts SaveConcepts(SQLite::Database& db, const std::vector<TaxonomyConceptRow>& rows,
                          const std::string& language, const std::string& source, int64_t now_ms) {
  ImportCounts counts;
  for (const TaxonomyConceptRow& r : rows) {
    ScopedStatement exists = Prepared(db, "SELECT 1 FROM taxonomy_concepts WHERE uri = ?");
    exists->bind(1, r.uri);
    const bool known = exists->executeStep();
    ScopedStatement up = Prepared(
        db,
        "INSERT INTO taxonomy_concepts(uri, kind, code, skill_type, regulated_note, source, "
        "updated_at, sector) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (uri) DO "
        "UPDATE SET kind = excluded.kind, code = COALESCE(excluded.code, code), "
        "skill_type = COALESCE(excluded.skill_type, skill_type), "
        "regulated_note = COALESCE(excluded.regulated_note, regulated_note), "
        "sector = COALESCE(excluded.sector, sector), updated_at = excluded.updated_at");
    up->bind(1, r.uri);
    up->bind(2, r.kind);
    BindText(*up, 3, r.code);
    BindText(*up, 4, r.skill_type);
    BindText(*up, 5, r.regulated_note);
    up->bind(6, source);
    up->bind(7, now_ms);
    BindText(*up, 8, r.sector);
    up->exec();
    (known ? counts.concepts_updated : counts.concepts_new) += 1;
    ScopedStatement del =
        Prepared(db, "DELETE FROM taxonomy_labels WHERE uri = ? AND language = ?");
    del->bind(1, r.uri);
    del->bind(2, language);
    del->exec();
    InsertLabel(db, r.uri, language, "preferred", r.preferred);
    for (const std::string& l : r.alt) InsertLabel(db, r.uri, language, "alt", l);
    for (const std::string& l : r.hidden) InsertLabel(db, r.uri, language, "hidden", l);
    counts.labels += 1 + static_cast<int64_t>(r.alt.size() + r.hidden.size());
  }
  return counts;
}

int64_t SaveRelations(SQLite::Database& db, const std::vector<TaxonomyRelationRow>& rows) {
  for (const TaxonomyRelationRow& r : rows) {
    ScopedStatement q = Prepared(db,
                                 "INSERT INTO taxonomy_occupation_skills(occupation_uri, "
                                 "skill_uri, essential) VALUES (?, ?, ?) ON CONFLICT DO UPDATE "
                                 "SET essential = excluded.essential");
    q->bind(1, r.occupation_uri);
    q->bind(2, r.skill_uri);
    q->bind(3, r.essential ? 1 : 0);
    q->exec();
  }
  return static_cast<int64_t>(rows.size());
}

std::vector<TaxonomyLabel> LoadLabels(SQLite::Database& db, const std::string& kind,
                                      const std::string& language) {
  ScopedStatement q = Prepared(db,
                               "SELECT l.uri, l.label FROM taxonomy_labels l JOIN "
                               "taxonomy_concepts c ON c.uri = l.uri WHERE c.kind = ? AND "
                               "l.language = ? ORDER BY l.uri, l.kind <> 'preferred', l.label");
  q->bind(1, kind);
  q->bind(2, language);
  std::vector<TaxonomyLabel> out;
  while (q->executeStep()) out.push_back({q->getColumn(0).getString(), q->getColumn(1).getString()});
  return out;
}

TaxonomyCounts CountTaxonomy(SQLite::Database& db) {
  TaxonomyCounts c;
  ScopedStatement q = Prepared(db, "SELECT kind, COUNT(*) FROM taxonomy_concepts GROUP BY kind");
  while (q->executeStep()) {
    const std::string kind = q->getColumn(0).getString();
    const int64_t n = q->getColumn(1).getInt64();
    if (kind == "occupation") c.occupations = n;
    if (kind == "skill") c.skills = n;
    if (kind == "isco_group") c.isco_groups = n;
  }
  ScopedStatement r = Prepared(db, "SELECT COUNT(*) FROM taxonomy_occupation_skills");
  if (r->executeStep()) c.relations = r->getColumn(0).getInt64();
  ScopedStatement l = Prepared(db, "SELECT COUNT(*) FROM taxonomy_labels");
  if (l->executeStep()) c.labels = l->getColumn(0).getInt64();
  return c;
}

}  // namespace workmatch
