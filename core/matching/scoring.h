// Scoring a person against an opportunity, with reasons (issue 6).
//
// Hard gates first; a gate that fails makes the pair ineligible and says why:
// the right to work where the opportunity needs it, a recognised
// qualification where the occupation is regulated (jobs), a language more
// than one level below the minimum, a distance beyond what the person
// accepts, no place left (trainings and mentoring with a capacity).
// Then weighted evidence, by kind (weights below, each set summing to 1,
// plus a shortage boost):
//   job:       occupation (same concept 1, same ISCO unit group 0.8, minor
//              0.6, sub-major 0.35, or related through shared essential
//              skills up to 0.6), skills coverage (essential 3× optional),
//              years against the minimum, languages (one level short: half,
//              and a course suggestion), distance, availability;
//   training:  the same occupation closeness (or the same sector), skills
//              the person already has, languages, distance, availability,
//              and whether the person asked for training;
//   mentoring: the mentor's field against the person's (occupation or
//              sector), a language both speak (the mentoring's languages
//              are alternatives: one shared is enough), distance, places
//              left, and whether the person asked for a mentor.
// Every part that counts carries a reason: a catalog key ("match.*",
// "gate.*") with its values, so the person reads it in their language.
//
// Everything is ids: occupations and skills are numbered by the caller (the
// index), languages too. Pure and thread-safe.
#ifndef WORKMATCH_CORE_MATCHING_SCORING_H_
#define WORKMATCH_CORE_MATCHING_SCORING_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/directory.h"

namespace workmatch {

// What scoring needs of an occupation: its ISCO-08 unit group and essential skills.
struct OccupationInfo {
  std::string isco;                // 4 digits
  std::vector<uint32_t> essential;  // skill ids, sorted
  uint16_t sector = 0;              // an id; 0: unknown
};

enum class OpportunityKind : uint8_t { kJob, kTraining, kMentoring };

enum class RightToWork : uint8_t { kUnknown, kYes, kWaiting, kNotSure, kNo };
enum class Hours : uint8_t { kAny, kFullTime, kPartTime };

struct LanguageLevel {
  uint16_t language = 0;  // an id
  uint8_t rank = 0;       // CefrRank: A1 1 .. C2 6, native 7
};

struct ProfileFacts {
  uint32_t id = 0;
  struct Job {
    uint32_t occupation = 0;
    float years = 0;
  };
  std::vector<Job> jobs;         // the main one first
  std::vector<uint32_t> skills;  // sorted
  std::vector<LanguageLevel> languages;
  std::optional<Coordinates> place;
  uint16_t max_km = 0;  // 0: any distance
  RightToWork right_to_work = RightToWork::kUnknown;
  Hours hours = Hours::kAny;
  bool recognized = false;  // a foreign qualification is recognised
  bool wants_training = false, wants_mentor = false;  // what they said they look for
};

struct OpportunityFacts {
  uint32_t id = 0;
  OpportunityKind kind = OpportunityKind::kJob;
  uint32_t occupation = 0;  // a job's; a training's goal; a mentor's field
  std::vector<uint32_t> essential, optional;  // skill ids, sorted
  float min_years = 0;
  std::vector<LanguageLevel> languages;  // minimum levels
  std::optional<Coordinates> place;
  bool needs_right_to_work = false;
  bool needs_recognition = false;  // the occupation is regulated where the job is
  bool shortage = false;           // in shortage in the job's country
  Hours hours = Hours::kAny;
  int32_t places_left = -1;  // trainings and mentoring: capacity minus taken; -1: no limit
};

struct Reason {
  std::string key;  // catalog key: match.* or gate.*
  nlohmann::json args = nlohmann::json::object();
};

struct MatchScore {
  bool eligible = true;
  double score = 0;  // 0..1.05
  std::vector<Reason> reasons;  // with `explain`
};

class Scorer {
 public:
  static constexpr double kOccupation = 0.40, kSkills = 0.25, kYears = 0.10, kLanguages = 0.10,
                          kDistance = 0.10, kHours = 0.05, kShortage = 0.05;
  struct TrainingWeights {
    static constexpr double kOccupation = 0.30, kSkills = 0.15, kLanguages = 0.20,
                            kDistance = 0.15, kHours = 0.05, kWanted = 0.15;
  };
  struct MentoringWeights {
    static constexpr double kField = 0.40, kLanguage = 0.25, kDistance = 0.10, kPlaces = 0.10,
                            kWanted = 0.15;
  };

  // `occupations` by id; must outlive the scorer.
  explicit Scorer(const std::vector<OccupationInfo>& occupations) : occupations_(occupations) {}

  MatchScore Score(const ProfileFacts& p, const OpportunityFacts& o, bool explain = false) const;

  // 0..1: how close two occupations are (same, ISCO groups, shared essential skills).
  double OccupationSimilarity(uint32_t a, uint32_t b) const;
  // True when the pair has an occupation or a skill in common: only such
  // pairs are matches (the index finds exactly these). Trainings and
  // mentoring are also relevant to people of the same sector.
  bool Relevant(const ProfileFacts& p, const OpportunityFacts& o) const;

 private:
  MatchScore ScoreJob(const ProfileFacts& p, const OpportunityFacts& o, bool explain) const;
  MatchScore ScoreTraining(const ProfileFacts& p, const OpportunityFacts& o, bool explain) const;
  MatchScore ScoreMentoring(const ProfileFacts& p, const OpportunityFacts& o, bool explain) const;
  bool SameSector(uint32_t a, uint32_t b) const;

  const std::vector<OccupationInfo>& occupations_;
};

// Great-circle distance in km.
double DistanceKm(const Coordinates& a, const Coordinates& b);

}  // namespace workmatch

#endif  // WORKMATCH_CORE_MATCHING_SCORING_H_
