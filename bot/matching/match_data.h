// MatchData: the database's people and opportunities as the matching core's
// facts (core/matching/), with the ids it needs: occupations and skills of
// the taxonomy, languages, contacts and opportunities.
#ifndef WORKMATCH_BOT_MATCHING_MATCH_DATA_H_
#define WORKMATCH_BOT_MATCHING_MATCH_DATA_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "bot/storage/database.h"
#include "core/matching/scoring.h"
#include "core/result.h"

namespace workmatch {

struct MatchData {
  std::vector<OccupationInfo> occupations;     // by occupation id
  std::vector<std::string> occupation_uri;     // by occupation id
  std::unordered_map<std::string, uint32_t> occupation_id, skill_id;
  std::vector<std::string> language_code;      // by language id
  std::vector<ProfileFacts> people;            // id: the contact's id
  std::vector<OpportunityFacts> opportunities;  // id: the opportunity's id
  std::unordered_map<uint32_t, std::string> title;      // opportunity id -> title
  std::unordered_map<uint32_t, std::string> external;   // opportunity id -> external id
};

// Open opportunities of every kind that name an occupation, and every
// newcomer with a profile.
Result<MatchData> LoadMatchData(Database& db);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_MATCHING_MATCH_DATA_H_
