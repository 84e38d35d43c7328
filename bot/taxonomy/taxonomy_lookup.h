// DatabaseTaxonomy: the dialog engine's TaxonomyLookup over the database's
// taxonomy, read once at start. Each language links against its own labels
// and the English ones (the cross-language step: "Krankenpfleger" typed by an
// Arabic speaker still finds the nurse); labels are shown in the person's
// language, else in English. A language's linker is built when it is first
// needed (a conversation in that language), so start-up stays fast.
#ifndef WORKMATCH_BOT_TAXONOMY_TAXONOMY_LOOKUP_H_
#define WORKMATCH_BOT_TAXONOMY_TAXONOMY_LOOKUP_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "bot/storage/database.h"
#include "bot/storage/taxonomy_store.h"
#include "core/matching/concept_linker.h"
#include "core/result.h"
#include "dialogs/taxonomy_lookup.h"

namespace workmatch {

class DatabaseTaxonomy final : public TaxonomyLookup {
 public:
  // Reads the occupations, skills and relations and the labels of
  // `languages`. Null when the database has no occupation label.
  static Result<std::unique_ptr<DatabaseTaxonomy>> Load(Database& db,
                                                        const std::vector<std::string>& languages);

  std::vector<ConceptLabel> LinkOccupation(std::string_view text, std::string_view locale,
                                           size_t limit) const override;
  std::vector<ConceptLabel> LinkSkills(std::string_view text, std::string_view locale,
                                       size_t limit) const override;
  std::vector<ConceptLabel> OccupationSkills(std::string_view occupation_uri,
                                             std::string_view locale, size_t limit) const override;

  size_t occupations() const { return occupation_words_.uris.size(); }

 private:
  // The concepts of one kind (occupations or skills) and their labels.
  struct Vocabulary {
    std::vector<std::string> uris;  // by concept id
    // Labels by language: (concept id, label).
    std::map<std::string, std::vector<std::pair<uint32_t, std::string>>, std::less<>> labels;
    // Built on first use; guarded by the taxonomy's mutex_.
    mutable std::map<std::string, std::unique_ptr<ConceptLinker>, std::less<>> linkers;
  };
  static void AddLabels(Vocabulary& v, const std::string& lang, const std::vector<TaxonomyLabel>& labels);
  std::vector<ConceptLabel> Link(const Vocabulary& v, std::string_view text, std::string_view locale,
                                 size_t limit, double min_score) const;
  std::string Label(const std::string& uri, std::string_view locale) const;
  // The linker of a language (built on first use), English's for a language
  // without labels, or null.
  const ConceptLinker* Linker(const Vocabulary& v, std::string_view locale) const;
  const ConceptLinker* LinkerLocked(const Vocabulary& v, std::string_view locale) const;  // REQUIRES: mutex_ held

  Vocabulary occupation_words_, skill_words_;
  mutable std::mutex mutex_;  // guards the linkers
  // Preferred labels: language -> uri -> label.
  std::map<std::string, std::unordered_map<std::string, std::string>, std::less<>> preferred_;
  std::unordered_map<std::string, std::vector<std::string>> skills_;  // occupation -> skills
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_TAXONOMY_TAXONOMY_LOOKUP_H_
