#include "core/matching/match_index.h"

#include <algorithm>
#include <cmath>

namespace workmatch {
namespace {

constexpr uint32_t kSkillBase = 1u << 24;  // skills' feature numbers follow occupations'
constexpr double kCellDegrees = 0.5;

bool Better(const Ranked& a, const Ranked& b) {
  return a.score != b.score ? a.score > b.score : a.id < b.id;
}

std::vector<Ranked> Top(std::vector<Ranked> all, size_t k) {
  const size_t n = std::min(k, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), Better);
  all.resize(n);
  return all;
}

}  // namespace

MatchIndex::MatchIndex(const std::vector<OccupationInfo>& occupations)
    : occupations_(occupations), scorer_(occupations), related_(occupations.size()) {
  for (uint32_t a = 0; a < occupations.size(); ++a) {
    for (uint32_t b = 0; b < occupations.size(); ++b) {
      if (scorer_.OccupationSimilarity(a, b) > 0) related_[a].push_back(b);
    }
  }
}

int32_t MatchIndex::Cell(const Coordinates& c) {
  const int32_t row = static_cast<int32_t>(std::floor((c.lat + 90) / kCellDegrees));
  const int32_t col = static_cast<int32_t>(std::floor((c.lon + 180) / kCellDegrees));
  return row * static_cast<int32_t>(360 / kCellDegrees) + col;
}

int32_t MatchIndex::CellOf(const ProfileFacts& p) const {
  return p.place && p.max_km > 0 ? Cell(*p.place) : kAnywhere;
}

std::vector<int32_t> MatchIndex::CellsWithin(const Coordinates& c, double km) const {
  // Every cell that a point within `km` of `c` can fall in (a bounding box).
  const double dlat = km / 111.0 + kCellDegrees;
  const double cos_lat = std::max(0.05, std::cos((std::abs(c.lat) + dlat) * 3.14159265358979 / 180));
  const double dlon = std::min(180.0, km / (111.0 * cos_lat) + kCellDegrees);
  std::vector<int32_t> out;
  for (double lat = std::max(-90.0, c.lat - dlat); lat <= std::min(90.0, c.lat + dlat);
       lat += kCellDegrees) {
    for (double lon = c.lon - dlon; lon <= c.lon + dlon; lon += kCellDegrees) {
      double wrapped = lon < -180 ? lon + 360 : lon >= 180 ? lon - 360 : lon;
      out.push_back(Cell({lat, wrapped}));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

uint64_t MatchIndex::Key(uint32_t feature, int32_t cell, bool may_work) {
  return (static_cast<uint64_t>(feature) << 32) | (static_cast<uint64_t>(cell + 1) << 1) |
         (may_work ? 1 : 0);
}

std::vector<uint32_t> MatchIndex::ProfileFeatures(const ProfileFacts& p) const {
  std::vector<uint32_t> out;
  for (const ProfileFacts::Job& j : p.jobs) out.push_back(j.occupation);
  for (uint32_t s : p.skills) out.push_back(kSkillBase + s);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void MatchIndex::Erase(std::vector<uint32_t>& postings, uint32_t slot) {
  auto it = std::find(postings.begin(), postings.end(), slot);
  if (it != postings.end()) {
    *it = postings.back();
    postings.pop_back();
  }
}

void MatchIndex::UpsertProfile(const ProfileFacts& p) {
  RemoveProfile(p.id);
  uint32_t slot;
  if (!free_profiles_.empty()) {
    slot = free_profiles_.back();
    free_profiles_.pop_back();
    profiles_[slot] = p;
  } else {
    slot = static_cast<uint32_t>(profiles_.size());
    profiles_.push_back(p);
  }
  profile_slot_[p.id] = slot;
  const int32_t cell = CellOf(p);
  const bool may_work = p.right_to_work == RightToWork::kYes;
  for (uint32_t f : ProfileFeatures(p)) people_[Key(f, cell, may_work)].push_back(slot);
  widest_reach_km_ = std::max(widest_reach_km_, p.max_km);
}

void MatchIndex::RemoveProfile(uint32_t id) {
  auto it = profile_slot_.find(id);
  if (it == profile_slot_.end()) return;
  const uint32_t slot = it->second;
  const int32_t cell = CellOf(profiles_[slot]);
  const bool may_work = profiles_[slot].right_to_work == RightToWork::kYes;
  for (uint32_t f : ProfileFeatures(profiles_[slot])) {
    auto postings = people_.find(Key(f, cell, may_work));
    if (postings != people_.end()) Erase(postings->second, slot);
  }
  profiles_[slot] = ProfileFacts{};
  free_profiles_.push_back(slot);
  profile_slot_.erase(it);
}

void MatchIndex::UpsertOpportunity(const OpportunityFacts& o) {
  RemoveOpportunity(o.id);
  if (o.kind != OpportunityKind::kJob) return;
  uint32_t slot;
  if (!free_opportunities_.empty()) {
    slot = free_opportunities_.back();
    free_opportunities_.pop_back();
    opportunities_[slot] = o;
  } else {
    slot = static_cast<uint32_t>(opportunities_.size());
    opportunities_.push_back(o);
  }
  opportunity_slot_[o.id] = slot;
  jobs_[o.occupation].push_back(slot);
  for (uint32_t s : o.essential) jobs_[kSkillBase + s].push_back(slot);
  for (uint32_t s : o.optional) jobs_[kSkillBase + s].push_back(slot);
}

void MatchIndex::RemoveOpportunity(uint32_t id) {
  auto it = opportunity_slot_.find(id);
  if (it == opportunity_slot_.end()) return;
  const uint32_t slot = it->second;
  const OpportunityFacts& o = opportunities_[slot];
  std::vector<uint32_t> features = {o.occupation};
  for (uint32_t s : o.essential) features.push_back(kSkillBase + s);
  for (uint32_t s : o.optional) features.push_back(kSkillBase + s);
  for (uint32_t f : features) {
    auto postings = jobs_.find(f);
    if (postings != jobs_.end()) Erase(postings->second, slot);
  }
  opportunities_[slot] = OpportunityFacts{};
  free_opportunities_.push_back(slot);
  opportunity_slot_.erase(it);
}

const ProfileFacts* MatchIndex::Profile(uint32_t id) const {
  auto it = profile_slot_.find(id);
  return it == profile_slot_.end() ? nullptr : &profiles_[it->second];
}

const OpportunityFacts* MatchIndex::Opportunity(uint32_t id) const {
  auto it = opportunity_slot_.find(id);
  return it == opportunity_slot_.end() ? nullptr : &opportunities_[it->second];
}

namespace {

// The best K so far, the worst of them on top.
class TopK {
 public:
  explicit TopK(size_t k) : k_(k) {}
  void Offer(const Ranked& r) {
    if (k_ == 0) return;
    if (heap_.size() < k_) {
      heap_.push_back(r);
      std::push_heap(heap_.begin(), heap_.end(), Better);
    } else if (Better(r, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), Better);
      heap_.back() = r;
      std::push_heap(heap_.begin(), heap_.end(), Better);
    }
  }
  // True when nobody scoring at most `bound` can enter any more.
  bool Closed(double bound) const { return heap_.size() == k_ && heap_.front().score > bound; }
  std::vector<Ranked> Take() {
    std::sort(heap_.begin(), heap_.end(), Better);
    return std::move(heap_);
  }

 private:
  size_t k_;
  std::vector<Ranked> heap_;
};

}  // namespace

std::vector<Ranked> MatchIndex::PeopleFor(const OpportunityFacts& o, size_t k) const {
  // Related occupations, the closest first: each can add at most
  // kOccupation * similarity + everything else, so once the K-th best beats
  // that bound, the rest cannot change the answer (exact, not approximate).
  std::vector<std::pair<double, uint32_t>> tiers;  // (bound, feature)
  const double rest = Scorer::kSkills + Scorer::kYears + Scorer::kLanguages + Scorer::kDistance +
                      Scorer::kHours + (o.shortage ? Scorer::kShortage : 0);
  if (o.occupation < related_.size()) {
    for (uint32_t r : related_[o.occupation]) {
      tiers.emplace_back(Scorer::kOccupation * scorer_.OccupationSimilarity(o.occupation, r) + rest, r);
    }
  }
  // Only a skill in common: no occupation, no years, no shortage boost.
  const double skill_bound = Scorer::kSkills + Scorer::kLanguages + Scorer::kDistance + Scorer::kHours;
  for (uint32_t s : o.essential) tiers.emplace_back(skill_bound, kSkillBase + s);
  for (uint32_t s : o.optional) tiers.emplace_back(skill_bound, kSkillBase + s);
  std::stable_sort(tiers.begin(), tiers.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });

  std::vector<int32_t> cells = {kAnywhere};
  if (o.place) {
    std::vector<int32_t> near = CellsWithin(*o.place, widest_reach_km_);
    cells.insert(cells.end(), near.begin(), near.end());
  }
  thread_local std::vector<uint32_t> seen;  // the query that last scored a slot
  thread_local uint32_t query = 0;
  if (seen.size() < profiles_.size()) seen.resize(profiles_.size(), 0);
  if (++query == 0) {
    std::fill(seen.begin(), seen.end(), 0);
    query = 1;
  }
  TopK top(k);
  auto score = [&](const std::vector<uint32_t>& postings) {
    for (uint32_t slot : postings) {
      if (seen[slot] == query) continue;
      seen[slot] = query;
      const ProfileFacts& p = profiles_[slot];
      MatchScore m = scorer_.Score(p, o);
      if (m.eligible) top.Offer({p.id, m.score});
    }
  };
  for (const auto& [bound, feature] : tiers) {
    if (top.Closed(bound)) break;
    if (!o.place) {
      // No place: nobody fails the distance gate; every cell holds candidates.
      for (const auto& [key, postings] : people_) {
        if (static_cast<uint32_t>(key >> 32) == feature) score(postings);
      }
      continue;
    }
    for (int32_t cell : cells) {
      for (bool may_work : {true, false}) {
        if (!may_work && o.needs_right_to_work) continue;  // they fail the gate
        auto it = people_.find(Key(feature, cell, may_work));
        if (it != people_.end()) score(it->second);
      }
    }
  }
  return top.Take();
}

std::vector<Ranked> MatchIndex::PeopleForExhaustive(const OpportunityFacts& o, size_t k) const {
  std::vector<Ranked> scored;
  for (const auto& [id, slot] : profile_slot_) {
    const ProfileFacts& p = profiles_[slot];
    MatchScore m = scorer_.Score(p, o);
    if (m.eligible && scorer_.Relevant(p, o)) scored.push_back({p.id, m.score});
  }
  return Top(std::move(scored), k);
}

std::vector<Ranked> MatchIndex::OpportunitiesFor(const ProfileFacts& p, size_t k) const {
  std::vector<uint32_t> candidates;
  auto add = [&](uint32_t feature) {
    auto it = jobs_.find(feature);
    if (it != jobs_.end()) candidates.insert(candidates.end(), it->second.begin(), it->second.end());
  };
  for (const ProfileFacts::Job& j : p.jobs) {
    if (j.occupation < related_.size()) {
      for (uint32_t r : related_[j.occupation]) add(r);
    }
  }
  for (uint32_t s : p.skills) add(kSkillBase + s);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  TopK top(k);
  for (uint32_t slot : candidates) {
    const OpportunityFacts& o = opportunities_[slot];
    MatchScore m = scorer_.Score(p, o);
    if (m.eligible && scorer_.Relevant(p, o)) top.Offer({o.id, m.score});
  }
  return top.Take();
}

std::vector<Ranked> MatchIndex::OpportunitiesForExhaustive(const ProfileFacts& p, size_t k) const {
  std::vector<Ranked> scored;
  for (const auto& [id, slot] : opportunity_slot_) {
    const OpportunityFacts& o = opportunities_[slot];
    MatchScore m = scorer_.Score(p, o);
    if (m.eligible && scorer_.Relevant(p, o)) scored.push_back({o.id, m.score});
  }
  return Top(std::move(scored), k);
}

}  // namespace workmatch
