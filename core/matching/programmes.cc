#include "core/matching/programmes.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/text/normalize.h"

namespace workmatch {

std::vector<Ranked> RankProgrammes(const Scorer& scorer, const ProfileFacts& p,
                                   std::span<const OpportunityFacts> programmes,
                                   OpportunityKind kind, size_t k) {
  std::vector<Ranked> out;
  for (const OpportunityFacts& o : programmes) {
    if (o.kind != kind) continue;
    const MatchScore m = scorer.Score(p, o);
    if (m.eligible && scorer.Relevant(p, o)) out.push_back({o.id, m.score});
  }
  std::sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  if (out.size() > k) out.resize(k);
  return out;
}

std::vector<std::string_view> ServiceTypesFor(std::string_view need) {
  using Types = std::vector<std::string_view>;
  static const std::array<std::pair<std::string_view, Types>, 8> kNeeds = {{
      {"housing", {"housing", "accommodation"}},
      {"health", {"health", "healthcare", "mental_health"}},
      {"legal", {"legal_advice", "labour_rights", "asylum_advice", "immigration_advice"}},
      {"language_course", {"language_course"}},
      {"childcare", {"childcare"}},
      {"money", {"benefits_advice", "financial_advice", "debt_advice", "money_advice"}},
      {"documents", {"qualification_recognition", "documents", "immigration_advice"}},
      {"work", {"cv_help", "job_coaching", "digital_skills", "labour_rights"}},
  }};
  for (const auto& [name, types] : kNeeds) {
    if (name == need) return types;
  }
  if (need.empty() || need == "other") return {};
  return {need};
}

std::vector<FoundService> FindServices(std::string_view need, const Whereabouts& where,
                                       std::span<const ServiceFacts> services, size_t limit,
                                       double max_km) {
  const std::vector<std::string_view> types = ServiceTypesFor(need);
  const std::string town = FoldForMatching(where.town);
  struct Candidate {
    FoundService found;
    int rank;  // 0: near or in the town, 1: same country elsewhere
  };
  std::vector<Candidate> candidates;
  for (const ServiceFacts& s : services) {
    if (!types.empty() && std::find(types.begin(), types.end(), s.type) == types.end()) continue;
    if (!where.country.empty() && !s.country.empty() && s.country != where.country) continue;
    Candidate c{{s.id, -1}, 1};
    if (where.place && s.place) {
      c.found.km = DistanceKm(*where.place, *s.place);
      if (max_km > 0 && c.found.km > max_km) continue;
      c.rank = 0;
    } else if (!town.empty() && !s.city.empty() && FoldForMatching(s.city) == town) {
      c.rank = 0;
    }
    candidates.push_back(c);
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    const bool ak = a.found.km >= 0, bk = b.found.km >= 0;
    if (ak != bk) return ak;
    if (ak && a.found.km != b.found.km) return a.found.km < b.found.km;
    return a.found.id < b.found.id;
  });
  std::vector<FoundService> out;
  for (const Candidate& c : candidates) {
    if (out.size() == limit) break;
    out.push_back(c.found);
  }
  return out;
}

}  // namespace workmatch
