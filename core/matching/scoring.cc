#include "core/matching/scoring.h"

#include <algorithm>
#include <cmath>

namespace workmatch {
namespace {

size_t Common(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  size_t n = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++n, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return n;
}

size_t SharedPrefix(const std::string& a, const std::string& b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

}  // namespace

double DistanceKm(const Coordinates& a, const Coordinates& b) {
  constexpr double kRad = 3.14159265358979323846 / 180, kEarthKm = 6371.0;
  const double dlat = (b.lat - a.lat) * kRad, dlon = (b.lon - a.lon) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double Scorer::OccupationSimilarity(uint32_t a, uint32_t b) const {
  if (a == b) return 1.0;
  if (a >= occupations_.size() || b >= occupations_.size()) return 0;
  const OccupationInfo& x = occupations_[a];
  const OccupationInfo& y = occupations_[b];
  double group = 0;
  switch (SharedPrefix(x.isco, y.isco)) {
    case 4: group = 0.8; break;
    case 3: group = 0.6; break;
    case 2: group = 0.35; break;
    default: break;
  }
  double skills = 0;
  if (!x.essential.empty() && !y.essential.empty()) {
    const double common = static_cast<double>(Common(x.essential, y.essential));
    const double all = static_cast<double>(x.essential.size() + y.essential.size()) - common;
    skills = 0.6 * common / all;  // Jaccard of essential skills
  }
  return std::max(group, skills);
}

bool Scorer::SameSector(uint32_t a, uint32_t b) const {
  return a < occupations_.size() && b < occupations_.size() && occupations_[a].sector != 0 &&
         occupations_[a].sector == occupations_[b].sector;
}

bool Scorer::Relevant(const ProfileFacts& p, const OpportunityFacts& o) const {
  for (const ProfileFacts::Job& j : p.jobs) {
    if (OccupationSimilarity(j.occupation, o.occupation) > 0) return true;
    if (o.kind != OpportunityKind::kJob && SameSector(j.occupation, o.occupation)) return true;
  }
  return Common(p.skills, o.essential) > 0 || Common(p.skills, o.optional) > 0;
}

namespace {

// The reasons of one scoring, collected only when asked for.
class Explanation {
 public:
  Explanation(MatchScore& m, bool on) : m_(m), on_(on) {}
  void operator()(const char* key, nlohmann::json args = nlohmann::json::object()) {
    if (on_) m_.reasons.push_back({key, std::move(args)});
  }
  void Fail(const char* key, nlohmann::json args = nlohmann::json::object()) {
    m_.eligible = false;
    (*this)(key, std::move(args));
  }

 private:
  MatchScore& m_;
  bool on_;
};

// The gates every kind shares: the right to work, the distance, places left.
// Returns the distance in km, or -1 when a place is unknown.
double CommonGates(const ProfileFacts& p, const OpportunityFacts& o, Explanation& why) {
  const bool job = o.kind == OpportunityKind::kJob;
  if (o.needs_right_to_work && p.right_to_work != RightToWork::kYes) {
    why.Fail(job ? "gate.right_to_work" : "gate.permit");
  }
  if (o.places_left == 0) why.Fail("gate.full");
  if (!p.place || !o.place) return -1;
  const double km = DistanceKm(*p.place, *o.place);
  if (p.max_km > 0 && km > p.max_km) {
    why.Fail(job ? "gate.distance" : "gate.too_far", {{"km", std::lround(km)}, {"max", p.max_km}});
  }
  return km;
}

uint8_t LevelIn(const ProfileFacts& p, uint16_t language) {
  uint8_t have = 0;
  for (const LanguageLevel& l : p.languages) {
    if (l.language == language) have = std::max(have, l.rank);
  }
  return have;
}

// Every minimum must be met (one level short: half, a near miss).
double AllLanguages(const ProfileFacts& p, const OpportunityFacts& o, Explanation& why) {
  const bool job = o.kind == OpportunityKind::kJob;
  double part = o.languages.empty() ? 1.0 : 0.0;
  for (const LanguageLevel& need : o.languages) {
    const uint8_t have = LevelIn(p, need.language);
    const double share = 1.0 / static_cast<double>(o.languages.size());
    if (have >= need.rank) {
      part += share;
      why("match.language_ok", {{"language", need.language}, {"level", need.rank}});
    } else if (have + 1 == need.rank) {
      part += share / 2;
      why(job ? "match.language_near_miss" : "match.course_language_near_miss",
          {{"language", need.language}, {"need", need.rank}, {"have", have}});
    } else {
      why.Fail(job ? "gate.language" : "gate.course_language", {{"language", need.language}, {"need", need.rank}, {"have", have}});
    }
  }
  return part;
}

// One of the languages is enough: the best one the person speaks.
double SharedLanguage(const ProfileFacts& p, const OpportunityFacts& o, Explanation& why) {
  if (o.languages.empty()) return 1.0;
  const LanguageLevel* best = nullptr;
  double part = 0;
  for (const LanguageLevel& offered : o.languages) {
    const uint8_t have = LevelIn(p, offered.language);
    const double fit = have >= offered.rank ? 1.0 : have > 0 && have + 1 == offered.rank ? 0.5 : 0;
    if (fit > part) part = fit, best = &offered;
  }
  if (!best) {
    why.Fail("gate.no_shared_language");
  } else {
    why("match.shared_language", {{"language", best->language}});
  }
  return part;
}

double DistancePart(double km, const ProfileFacts& p, Explanation& why) {
  if (km < 0) return 0.5;  // unknown: neither near nor far
  why("match.distance", {{"km", std::lround(km)}});
  const double reach = p.max_km > 0 ? p.max_km : 100.0;
  return std::max(0.0, 1.0 - km / std::max(reach, 1.0));
}

double HoursPart(const ProfileFacts& p, const OpportunityFacts& o) {
  return o.hours == Hours::kAny || p.hours == Hours::kAny || o.hours == p.hours ? 1 : 0;
}

// The share of the opportunity's skills the person has, essential ones 3×;
// the number of essential ones they have in `essential`.
double SkillCoverage(const ProfileFacts& p, const OpportunityFacts& o, size_t& essential) {
  essential = Common(p.skills, o.essential);
  const double weights = 3.0 * static_cast<double>(o.essential.size()) +
                         static_cast<double>(o.optional.size());
  if (weights == 0) return 0;
  return (3.0 * static_cast<double>(essential) + static_cast<double>(Common(p.skills, o.optional))) /
         weights;
}

}  // namespace

MatchScore Scorer::Score(const ProfileFacts& p, const OpportunityFacts& o, bool explain) const {
  switch (o.kind) {
    case OpportunityKind::kTraining: return ScoreTraining(p, o, explain);
    case OpportunityKind::kMentoring: return ScoreMentoring(p, o, explain);
    case OpportunityKind::kJob: break;
  }
  return ScoreJob(p, o, explain);
}

MatchScore Scorer::ScoreJob(const ProfileFacts& p, const OpportunityFacts& o, bool explain) const {
  MatchScore m;
  Explanation why(m, explain);
  const double distance_km = CommonGates(p, o, why);
  const double language_part = AllLanguages(p, o, why);
  // Occupation: the closest of the person's jobs.
  double occupation = 0;
  float years = 0;
  uint32_t closest = 0;
  for (const ProfileFacts::Job& j : p.jobs) {
    const double s = OccupationSimilarity(j.occupation, o.occupation);
    if (s > occupation) {
      occupation = s;
      years = j.years;
      closest = j.occupation;
    }
  }
  if (o.needs_recognition && !p.recognized && occupation >= 0.8) why.Fail("gate.recognition");
  if (occupation >= 1.0) {
    why("match.same_occupation", {{"occupation", closest}, {"years", std::lround(years)}});
  } else if (occupation > 0) {
    why("match.related_occupation", {{"occupation", closest}});
  }
  size_t essential = 0;
  const double skills = SkillCoverage(p, o, essential);
  if (essential > 0) why("match.skills", {{"have", essential}, {"of", o.essential.size()}});
  // Years in the closest occupation, against the minimum (a year's worth when none is asked).
  double experience = 0;
  if (occupation > 0) {
    experience = std::min(1.0, static_cast<double>(years) / std::max(1.0f, o.min_years));
    if (o.min_years > 0 && years < o.min_years) {
      why("match.years_short", {{"have", std::lround(years)}, {"need", std::lround(o.min_years)}});
    }
  }
  const double distance = DistancePart(distance_km, p, why);
  m.score = kOccupation * occupation + kSkills * skills + kYears * experience +
            kLanguages * language_part + kDistance * distance + kHours * HoursPart(p, o);
  if (o.shortage && occupation > 0) {
    m.score += kShortage;
    why("match.shortage");
  }
  return m;
}

MatchScore Scorer::ScoreTraining(const ProfileFacts& p, const OpportunityFacts& o,
                                 bool explain) const {
  using W = TrainingWeights;
  MatchScore m;
  Explanation why(m, explain);
  const double distance_km = CommonGates(p, o, why);
  const double language_part = AllLanguages(p, o, why);
  double field = 0;
  uint32_t closest = 0;
  for (const ProfileFacts::Job& j : p.jobs) {
    const double s = std::max(OccupationSimilarity(j.occupation, o.occupation),
                              SameSector(j.occupation, o.occupation) ? 0.5 : 0.0);
    if (s > field) field = s, closest = j.occupation;
  }
  if (field > 0) why("match.same_field", {{"occupation", closest}});
  size_t essential = 0;
  const double skills = SkillCoverage(p, o, essential);
  if (o.essential.size() > essential) {
    why("match.training_new_skills", {{"count", o.essential.size() - essential}});
  }
  if (p.wants_training) why("match.wanted_training");
  if (o.places_left > 0) why("match.places_left", {{"count", o.places_left}});
  const double distance = DistancePart(distance_km, p, why);
  m.score = W::kOccupation * field + W::kSkills * skills + W::kLanguages * language_part +
            W::kDistance * distance + W::kHours * HoursPart(p, o) +
            W::kWanted * (p.wants_training ? 1 : 0);
  if (o.shortage) {
    m.score += kShortage;
    why("match.training_shortage");
  }
  return m;
}

MatchScore Scorer::ScoreMentoring(const ProfileFacts& p, const OpportunityFacts& o,
                                  bool explain) const {
  using W = MentoringWeights;
  MatchScore m;
  Explanation why(m, explain);
  const double distance_km = CommonGates(p, o, why);
  const double language_part = SharedLanguage(p, o, why);
  double field = 0;
  uint32_t closest = 0;
  for (const ProfileFacts::Job& j : p.jobs) {
    const double s = std::max(OccupationSimilarity(j.occupation, o.occupation),
                              SameSector(j.occupation, o.occupation) ? 0.6 : 0.0);
    if (s > field) field = s, closest = j.occupation;
  }
  if (field > 0) why("match.same_field", {{"occupation", closest}});
  if (p.wants_mentor) why("match.wanted_mentor");
  if (o.places_left > 0) why("match.places_left", {{"count", o.places_left}});
  const double places = o.places_left < 0 ? 0.5 : o.places_left > 0 ? 1.0 : 0.0;
  const double distance = DistancePart(distance_km, p, why);
  m.score = W::kField * field + W::kLanguage * language_part + W::kDistance * distance +
            W::kPlaces * places + W::kWanted * (p.wants_mentor ? 1 : 0);
  return m;
}

}  // namespace workmatch
