// The default taxonomy (data/taxonomy/) and the dialog engine's lookup over
// the database's taxonomy.
#include <catch2/catch.hpp>

#include "bot/locales.h"
#include "bot/taxonomy/builtin_taxonomy.h"
#include "bot/taxonomy/taxonomy_lookup.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

namespace workmatch {
namespace {

TEST_CASE("The default taxonomy loads once, with codes, skills, regulation and shortages",
          "[bot][taxonomy]") {
  testing::TempDir dir;
  auto db = testing::OpenTestDatabase(dir);
  testing::FakeClock clock;
  auto first = LoadBuiltinTaxonomyIfEmpty(*db, clock);
  REQUIRE(first.ok());
  CHECK(first->loaded);
  CHECK(first->occupations >= 300);
  CHECK(testing::QueryInt(*db, "SELECT COUNT(*) FROM taxonomy_concepts WHERE kind = "
                               "'occupation' AND length(code) = 4 AND source = 'builtin'") ==
        first->occupations);
  // Every occupation has an English preferred label and at least four skills.
  CHECK(testing::QueryInt(*db, "SELECT COUNT(*) FROM taxonomy_concepts c WHERE kind = "
                               "'occupation' AND NOT EXISTS (SELECT 1 FROM taxonomy_labels l WHERE "
                               "l.uri = c.uri AND l.language = 'en' AND l.kind = 'preferred')") == 0);
  CHECK(testing::QueryInt(*db, "SELECT MIN(n) FROM (SELECT COUNT(*) AS n FROM "
                               "taxonomy_occupation_skills GROUP BY occupation_uri)") >= 4);
  CHECK(testing::QueryInt(*db, "SELECT COUNT(*) FROM taxonomy_regulated WHERE country = 'DE'") > 20);
  CHECK(testing::QueryInt(*db, "SELECT COUNT(DISTINCT country) FROM taxonomy_shortages") >= 10);
  // Labels in every product language for every occupation.
  auto catalog = LoadBuiltinCatalog();
  REQUIRE(catalog.ok());
  for (const std::string& lang : catalog->Locales()) {
    INFO(lang);
    CHECK(testing::QueryInt(*db, "SELECT COUNT(DISTINCT l.uri) FROM taxonomy_labels l JOIN "
                                 "taxonomy_concepts c ON c.uri = l.uri WHERE c.kind = "
                                 "'occupation' AND l.language = '" + lang + "'") ==
          first->occupations);
  }
  auto again = LoadBuiltinTaxonomyIfEmpty(*db, clock);
  REQUIRE(again.ok());
  CHECK_FALSE(again->loaded);
}

TEST_CASE("The lookup links everyday words to occupations and lists their skills",
          "[bot][taxonomy]") {
  testing::TempDir dir;
  auto db = testing::OpenTestDatabase(dir);
  testing::FakeClock clock;
  REQUIRE(LoadBuiltinTaxonomyIfEmpty(*db, clock).ok());
  auto catalog = LoadBuiltinCatalog();
  REQUIRE(catalog.ok());
  auto lookup = DatabaseTaxonomy::Load(*db, catalog->Locales());
  REQUIRE(lookup.ok());
  REQUIRE(*lookup);
  const std::string nurse = "http://data.europa.eu/esco/occupation/";
  auto hits = (*lookup)->LinkOccupation("I was a nurse in Aleppo", "en", 3);
  REQUIRE_FALSE(hits.empty());
  CHECK_THAT(hits[0].label, Catch::Contains("nurse"));
  auto forklift = (*lookup)->LinkOccupation("forklift driver", "en", 3);
  REQUIRE_FALSE(forklift.empty());
  CHECK_THAT(forklift[0].label, Catch::Contains("forklift"));
  // English words work in another language's conversation too.
  auto cook = (*lookup)->LinkOccupation("cook", "ar", 3);
  REQUIRE_FALSE(cook.empty());
  // Everyday words in the person's language, shown back in that language.
  auto nurse_ar = (*lookup)->LinkOccupation("كنت ممرضة في حلب", "ar", 3);
  REQUIRE_FALSE(nurse_ar.empty());
  CHECK(nurse_ar[0].uri == hits[0].uri);
  CHECK(nurse_ar[0].label != hits[0].label);
  auto koch = (*lookup)->LinkOccupation("Köchin", "de", 3);
  REQUIRE_FALSE(koch.empty());
  CHECK(koch[0].uri == cook[0].uri);
  CHECK((*lookup)->LinkOccupation("hello, how are you?", "en", 3).empty());
  auto skills = (*lookup)->OccupationSkills(hits[0].uri, "en", 8);
  CHECK(skills.size() >= 4);
  CHECK_FALSE(skills[0].label.starts_with("http"));

  // Skills named in the person's own words, in English or their language.
  auto floors = (*lookup)->LinkSkills("I can clean building floors", "en", 3);
  REQUIRE_FALSE(floors.empty());
  CHECK(floors[0].uri == "http://data.europa.eu/esco/skill/a2cd3b30-2d6c-473e-a5d4-4e7cb576babe");
  auto elderly = (*lookup)->LinkSkills("رعاية كبار السن", "ar", 3);
  REQUIRE_FALSE(elderly.empty());
  CHECK(elderly[0].uri == "http://data.europa.eu/esco/skill/261e740b-d32d-4356-94a8-3ea29128b70b");
  CHECK(elderly[0].label == "رعاية كبار السن");
  CHECK((*lookup)->LinkSkills("hello, how are you?", "en", 3).empty());
}

}  // namespace
}  // namespace workmatch
