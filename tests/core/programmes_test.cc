// Trainings and mentoring scored by their own evidence, and services found by
// need and place.
#include <algorithm>
#include <catch2/catch.hpp>

#include "core/matching/programmes.h"

namespace workmatch {
namespace {

// 0 and 1: nurses (same unit group, sector 1); 2: a care worker (sector 1,
// no shared group or skills with 0); 3: a welder (sector 2).
std::vector<OccupationInfo> Occupations() {
  return {{"2221", {1, 2, 3}, 1}, {"2221", {1, 5}, 1}, {"5322", {20, 21}, 1}, {"7212", {30}, 2}};
}

ProfileFacts Nurse(uint32_t id) {
  ProfileFacts p;
  p.id = id;
  p.jobs = {{0, 6}};
  p.skills = {1, 2};
  p.languages = {{1, 7}, {2, 2}};  // native in language 1, A2 in language 2
  p.place = Coordinates{53.80, -1.55};  // Leeds
  p.max_km = 40;
  return p;
}

OpportunityFacts Programme(uint32_t id, OpportunityKind kind, uint32_t occupation) {
  OpportunityFacts o;
  o.id = id;
  o.kind = kind;
  o.occupation = occupation;
  o.essential = occupation == 3 ? std::vector<uint32_t>{30} : std::vector<uint32_t>{1, 2, 3, 4};
  o.place = Coordinates{53.80, -1.55};
  return o;
}

bool Has(const MatchScore& m, const std::string& key) {
  return std::any_of(m.reasons.begin(), m.reasons.end(),
                     [&](const Reason& r) { return r.key == key; });
}

const Reason* Find(const MatchScore& m, const std::string& key) {
  for (const Reason& r : m.reasons) {
    if (r.key == key) return &r;
  }
  return nullptr;
}

TEST_CASE("A mentor needs a language in common, and one is enough", "[core][matching]") {
  auto occupations = Occupations();
  Scorer scorer(occupations);
  OpportunityFacts mentor = Programme(1, OpportunityKind::kMentoring, 1);
  mentor.languages = {{3, 3}, {1, 3}};  // B1 in language 3 or in language 1
  ProfileFacts p = Nurse(1);
  MatchScore m = scorer.Score(p, mentor, true);
  CHECK(m.eligible);
  const Reason* shared = Find(m, "match.shared_language");
  REQUIRE(shared);
  CHECK(shared->args["language"] == 1);

  mentor.languages = {{3, 3}};
  m = scorer.Score(p, mentor, true);
  CHECK_FALSE(m.eligible);
  CHECK(Has(m, "gate.no_shared_language"));

  // A2 against a B1 mentoring is a near miss, not a gate.
  mentor.languages = {{2, 3}};
  m = scorer.Score(p, mentor, true);
  CHECK(m.eligible);
  CHECK(Has(m, "match.shared_language"));
}

TEST_CASE("Mentoring and trainings rank by field, places and what the person asked for",
          "[core][matching]") {
  auto occupations = Occupations();
  Scorer scorer(occupations);
  ProfileFacts p = Nurse(1);
  const OpportunityFacts same = Programme(1, OpportunityKind::kMentoring, 0);
  const OpportunityFacts sector = Programme(2, OpportunityKind::kMentoring, 2);
  const OpportunityFacts other = Programme(3, OpportunityKind::kMentoring, 3);
  CHECK(scorer.Score(p, same).score > scorer.Score(p, sector).score);
  CHECK(scorer.Relevant(p, sector));      // the same sector is enough for a mentor
  CHECK_FALSE(scorer.Relevant(p, other));  // a welder's mentor is not
  CHECK(Has(scorer.Score(p, sector, true), "match.same_field"));

  const double before = scorer.Score(p, same).score;
  p.wants_mentor = true;
  MatchScore asked = scorer.Score(p, same, true);
  CHECK(asked.score == Approx(before + Scorer::MentoringWeights::kWanted));
  CHECK(Has(asked, "match.wanted_mentor"));

  OpportunityFacts full = same;
  full.places_left = 0;
  MatchScore m = scorer.Score(p, full, true);
  CHECK_FALSE(m.eligible);
  CHECK(Has(m, "gate.full"));

  // A training teaches the skills the person lacks, and says how many.
  OpportunityFacts training = Programme(4, OpportunityKind::kTraining, 1);
  training.places_left = 3;
  training.shortage = true;
  m = scorer.Score(p, training, true);
  CHECK(m.eligible);
  const Reason* teaches = Find(m, "match.training_new_skills");
  REQUIRE(teaches);
  CHECK(teaches->args["count"] == 2);
  CHECK(Find(m, "match.places_left")->args["count"] == 3);
  CHECK(Has(m, "match.training_shortage"));
  // A job keeps the job's gates: a training has no recognition gate.
  training.needs_recognition = true;
  CHECK(scorer.Score(p, training).eligible);
}

TEST_CASE("RankProgrammes ranks one kind, skipping the ineligible and unrelated",
          "[core][matching]") {
  auto occupations = Occupations();
  Scorer scorer(occupations);
  ProfileFacts p = Nurse(1);
  std::vector<OpportunityFacts> all = {
      Programme(1, OpportunityKind::kMentoring, 2), Programme(2, OpportunityKind::kMentoring, 0),
      Programme(3, OpportunityKind::kMentoring, 3), Programme(4, OpportunityKind::kTraining, 0),
      Programme(5, OpportunityKind::kMentoring, 0)};
  all[4].places_left = 0;
  auto ranked = RankProgrammes(scorer, p, all, OpportunityKind::kMentoring, 10);
  REQUIRE(ranked.size() == 2);
  CHECK(ranked[0].id == 2);
  CHECK(ranked[1].id == 1);
  CHECK(RankProgrammes(scorer, p, all, OpportunityKind::kMentoring, 1).size() == 1);
  // The job index leaves trainings and mentoring out.
  MatchIndex index(occupations);
  for (const OpportunityFacts& o : all) index.UpsertOpportunity(o);
  CHECK(index.opportunities() == 0);
}

TEST_CASE("Services are found by need and place, nearest first", "[core][matching]") {
  const std::vector<ServiceFacts> services = {
      {1, "legal_advice", "GB", "London", Coordinates{51.51, -0.13}},
      {2, "legal_advice", "GB", "Leeds", Coordinates{53.80, -1.55}},
      {3, "labour_rights", "GB", "Bradford", Coordinates{53.79, -1.75}},
      {4, "language_course", "GB", "Leeds", Coordinates{53.80, -1.55}},
      {5, "legal_advice", "FI", "Helsinki", Coordinates{60.17, 24.94}},
      {6, "legal_advice", "GB", "Leeds", std::nullopt},
  };
  Whereabouts leeds{Coordinates{53.80, -1.54}, "", "GB"};
  auto found = FindServices("legal", leeds, services, 10);
  std::vector<uint32_t> ids;
  for (const FoundService& f : found) ids.push_back(f.id);
  CHECK(ids == std::vector<uint32_t>{2, 3, 1, 6});  // by distance; none abroad; unknown place last
  CHECK(found[0].km < 1);
  CHECK(FindServices("legal", leeds, services, 10, 50).size() == 3);  // London is out of reach
  CHECK(FindServices("legal", leeds, services, 1).size() == 1);

  // A town's name, in any case, when there are no coordinates.
  Whereabouts town{std::nullopt, "LEEDS", "GB"};
  found = FindServices("legal", town, services, 10);
  REQUIRE(found.size() == 4);
  CHECK((found[0].id == 2 || found[0].id == 6));
  CHECK(found[2].id != 5);

  CHECK(FindServices("language_course", leeds, services, 10).size() == 1);
  CHECK(FindServices("other", leeds, services, 10).size() == 5);   // every type in the country
  CHECK(FindServices("cv_help", leeds, services, 10).empty());      // a type by its own name
  CHECK(ServiceTypesFor("money").size() > 1);
}

}  // namespace
}  // namespace workmatch
