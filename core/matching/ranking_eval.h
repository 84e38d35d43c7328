// Measuring a ranker as MELO does (Retyk et al., RecSys in HR 2024): every
// corpus element is a candidate; per query, the rank of the first relevant
// element gives MRR and success@k. Pure.
#ifndef WORKMATCH_CORE_MATCHING_RANKING_EVAL_H_
#define WORKMATCH_CORE_MATCHING_RANKING_EVAL_H_

#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/matching/label_index.h"

namespace workmatch {

struct RankingMetrics {
  size_t queries = 0;
  double mrr = 0;
  double success_at_1 = 0;
  double success_at_10 = 0;
};

// Adds one query's ranking (element numbers, best first; elements not listed
// rank after all listed ones, so they count as not found).
class RankingEvaluation {
 public:
  void Add(const std::vector<uint32_t>& ranking, const std::unordered_set<uint32_t>& relevant);
  RankingMetrics Result() const;

 private:
  RankingMetrics sum_;
};

// Orders hits by concept: the best element of each concept first, in the
// order of those best scores, then every other element by score. Elements of
// one concept are synonyms: a person looking for a job means the concept,
// not the spelling.
// `concept_scores` (optional, by concept number): how well the concept's
// labels together fit the query, added to the concept's score.
std::vector<uint32_t> RankByConcept(const std::vector<LabelHit>& hits,
                                    const std::vector<uint32_t>& concept_of,
                                    const std::unordered_map<uint32_t, double>& concept_scores = {});

}  // namespace workmatch

#endif  // WORKMATCH_CORE_MATCHING_RANKING_EVAL_H_
