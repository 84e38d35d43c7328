// TaxonomyLookup: what the dialog engine asks of the occupation taxonomy while
// it runs a conversation: candidates for a free-text job ("I was a nurse") and
// the main skills of an occupation, with labels in the person's language.
// The host passes one in DialogContext (the matching core implements it); with
// none, occupation and skill answers are kept as the person's own words.
// Implementations are pure and thread-safe (const reads of loaded data).
#ifndef WORKMATCH_DIALOGS_TAXONOMY_LOOKUP_H_
#define WORKMATCH_DIALOGS_TAXONOMY_LOOKUP_H_

#include <string>
#include <string_view>
#include <vector>

namespace workmatch {

struct ConceptLabel {
  std::string uri;    // ESCO concept URI
  std::string label;  // in the requested language (English when it has none)
};

class TaxonomyLookup {
 public:
  virtual ~TaxonomyLookup() = default;
  // Up to `limit` occupations that `text` may mean, best first.
  virtual std::vector<ConceptLabel> LinkOccupation(std::string_view text, std::string_view locale,
                                                   size_t limit) const = 0;
  // Up to `limit` skills that the person's own words may name, best first
  // ("I can drive a forklift"); none when the lookup does not link skills.
  virtual std::vector<ConceptLabel> LinkSkills(std::string_view /*text*/, std::string_view /*locale*/,
                                               size_t /*limit*/) const {
    return {};
  }
  // Up to `limit` skills of an occupation, essential ones first.
  virtual std::vector<ConceptLabel> OccupationSkills(std::string_view occupation_uri,
                                                     std::string_view locale,
                                                     size_t limit) const = 0;
};

}  // namespace workmatch

#endif  // WORKMATCH_DIALOGS_TAXONOMY_LOOKUP_H_
