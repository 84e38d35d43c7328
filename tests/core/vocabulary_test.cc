#include "core/vocabulary.h"

#include <catch2/catch.hpp>

namespace workmatch {
namespace {

TEST_CASE("CEFR ranks order the levels and reject anything else", "[core][vocabulary]") {
  CHECK(CefrRank("A1") == 1);
  CHECK(CefrRank("B1") < CefrRank("B2"));
  CHECK(CefrRank("C2") == 6);
  CHECK(CefrRank("native") == 7);
  CHECK_FALSE(CefrRank("b1"));
  CHECK_FALSE(CefrRank("D1"));
  CHECK_FALSE(CefrRank(""));
}

TEST_CASE("Vocabularies hold the product's journey steps", "[core][vocabulary]") {
  for (const char* step : {"first_contact", "consent_given", "intake_completed", "hired",
                           "handoff_opened", "data_erased"}) {
    CHECK(IsIn(JourneySteps(), step));
  }
  CHECK_FALSE(IsIn(JourneySteps(), "teleported"));
  CHECK(IsIn(OpportunityKinds(), "mentoring"));
  CHECK_FALSE(IsIn(OpportunityKinds(), "gig"));
}

}  // namespace
}  // namespace workmatch
