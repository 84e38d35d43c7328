// TaxonomyStore: the taxonomy tables (migration 0004). Import writes ESCO's
// CSV files in one transaction; Load reads what a linker needs.
#ifndef WORKMATCH_BOT_STORAGE_TAXONOMY_STORE_H_
#define WORKMATCH_BOT_STORAGE_TAXONOMY_STORE_H_

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <vector>

namespace workmatch {

struct TaxonomyConceptRow {
  std::string uri;
  std::string kind;  // occupation, skill, isco_group
  std::string code;
  std::string skill_type;
  std::string regulated_note;
  std::string sector;                 // occupations: the team's sector, or empty
  std::string preferred;              // in `language`
  std::vector<std::string> alt, hidden;
};

struct TaxonomyRelationRow {
  std::string occupation_uri, skill_uri;
  bool essential = true;
};

struct ImportCounts {
  int64_t concepts_new = 0, concepts_updated = 0, labels = 0, relations = 0;
};

// Upserts concepts and replaces their labels in `language`; labels of other
// languages stay (a `--lang de` import adds German to an English taxonomy).
// Codes a row leaves empty keep their stored value.
ImportCounts SaveConcepts(SQLite::Database& db, const std::vector<TaxonomyConceptRow>& rows,
                          const std::string& language, const std::string& source, int64_t now_ms);
int64_t SaveRelations(SQLite::Database& db, const std::vector<TaxonomyRelationRow>& rows);

struct TaxonomyLabel {
  std::string uri;
  std::string label;
};
// Every label of every concept of `kind` in `language`, preferred ones first per concept.
std::vector<TaxonomyLabel> LoadLabels(SQLite::Database& db, const std::string& kind,
                                      const std::string& language);

// How many concepts of each kind there are (occupation, skill, isco_group), and relations.
struct TaxonomyCounts {
  int64_t occupations = 0, skills = 0, isco_groups = 0, relations = 0, labels = 0;
};
TaxonomyCounts CountTaxonomy(SQLite::Database& db);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_STORAGE_TAXONOMY_STORE_H_
