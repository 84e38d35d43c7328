// Scoring with gates and reasons, and the index's exact top K in both
// directions against exhaustive scoring, through incremental updates.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "core/matching/match_index.h"

namespace workmatch {
namespace {

// Occupations 0..5: 0 and 1 share an ISCO unit group, 2 the sub-major group,
// 3 shares essential skills with 0, 4 and 5 are far.
std::vector<OccupationInfo> Occupations() {
  return {{"2221", {1, 2, 3, 4}}, {"2221", {1, 5}},   {"2264", {6, 7}},
          {"5321", {1, 2, 3, 9}}, {"7126", {10, 11}}, {"9112", {12}}};
}

OpportunityFacts Job(uint32_t id, uint32_t occupation) {
  OpportunityFacts o;
  o.id = id;
  o.occupation = occupation;
  o.essential = {1, 2, 3};
  o.optional = {4};
  o.place = Coordinates{52.52, 13.40};  // Berlin
  o.needs_right_to_work = true;
  o.languages = {{1, 3}};  // B1 of language 1
  return o;
}

ProfileFacts Person(uint32_t id, uint32_t occupation) {
  ProfileFacts p;
  p.id = id;
  p.jobs = {{occupation, 6}};
  p.skills = {1, 2};
  p.languages = {{1, 3}};
  p.place = Coordinates{52.50, 13.45};
  p.max_km = 30;
  p.right_to_work = RightToWork::kYes;
  return p;
}

bool Has(const MatchScore& m, const std::string& key) {
  return std::any_of(m.reasons.begin(), m.reasons.end(),
                     [&](const Reason& r) { return r.key == key; });
}

TEST_CASE("Scores rank occupation closeness and carry their reasons", "[core][matching]") {
  auto occupations = Occupations();
  Scorer scorer(occupations);
  CHECK(scorer.OccupationSimilarity(0, 0) == 1.0);
  CHECK(scorer.OccupationSimilarity(0, 1) == 0.8);
  CHECK(scorer.OccupationSimilarity(0, 2) == 0.35);
  CHECK(scorer.OccupationSimilarity(0, 3) == Approx(0.6 * 3 / 5));  // shared essential skills
  CHECK(scorer.OccupationSimilarity(0, 4) == 0);

  const OpportunityFacts job = Job(1, 0);
  MatchScore same = scorer.Score(Person(1, 0), job, true);
  MatchScore near = scorer.Score(Person(2, 1), job, true);
  MatchScore far = scorer.Score(Person(3, 4), job, true);
  CHECK(same.eligible);
  CHECK(same.score > near.score);
  CHECK(near.score > far.score);
  CHECK(Has(same, "match.same_occupation"));
  CHECK(Has(same, "match.skills"));
  CHECK(Has(near, "match.related_occupation"));
  CHECK(Has(same, "match.distance"));

  ProfileFacts short_language = Person(4, 0);
  short_language.languages = {{1, 2}};  // A2 where B1 is needed: a near miss
  MatchScore m = scorer.Score(short_language, job, true);
  CHECK(m.eligible);
  CHECK(Has(m, "match.language_near_miss"));
  CHECK(m.score < same.score);
}

TEST_CASE("Gates make a pair ineligible and say why", "[core][matching]") {
  auto occupations = Occupations();
  Scorer scorer(occupations);
  OpportunityFacts job = Job(1, 0);
  ProfileFacts waiting = Person(1, 0);
  waiting.right_to_work = RightToWork::kWaiting;
  CHECK_FALSE(scorer.Score(waiting, job).eligible);
  CHECK(Has(scorer.Score(waiting, job, true), "gate.right_to_work"));
  ProfileFacts far = Person(2, 0);
  far.place = Coordinates{48.14, 11.58};  // Munich, beyond 30 km
  CHECK(Has(scorer.Score(far, job, true), "gate.distance"));
  ProfileFacts no_language = Person(3, 0);
  no_language.languages = {};
  CHECK(Has(scorer.Score(no_language, job, true), "gate.language"));
  job.needs_recognition = true;
  ProfileFacts unrecognised = Person(4, 0);
  CHECK(Has(scorer.Score(unrecognised, job, true), "gate.recognition"));
  unrecognised.recognized = true;
  CHECK(scorer.Score(unrecognised, job).eligible);
}

TEST_CASE("The index gives exactly the exhaustive top K, through updates", "[core][matching]") {
  auto occupations = Occupations();
  MatchIndex index(occupations);
  std::mt19937 rng(11);
  auto random_person = [&](uint32_t id) {
    ProfileFacts p = Person(id, rng() % 6);
    p.jobs[0].years = static_cast<float>(rng() % 15);
    p.skills = {static_cast<uint32_t>(rng() % 13), static_cast<uint32_t>(rng() % 13)};
    std::sort(p.skills.begin(), p.skills.end());
    p.skills.erase(std::unique(p.skills.begin(), p.skills.end()), p.skills.end());
    p.place = Coordinates{52.0 + (rng() % 100) / 100.0, 13.0 + (rng() % 100) / 100.0};
    p.max_km = static_cast<uint16_t>(rng() % 4 * 20);  // 0 (any), 20, 40, 60
    p.right_to_work = rng() % 3 ? RightToWork::kYes : RightToWork::kWaiting;
    p.languages = {{1, static_cast<uint8_t>(rng() % 7 + 1)}};
    return p;
  };
  for (uint32_t id = 0; id < 3000; ++id) index.UpsertProfile(random_person(id));
  for (uint32_t id = 0; id < 200; ++id) {
    OpportunityFacts o = Job(id, rng() % 6);
    o.needs_right_to_work = rng() % 2;
    o.place = Coordinates{52.0 + (rng() % 100) / 100.0, 13.0 + (rng() % 100) / 100.0};
    index.UpsertOpportunity(o);
  }
  auto check = [&] {
    for (uint32_t id = 0; id < 40; ++id) {
      const OpportunityFacts* o = index.Opportunity(id);
      REQUIRE(o);
      auto fast = index.PeopleFor(*o, 25);
      CHECK(fast == index.PeopleForExhaustive(*o, 25));
      const ProfileFacts* p = index.Profile(id * 10);  // ids ending in 1 are removed below
      REQUIRE(p);
      CHECK(index.OpportunitiesFor(*p, 10) == index.OpportunitiesForExhaustive(*p, 10));
    }
  };
  check();
  REQUIRE_FALSE(index.PeopleFor(*index.Opportunity(0), 25).empty());
  // Change a third of the people and some opportunities in place.
  for (uint32_t id = 0; id < 3000; id += 3) index.UpsertProfile(random_person(id));
  for (uint32_t id = 1; id < 3000; id += 10) index.RemoveProfile(id);
  for (uint32_t id = 0; id < 200; id += 5) index.UpsertOpportunity(Job(id, (id / 5) % 6));
  CHECK(index.people() == 3000 - 300);
  check();
}

}  // namespace
}  // namespace workmatch
