#include "core/text/normalize.h"

#include <catch2/catch.hpp>

namespace workmatch {
namespace {

TEST_CASE("Folding makes the spellings of one answer equal", "[core][text]") {
  CHECK(FoldForMatching("Ärztin") == "arztin");
  CHECK(FoldForMatching("  Hello!!! 👋 ") == "hello");
  CHECK(FoldForMatching("İstanbul") == "istanbul");
  CHECK(FoldForMatching("ＦＵＬＬ width") == "full width");
  CHECK(FoldForMatching("Café-au-lait") == "cafe au lait");
  // Arabic: presentation forms, harakat, tatweel, letter variants.
  CHECK(FoldForMatching("ﻣﺮﺣﺒﺎ") == FoldForMatching("مرحبا"));
  CHECK(FoldForMatching("مُمَرِّضَة") == FoldForMatching("ممرضه"));
  CHECK(FoldForMatching("مـمـرضـة") == FoldForMatching("ممرضة"));
  CHECK(FoldForMatching("أحمد") == FoldForMatching("احمد"));
  // Persian and Arabic keyboards: ی/ي and ک/ك.
  CHECK(FoldForMatching("کار") == FoldForMatching("كار"));
  CHECK(FoldForMatching("پرستاری") == FoldForMatching("پرستاري"));
  CHECK(FoldForMatching("می\u200Cخواهم") == FoldForMatching("میخواهم"));
  // Pashto letters typed on Persian keyboards: ې ۍ as ی, ګ as گ.
  CHECK(FoldForMatching("بېرته") == FoldForMatching("بیرته"));
  CHECK(FoldForMatching("ګډ") == FoldForMatching("گډ"));
  // Different words stay different.
  CHECK(FoldForMatching("nurse") != FoldForMatching("nursery"));
  CHECK(FoldForMatching("Ваня") == "ваня");
}

TEST_CASE("Numbers are read in every script's digits", "[core][text]") {
  CHECK(ParseWholeNumber("3") == 3);
  CHECK(ParseWholeNumber("٣") == 3);    // Arabic-Indic
  CHECK(ParseWholeNumber("۳") == 3);    // Persian
  CHECK(ParseWholeNumber("१२") == 12);  // Devanagari
  CHECK(ParseWholeNumber(" 12. ") == 12);
  CHECK_FALSE(ParseWholeNumber("3 years"));
  CHECK_FALSE(ParseWholeNumber("three"));
  CHECK_FALSE(ParseWholeNumber(""));
  CHECK(FirstNumber("about 6 years") == 6);
  CHECK(FirstNumber("٦ سنوات") == 6);
  CHECK(FirstNumber("۱۰ سال") == 10);
  CHECK_FALSE(FirstNumber("many years"));
}

TEST_CASE("Edit distance counts code points and neighbour swaps as one", "[core][text]") {
  CHECK(EditDistance("nurse", "nurse") == 0);
  CHECK(EditDistance("nurse", "nrse") == 1);
  CHECK(EditDistance("nurse", "nuesr") == 2);
  CHECK(EditDistance("nurse", "nusre") == 1);
  CHECK(EditDistance("ممرضة", "ممرضه") == 1);
  CHECK(EditDistance("", "abc") == 3);
}

}  // namespace
}  // namespace workmatch
