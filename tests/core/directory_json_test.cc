#include "core/directory_json.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace workmatch {
namespace {

using nlohmann::json;

json GoodJob() {
  return json::parse(R"({
    "id": "gb-leeds-care-assistant", "organization": "leeds-care", "kind": "job",
    "title": "Care assistant", "description": "Help older people.",
    "occupation": {"uri": "http://data.europa.eu/esco/occupation/x", "isco": "5322"},
    "country": "GB", "city": "Leeds", "lat": 53.8, "lon": -1.55,
    "employment_type": "shifts", "min_years": 1, "requires_right_to_work": true,
    "languages": [{"language": "en", "min_cefr": "B1"}],
    "skills": [{"uri": "http://data.europa.eu/esco/skill/y", "essential": false}],
    "starts_on": "2027-01-15"
  })");
}

TEST_CASE("An opportunity is read with every field", "[core][directory]") {
  auto p = OpportunityFromJson(GoodJob());
  REQUIRE(p.ok());
  CHECK(p->external_id == "gb-leeds-care-assistant");
  CHECK(p->isco_code == "5322");
  REQUIRE(p->location);
  CHECK(p->location->lon == Approx(-1.55));
  CHECK(p->requires_right_to_work);
  REQUIRE(p->languages.size() == 1);
  CHECK(p->languages[0].min_cefr == "B1");
  REQUIRE(p->skills.size() == 1);
  CHECK_FALSE(p->skills[0].essential);
}

TEST_CASE("A bad opportunity is refused with the record and the field named", "[core][directory]") {
  struct Case {
    const char* field;
    json value;
    const char* expected;
  };
  const Case cases[] = {
      {"kind", "gig", "kind \"gig\" is not one of job, training, mentoring, service"},
      {"title", 42, "\"title\" must be a string"},
      {"languages", json::parse(R"([{"language": "en", "min_cefr": "B7"}])"), "min_cefr \"B7\""},
      {"lat", 123.0, "lat must be in [-90, 90]"},
      {"starts_on", "15/01/2027", "YYYY-MM-DD"},
      {"min_years", -1, "min_years must not be negative"},
      {"id", "Has Spaces", "id must be lowercase"},
  };
  for (const Case& c : cases) {
    json j = GoodJob();
    j[c.field] = c.value;
    auto p = OpportunityFromJson(j);
    INFO(c.field);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().code == "directory.invalid");
    CHECK_THAT(p.error().message, Catch::Contains(c.expected));
    CHECK_THAT(p.error().message, Catch::StartsWith("opportunity"));
  }
  json missing = GoodJob();
  missing.erase("title");
  auto p = OpportunityFromJson(missing);
  REQUIRE_FALSE(p.ok());
  CHECK_THAT(p.error().message, Catch::Contains("\"title\" is missing"));
}

TEST_CASE("Services need a service type and other kinds need an occupation", "[core][directory]") {
  json service = GoodJob();
  service["kind"] = "service";
  auto p = OpportunityFromJson(service);
  REQUIRE_FALSE(p.ok());
  CHECK_THAT(p.error().message, Catch::Contains("service_type"));

  json job = GoodJob();
  job.erase("occupation");
  auto q = OpportunityFromJson(job);
  REQUIRE_FALSE(q.ok());
  CHECK_THAT(q.error().message, Catch::Contains("needs an occupation"));
}

TEST_CASE("Organizations outside a hub need a country", "[core][directory]") {
  auto hub = OrganizationFromJson(json{{"slug", "hub"}, {"name", "Hub"}, {"kind", "hub"}});
  CHECK(hub.ok());
  auto ngo = OrganizationFromJson(json{{"slug", "ngo"}, {"name", "NGO"}, {"kind", "ngo"}});
  REQUIRE_FALSE(ngo.ok());
  CHECK_THAT(ngo.error().message, Catch::Contains("country is required"));
  auto lower = OrganizationFromJson(
      json{{"slug", "ngo"}, {"name", "NGO"}, {"kind", "ngo"}, {"country", "fi"}});
  REQUIRE_FALSE(lower.ok());
  CHECK_THAT(lower.error().message, Catch::Contains("ISO 3166-1"));
}

}  // namespace
}  // namespace workmatch
