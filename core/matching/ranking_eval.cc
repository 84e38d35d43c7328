#include "core/matching/ranking_eval.h"

#include <algorithm>
#include <unordered_map>

namespace workmatch {
namespace {
// Chosen on the two MELO dev sets (taxonomy eval).
constexpr double kSupport = 0.1;        // further labels of a concept that fit
constexpr double kConceptWeight = 0.4;  // all labels of a concept as one text
}  // namespace

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

std::vector<uint32_t> RankByConcept(const std::vector<LabelHit>& hits,
                                    const std::vector<uint32_t>& concept_of,
                                    const std::unordered_map<uint32_t, double>& concept_scores) {
  // A concept's score is its best label's, plus a little for each further
  // label that also fits: ties between identical labels of different
  // concepts go to the concept the query describes in more ways.
  struct Group {
    double best = -1, score = 0;
    uint32_t best_label = 0;
    int labels = 0;
  };
  std::unordered_map<uint32_t, Group> groups;
  for (const LabelHit& h : hits) {  // best first
    const uint32_t c = h.label < concept_of.size() ? concept_of[h.label] : h.label;
    Group& g = groups[c];
    if (g.labels == 0) {
      g.best = h.score;
      g.best_label = h.label;
      g.score = h.score;
    } else if (g.labels < 4) {
      g.score += kSupport * h.score / g.labels;
    }
    ++g.labels;
  }
  std::vector<std::pair<double, uint32_t>> order;  // (score, best label)
  for (const auto& [c, g] : groups) {
    auto extra = concept_scores.find(c);
    order.emplace_back(g.score + (extra == concept_scores.end() ? 0 : kConceptWeight * extra->second),
                       g.best_label);
  }
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<uint32_t> out;
  std::unordered_set<uint32_t> placed;
  for (const auto& [score, label] : order) {
    out.push_back(label);
    placed.insert(label);
  }
  for (const LabelHit& h : hits) {
    if (!placed.count(h.label)) out.push_back(h.label);
  }
  return out;
}

}  // namespace workmatch
