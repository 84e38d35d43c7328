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

bool Scorer::Relevant(const ProfileFacts& p, const OpportunityFacts& o) const {
  for (const ProfileFacts::Job& j : p.jobs) {
    if (OccupationSimilarity(j.occupation, o.occupation) > 0) return true;
  }
  return Common(p.skills, o.essential) > 0 || Common(p.skills, o.optional) > 0;
}

MatchScore Scorer::Score(const ProfileFacts& p, const OpportunityFacts& o, bool explain) const {
  MatchScore m;
  auto reason = [&](const char* key, nlohmann::json args = nlohmann::json::object()) {
    if (explain) m.reasons.push_back({key, std::move(args)});
  };
  // Gates.
  if (o.needs_right_to_work && p.right_to_work != RightToWork::kYes) {
    m.eligible = false;
    reason("gate.right_to_work");
  }
  double distance_km = -1;
  if (p.place && o.place) {
    distance_km = DistanceKm(*p.place, *o.place);
    if (p.max_km > 0 && distance_km > p.max_km) {
      m.eligible = false;
      reason("gate.distance", {{"km", std::lround(distance_km)}, {"max", p.max_km}});
    }
  }
  double language_part = o.languages.empty() ? 1.0 : 0.0;
  for (const LanguageLevel& need : o.languages) {
    uint8_t have = 0;
    for (const LanguageLevel& l : p.languages) {
      if (l.language == need.language) have = std::max(have, l.rank);
    }
    const double share = 1.0 / static_cast<double>(o.languages.size());
    if (have >= need.rank) {
      language_part += share;
      reason("match.language_ok", {{"language", need.language}, {"level", need.rank}});
    } else if (have + 1 == need.rank) {
      language_part += share / 2;
      reason("match.language_near_miss",
             {{"language", need.language}, {"need", need.rank}, {"have", have}});
    } else {
      m.eligible = false;
      reason("gate.language", {{"language", need.language}, {"need", need.rank}, {"have", have}});
    }
  }
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
  if (o.needs_recognition && !p.recognized && occupation >= 0.8) {
    m.eligible = false;
    reason("gate.recognition");
  }
  if (occupation >= 1.0) {
    reason("match.same_occupation", {{"occupation", closest}, {"years", std::lround(years)}});
  } else if (occupation > 0) {
    reason("match.related_occupation", {{"occupation", closest}});
  }
  // Skills: what the person has of the opportunity's skills.
  double skills = 0;
  const double weights = 3.0 * static_cast<double>(o.essential.size()) +
                         static_cast<double>(o.optional.size());
  if (weights > 0) {
    const size_t essential = Common(p.skills, o.essential);
    skills = (3.0 * static_cast<double>(essential) + static_cast<double>(Common(p.skills, o.optional))) /
             weights;
    if (essential > 0) {
      reason("match.skills", {{"have", essential}, {"of", o.essential.size()}});
    }
  }
  // Years in the closest occupation, against the minimum (a year's worth when none is asked).
  double experience = 0;
  if (occupation > 0) {
    experience = std::min(1.0, static_cast<double>(years) / std::max(1.0f, o.min_years));
    if (o.min_years > 0 && years < o.min_years) {
      reason("match.years_short", {{"have", std::lround(years)}, {"need", std::lround(o.min_years)}});
    }
  }
  double distance = 0.5;  // unknown: neither near nor far
  if (distance_km >= 0) {
    const double reach = p.max_km > 0 ? p.max_km : 100.0;
    distance = std::max(0.0, 1.0 - distance_km / std::max(reach, 1.0));
    reason("match.distance", {{"km", std::lround(distance_km)}});
  }
  const double hours = o.hours == Hours::kAny || p.hours == Hours::kAny || o.hours == p.hours ? 1 : 0;
  m.score = kOccupation * occupation + kSkills * skills + kYears * experience +
            kLanguages * language_part + kDistance * distance + kHours * hours;
  if (o.shortage && occupation > 0) {
    m.score += kShortage;
    reason("match.shortage");
  }
  return m;
}

}  // namespace workmatch
