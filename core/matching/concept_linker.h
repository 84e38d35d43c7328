// ConceptLinker: free text to taxonomy concepts in one language. Every label
// of a concept (preferred, alternative, hidden; the team's synonyms) is a
// candidate in a LabelIndex; a concept scores by its best label, a little
// more for each further label that fits, and by how well all its labels
// together (one text) fit. Build once, then Link from any number of threads.
#ifndef WORKMATCH_CORE_MATCHING_CONCEPT_LINKER_H_
#define WORKMATCH_CORE_MATCHING_CONCEPT_LINKER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/matching/label_index.h"

namespace workmatch {

struct ConceptHit {
  uint32_t concept_id = 0;  // as given to AddLabel
  uint32_t best_label = 0;  // the label that fit best
  double score = 0;         // comparable within one query; about 0..1.5
};

class ConceptLinker {
 public:
  explicit ConceptLinker(std::string locale) : labels_(locale), concepts_(locale) {}

  // Adds a label of a concept; returns the label's number (0, 1, ...).
  uint32_t AddLabel(uint32_t concept_id, std::string_view label);
  void Build();

  // The best `k` concepts for `text`, best first.
  std::vector<ConceptHit> Link(std::string_view text, size_t k) const;
  // Every candidate label, best concepts' best labels first, then the others
  // by score (how MELO ranks corpus elements).
  std::vector<uint32_t> RankLabels(std::string_view text, size_t depth = 2000) const;

  size_t labels() const { return label_concept_.size(); }

 private:
  std::vector<ConceptHit> Concepts(const std::vector<LabelHit>& hits, std::string_view text) const;

  LabelIndex labels_;    // one entry per label
  LabelIndex concepts_;  // one entry per concept: its labels as one text
  std::vector<uint32_t> label_concept_;
  std::vector<std::string> concept_text_;         // by concept id, until Build()
  std::vector<uint32_t> concept_of_entry_;        // concepts_ entry -> concept id
};

}  // namespace workmatch

#endif  // WORKMATCH_CORE_MATCHING_CONCEPT_LINKER_H_
