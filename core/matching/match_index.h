// MatchIndex: both directions of matching, exact top K, updated in place.
//
//   opportunity -> best people:   postings by (occupation, region cell) and
//                                 (skill, region cell) over people
//   person -> best opportunities: postings by occupation and skill over
//                                 opportunities
//
// Jobs only: trainings and mentoring are few and ranked by RankProgrammes
// (programmes.h); UpsertOpportunity ignores them.
//
// A match needs an occupation or a skill in common (Scorer::Relevant) and
// must pass the gates. The candidates of a query are the postings of the
// occupations related to it (same ISCO sub-major group or shared essential
// skills: every pair with a non-zero occupation similarity) and of its
// skills, in the region cells within reach: a person farther away than the
// largest travel distance anyone accepts fails the distance gate anyway;
// people who accept any distance or gave no place sit in one cell of their
// own, always searched. So the candidates hold every eligible relevant
// person, and scoring them all gives exactly the top K of an exhaustive
// scan (ties broken by id), which the *Exhaustive functions compute for
// checks and benchmarks.
//
// Not thread-safe for writes; concurrent queries are safe between writes.
#ifndef WORKMATCH_CORE_MATCHING_MATCH_INDEX_H_
#define WORKMATCH_CORE_MATCHING_MATCH_INDEX_H_

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/matching/scoring.h"

namespace workmatch {

struct Ranked {
  uint32_t id = 0;
  double score = 0;
  bool operator==(const Ranked&) const = default;
};

class MatchIndex {
 public:
  // `occupations` (by id) must outlive the index.
  explicit MatchIndex(const std::vector<OccupationInfo>& occupations);

  void UpsertProfile(const ProfileFacts& p);
  void RemoveProfile(uint32_t id);
  void UpsertOpportunity(const OpportunityFacts& o);
  void RemoveOpportunity(uint32_t id);

  std::vector<Ranked> PeopleFor(const OpportunityFacts& o, size_t k) const;
  std::vector<Ranked> OpportunitiesFor(const ProfileFacts& p, size_t k) const;
  std::vector<Ranked> PeopleForExhaustive(const OpportunityFacts& o, size_t k) const;
  std::vector<Ranked> OpportunitiesForExhaustive(const ProfileFacts& p, size_t k) const;

  const Scorer& scorer() const { return scorer_; }
  const ProfileFacts* Profile(uint32_t id) const;
  const OpportunityFacts* Opportunity(uint32_t id) const;
  size_t people() const { return profile_slot_.size(); }
  size_t opportunities() const { return opportunity_slot_.size(); }

 private:
  static constexpr int32_t kAnywhere = -1;  // the cell of people without a place or a limit
  static int32_t Cell(const Coordinates& c);
  int32_t CellOf(const ProfileFacts& p) const;
  std::vector<int32_t> CellsWithin(const Coordinates& c, double km) const;
  // Postings are also split by whether the person may work: most
  // opportunities need it, and then the others need not be looked at.
  static uint64_t Key(uint32_t feature, int32_t cell, bool may_work);
  std::vector<uint32_t> ProfileFeatures(const ProfileFacts& p) const;  // occupations, then skills
  void Erase(std::vector<uint32_t>& postings, uint32_t slot);

  const std::vector<OccupationInfo>& occupations_;
  Scorer scorer_;
  std::vector<std::vector<uint32_t>> related_;  // occupation -> occupations with similarity > 0

  std::vector<ProfileFacts> profiles_;  // by slot; freed slots are reused
  std::vector<uint32_t> free_profiles_;
  std::unordered_map<uint32_t, uint32_t> profile_slot_;  // id -> slot
  // (occupation or skill + offset, cell, may work) -> profile slots
  std::unordered_map<uint64_t, std::vector<uint32_t>> people_;
  uint16_t widest_reach_km_ = 0;  // the largest max_km of anyone indexed

  std::vector<OpportunityFacts> opportunities_;
  std::vector<uint32_t> free_opportunities_;
  std::unordered_map<uint32_t, uint32_t> opportunity_slot_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> jobs_;  // occupation or skill -> slots
};

}  // namespace workmatch

#endif  // WORKMATCH_CORE_MATCHING_MATCH_INDEX_H_
