// Measuring a ranker as MELO does (Retyk et al., RecSys in HR 2024): every
// corpus element is a candidate; per query, the rank of the first relevant
// element gives MRR and success@k. Pure.
#ifndef WORKMATCH_CORE_MATCHING_RANKING_EVAL_H_
#define WORKMATCH_CORE_MATCHING_RANKING_EVAL_H_

#include <cstddef>
#include <cstdint>
#include <unordered_set>
#include <vector>


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

}  // namespace workmatch

#endif  // WORKMATCH_CORE_MATCHING_RANKING_EVAL_H_
