// Scoring a person against an opportunity, with reasons (issue 6).
//
// Hard gates first; a gate that fails makes the pair ineligible and says why:
// the right to work where the opportunity needs it, a recognised
// qualification where the occupation is regulated, a language more than one
// level below the minimum, a distance beyond what the person accepts.
// Then weighted evidence (weights below, summing to 1, plus a shortage boost):
// occupation (same concept 1, same ISCO unit group 0.8, minor 0.6, sub-major
// 0.35, or related through shared essential skills up to 0.6), skills
// coverage (essential 3× optional), years against the minimum, languages
// (one level short: half, and a course suggestion), distance, availability.
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
};

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
};

struct OpportunityFacts {
  uint32_t id = 0;
  uint32_t occupation = 0;
  std::vector<uint32_t> essential, optional;  // skill ids, sorted
  float min_years = 0;
  std::vector<LanguageLevel> languages;  // minimum levels
  std::optional<Coordinates> place;
  bool needs_right_to_work = false;
  bool needs_recognition = false;  // the occupation is regulated where the job is
  bool shortage = false;           // in shortage in the job's country
  Hours hours = Hours::kAny;
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

  // `occupations` by id; must outlive the scorer.
  explicit Scorer(const std::vector<OccupationInfo>& occupations) : occupations_(occupations) {}

  MatchScore Score(const ProfileFacts& p, const OpportunityFacts& o, bool explain = false) const;

  // 0..1: how close two occupations are (same, ISCO groups, shared essential skills).
  double OccupationSimilarity(uint32_t a, uint32_t b) const;
  // True when the pair has an occupation or a skill in common: only such
  // pairs are matches (the index finds exactly these).
  bool Relevant(const ProfileFacts& p, const OpportunityFacts& o) const;

 private:
  const std::vector<OccupationInfo>& occupations_;
};

// Great-circle distance in km.
double DistanceKm(const Coordinates& a, const Coordinates& b);

}  // namespace workmatch

#endif  // WORKMATCH_CORE_MATCHING_SCORING_H_
