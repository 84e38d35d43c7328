// The directory of a hub: organizations, the opportunities they offer, and the
// contacts (one per channel identity) who talk to WorkMatch.
//
// Plain values, no behaviour beyond validation: storage persists them, matching
// reads them, the demo and import commands build them from files.
#ifndef WORKMATCH_CORE_DIRECTORY_H_
#define WORKMATCH_CORE_DIRECTORY_H_

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace workmatch {

struct Organization {
  std::string slug;  // stable key: lowercase letters, digits, '-'
  std::string name;
  std::string kind;  // OrganizationKinds()
  std::optional<std::string> parent_slug;
  std::optional<std::string> country;  // ISO 3166-1 alpha-2; none for a hub
  std::optional<std::string> city;
  std::optional<std::string> website;
  std::optional<std::string> referral_code;  // carried by deep links
  std::optional<std::string> default_locale;
};

struct Coordinates {
  double lat = 0;
  double lon = 0;
};

struct RequiredSkill {
  std::string uri;  // ESCO skill concept URI
  bool essential = true;
};

struct RequiredLanguage {
  std::string language;  // ISO 639-1
  std::string min_cefr;  // CefrLevels()
};

struct Opportunity {
  std::string external_id;  // stable key from the source ("gb-leeds-care-assistant")
  std::string organization_slug;
  std::string kind;  // OpportunityKinds()
  std::string title;
  std::string description;
  std::optional<std::string> occupation_uri;  // ESCO occupation concept URI
  std::optional<std::string> isco_code;       // ISCO-08, 1-4 digits
  std::optional<std::string> service_type;    // services only
  std::optional<std::string> country;
  std::optional<std::string> city;
  std::optional<Coordinates> location;
  std::optional<std::string> employment_type;
  double min_years = 0;
  bool requires_right_to_work = false;
  bool requires_recognition = false;
  std::vector<RequiredLanguage> languages;
  std::vector<RequiredSkill> skills;
  std::optional<int> capacity;
  std::optional<std::string> url;
  std::optional<std::string> starts_on;  // ISO date
  std::optional<std::string> closes_on;  // ISO date
};

struct ContactSeed {
  std::string channel;      // Channels()
  std::string external_id;  // the platform's identity of the person
  std::optional<std::string> chat_id;
  std::string role;  // ContactRoles()
  std::optional<std::string> organization_slug;
  std::optional<std::string> locale;
  std::optional<std::string> display_name;
};

// Checks the fields against the vocabularies and formats; the error names the
// record and the field ("opportunity gb-x: kind \"gig\" is not one of ...").
Status Validate(const Organization& organization);
Status Validate(const Opportunity& opportunity);
Status Validate(const ContactSeed& contact);

}  // namespace workmatch

#endif  // WORKMATCH_CORE_DIRECTORY_H_
