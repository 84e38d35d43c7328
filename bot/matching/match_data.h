// MatchData: the database's people and opportunities as the matching core's
// facts (core/matching/), with the ids it needs: occupations, sectors and
// skills of the taxonomy, languages, contacts and opportunities.
#ifndef WORKMATCH_BOT_MATCHING_MATCH_DATA_H_
#define WORKMATCH_BOT_MATCHING_MATCH_DATA_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <unordered_map>
#include <vector>

#include "bot/storage/database.h"
#include "core/matching/programmes.h"
#include "core/matching/scoring.h"
#include "core/result.h"

namespace workmatch {

// What a person is shown of an opportunity.
struct OpportunityText {
  std::string external_id, title, city, url, organization;
};

// A town where opportunities are: its name folded for matching, its country
// and a place in it.
struct Town {
  std::string folded, country;
  Coordinates place;
};

struct MatchData {
  std::vector<OccupationInfo> occupations;  // by occupation id
  std::vector<std::string> occupation_uri;  // by occupation id
  std::unordered_map<std::string, uint32_t> occupation_id, skill_id;
  std::unordered_map<std::string, uint16_t> sector_id, language_id;
  std::vector<std::string> language_code;       // by language id
  std::vector<ProfileFacts> people;             // id: the contact's id
  std::vector<OpportunityFacts> jobs;           // open jobs; id: the opportunity's id
  std::vector<OpportunityFacts> programmes;     // open trainings and mentoring
  std::vector<ServiceFacts> services;           // open services
  std::unordered_map<uint32_t, OpportunityText> text;  // every opportunity above, by id
  std::vector<Town> towns;  // the towns of the opportunities with a place, longest name first

  // The town a person's own words name ("I live in Leeds"), if one of `towns`.
  const Town* FindTown(std::string_view words) const;
};

// The taxonomy, the open opportunities of every kind (jobs, trainings and
// mentoring that name an occupation; services with a type), and, with
// `with_people`, every newcomer with a profile.
Result<MatchData> LoadMatchData(Database& db, bool with_people = true);

// One person's facts as stored now, with the ids of `data` (new occupations,
// skills or languages are added to it); nullopt when they have no profile.
Result<std::optional<ProfileFacts>> LoadProfileFacts(Database& db, MatchData& data,
                                                     int64_t contact_id);

// Where a person is, for services: the profile's place, town and country
// (a town's name placed and its country found through `data.towns`).
Result<Whereabouts> LoadWhereabouts(Database& db, const MatchData& data, int64_t contact_id);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_MATCHING_MATCH_DATA_H_
