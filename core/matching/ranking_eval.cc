#include "core/matching/ranking_eval.h"


namespace workmatch {

void RankingEvaluation::Add(const std::vector<uint32_t>& ranking,
                            const std::unordered_set<uint32_t>& relevant) {
  ++sum_.queries;
  for (size_t i = 0; i < ranking.size(); ++i) {
    if (!relevant.count(ranking[i])) continue;
    sum_.mrr += 1.0 / static_cast<double>(i + 1);
    if (i == 0) sum_.success_at_1 += 1;
    if (i < 10) sum_.success_at_10 += 1;
    return;
  }
}

RankingMetrics RankingEvaluation::Result() const {
  RankingMetrics m = sum_;
  if (m.queries == 0) return m;
  const double n = static_cast<double>(m.queries);
  m.mrr /= n;
  m.success_at_1 /= n;
  m.success_at_10 /= n;
  return m;
}

}  // namespace workmatch
