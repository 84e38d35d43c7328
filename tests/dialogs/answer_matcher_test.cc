#include "dialogs/answer_matcher.h"

#include <catch2/catch.hpp>

namespace workmatch {
namespace {

const std::vector<ChoiceLabels> kYesNo = {{"yes", {"نعم", "Yes"}}, {"no", {"لا", "No"}}};
const std::vector<ChoiceLabels> kWork = {
    {"care", {"Pflege", "Care"}},
    {"build", {"Bau", "Construction"}},
    {"kitchen", {"Küche", "Kitchen"}},
    {"other", {"Etwas anderes", "Something else"}},
};

TEST_CASE("A choice is understood by its number in any digits", "[dialogs][answers]") {
  CHECK(MatchChoice("2", kWork) == 1);
  CHECK(MatchChoice("٢", kWork) == 1);
  CHECK(MatchChoice("۴", kWork) == 3);
  CHECK(MatchChoice(" 1. ", kWork) == 0);
  CHECK_FALSE(MatchChoice("5", kWork));
  CHECK_FALSE(MatchChoice("0", kWork));
}

TEST_CASE("A choice is understood by its label in either language, however typed",
          "[dialogs][answers]") {
  CHECK(MatchChoice("kuche", kWork) == 2);
  CHECK(MatchChoice("KÜCHE!", kWork) == 2);
  CHECK(MatchChoice("construction 🏗️", kWork) == 1);
  CHECK(MatchChoice("نَعَم", kYesNo) == 0);
  CHECK(MatchChoice("no", kYesNo) == 1);
  CHECK(MatchChoice("etwas anderes", kWork) == 3);
}

TEST_CASE("A choice is understood by the start of its label or a close spelling",
          "[dialogs][answers]") {
  CHECK(MatchChoice("constr", kWork) == 1);
  CHECK(MatchChoice("kitchn", kWork) == 2);
  CHECK(MatchChoice("pflgee", kWork) == 0);
  CHECK(MatchChoice("somthing else", kWork) == 3);
}

TEST_CASE("An answer that fits no choice, or two, is not guessed", "[dialogs][answers]") {
  CHECK_FALSE(MatchChoice("I was a nurse in Aleppo", kWork));
  CHECK_FALSE(MatchChoice("", kWork));
  CHECK_FALSE(MatchChoice("👍", kWork));
  CHECK_FALSE(MatchChoice("n", kYesNo));  // too short to be a start, not a label
  const std::vector<ChoiceLabels> similar = {{"a", {"Cleaner"}}, {"b", {"Cleaning"}}};
  CHECK_FALSE(MatchChoice("clean", similar));  // starts both
  CHECK(MatchChoice("cleaner", similar) == 0);
}

}  // namespace
}  // namespace workmatch
