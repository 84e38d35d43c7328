// Trainings and mentoring for a person, and services for a need.
//
// A hub has hundreds of trainings and mentoring offers, not millions, so they
// are ranked by scoring every one (Scorer, by kind); the MatchIndex is for
// jobs. Services are not scored: they are found by need and place, nearest
// first.
#ifndef WORKMATCH_CORE_MATCHING_PROGRAMMES_H_
#define WORKMATCH_CORE_MATCHING_PROGRAMMES_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/matching/match_index.h"
#include "core/matching/scoring.h"

namespace workmatch {

// The best `k` eligible, relevant opportunities of `kind` for `p`, best
// first (ties by id).
std::vector<Ranked> RankProgrammes(const Scorer& scorer, const ProfileFacts& p,
                                   std::span<const OpportunityFacts> programmes,
                                   OpportunityKind kind, size_t k);

struct ServiceFacts {
  uint32_t id = 0;
  std::string type;     // service_type: language_course, legal_advice, ...
  std::string country;  // ISO 3166-1 alpha-2, or empty
  std::string city;     // as written by the organization
  std::optional<Coordinates> place;
};

// Where the person is: coordinates, or a town's name, and the country.
struct Whereabouts {
  std::optional<Coordinates> place;
  std::string town;
  std::string country;
};

struct FoundService {
  uint32_t id = 0;
  double km = -1;  // -1: unknown
};

// The service types that answer a need the person picked in the menu
// (housing, health, legal, language_course, childcare, money, documents,
// work); a need that is itself a type answers to that type; "other", or an
// unknown need, to every type.
std::vector<std::string_view> ServiceTypesFor(std::string_view need);

// Services of the need's types near the person, at most `limit`: in the
// person's country when known; with coordinates on both sides, by distance
// (within `max_km`, 0: any); otherwise those in the person's town first.
std::vector<FoundService> FindServices(std::string_view need, const Whereabouts& where,
                                       std::span<const ServiceFacts> services, size_t limit,
                                       double max_km = 0);

}  // namespace workmatch

#endif  // WORKMATCH_CORE_MATCHING_PROGRAMMES_H_
