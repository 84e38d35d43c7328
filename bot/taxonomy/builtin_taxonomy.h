// The repository's default taxonomy (data/taxonomy/, compiled in): the
// occupations most common among newcomers, with ESCO URIs, ISCO-08 codes,
// labels and everyday synonyms in the product languages, their top skills,
// where they are regulated, and shortage occupations per country.
#ifndef WORKMATCH_BOT_TAXONOMY_BUILTIN_TAXONOMY_H_
#define WORKMATCH_BOT_TAXONOMY_BUILTIN_TAXONOMY_H_

#include "bot/storage/database.h"
#include "core/clock.h"
#include "core/result.h"

namespace workmatch {

struct BuiltinTaxonomySummary {
  bool loaded = false;  // false: the database had occupations already
  int64_t occupations = 0, skills = 0, labels = 0, languages = 0;
};

// Loads the default taxonomy into a database that has no occupation yet
// (serve and demo call it; an imported ESCO taxonomy is left alone).
Result<BuiltinTaxonomySummary> LoadBuiltinTaxonomyIfEmpty(Database& db, const Clock& clock);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_TAXONOMY_BUILTIN_TAXONOMY_H_
