#include "core/text/split.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace workmatch {
namespace {

icu::UnicodeString ToUnicode(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

// Valid UTF-8 survives a round trip through ICU unchanged; a broken sequence or
// half a surrogate pair comes back as U+FFFD.
bool IsValidUtf8(const std::string& s) {
  std::string back;
  ToUnicode(s).toUTF8String(back);
  return back == s && s.find("\xEF\xBF\xBD") == std::string::npos;
}

std::string Repeat(std::string_view unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += unit;
  return out;
}

std::string Concat(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += p;
  return out;
}

std::string JoinWithSpaces(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

// True when `part` is a sequence of whole `tokens` (each token one emoji or flag).
bool IsSequenceOf(std::string_view part, const std::vector<std::string>& tokens) {
  while (!part.empty()) {
    bool matched = false;
    for (const std::string& t : tokens) {
      if (part.substr(0, t.size()) == t) {
        part.remove_prefix(t.size());
        matched = true;
        break;
      }
    }
    if (!matched) return false;
  }
  return true;
}

// Checks what every split must give: non-empty, valid parts within the limit.
void CheckParts(const std::vector<std::string>& parts, size_t limit) {
  REQUIRE_FALSE(parts.empty());
  for (size_t i = 0; i < parts.size(); ++i) {
    INFO("part " << i << " of " << parts.size() << ": \"" << parts[i] << "\"");
    CHECK_FALSE(parts[i].empty());
    CHECK(Utf16Length(parts[i]) <= limit);
    CHECK(IsValidUtf8(parts[i]));
  }
}

TEST_CASE("UTF-16 length counts code units", "[core][split]") {
  CHECK(Utf16Length("") == 0);
  CHECK(Utf16Length("abc") == 3);
  CHECK(Utf16Length("😀") == 2);        // outside the BMP: a surrogate pair
  CHECK(Utf16Length("\u00e9") == 1);   // é precomposed: two bytes, one unit
  CHECK(Utf16Length("e\u0301") == 2);  // e + combining acute
  CHECK(Utf16Length("مُمَرِّضَة") == 10);
  CHECK(Utf16Length("👨‍👩‍👧‍👦") == 11);  // four people joined by three ZWJ
}

TEST_CASE("A text within the limit comes back unchanged", "[core][split]") {
  CHECK(SplitText("Hallo! Wie geht's?", 100) == std::vector<std::string>{"Hallo! Wie geht's?"});
  CHECK(SplitText("abcde", 5) == std::vector<std::string>{"abcde"});
  CHECK(SplitText("مرحبا، أبحث عن عمل", 18) == std::vector<std::string>{"مرحبا، أبحث عن عمل"});
  CHECK(SplitText("", 10) == std::vector<std::string>{""});
}

TEST_CASE("A long text with sentences is cut at sentence ends", "[core][split]") {
  std::string text;
  for (int i = 1; i <= 30; ++i) {
    if (!text.empty()) text += ' ';
    text += "Sentence " + std::to_string(i) + " tells you about work in Berlin.";
  }
  const size_t limit = 200;
  REQUIRE(Utf16Length(text) > 3 * limit);
  std::vector<std::string> parts = SplitText(text, limit);
  CheckParts(parts, limit);
  REQUIRE(parts.size() >= 4);
  for (size_t i = 0; i < parts.size(); ++i) {
    INFO("part " << i << ": \"" << parts[i] << "\"");
    CHECK(parts[i].back() == '.');
    CHECK_THAT(parts[i], Catch::StartsWith("Sentence "));
  }
  CHECK(JoinWithSpaces(parts) == text);
}

TEST_CASE("A long text without sentence ends is cut between words", "[core][split]") {
  const std::vector<std::string> words = {"Pflege", "Arbeit",   "Berlin",   "Leipzig",
                                          "mentor", "training", "language", "caseworker"};
  std::string text;
  for (int i = 0; i < 60; ++i) {
    if (!text.empty()) text += ' ';
    text += words[static_cast<size_t>(i) % words.size()];
  }
  const size_t limit = 40;
  std::vector<std::string> parts = SplitText(text, limit);
  CheckParts(parts, limit);
  REQUIRE(parts.size() >= 10);
  const std::set<std::string> known(words.begin(), words.end());
  for (size_t i = 0; i < parts.size(); ++i) {
    INFO("part " << i << ": \"" << parts[i] << "\"");
    CHECK(parts[i].front() != ' ');
    CHECK(parts[i].back() != ' ');
    // Every word in the part is whole.
    size_t start = 0;
    while (start <= parts[i].size()) {
      size_t end = parts[i].find(' ', start);
      if (end == std::string::npos) end = parts[i].size();
      std::string word = parts[i].substr(start, end - start);
      INFO("word \"" << word << "\"");
      CHECK(known.count(word) == 1);
      start = end + 1;
    }
  }
  CHECK(JoinWithSpaces(parts) == text);
}

TEST_CASE("One long word is cut between characters", "[core][split]") {
  const std::string text = Repeat("Pflegehilfskraftausbildungsberatungsstelle", 7);  // 294
  const size_t limit = 50;
  std::vector<std::string> parts = SplitText(text, limit);
  CheckParts(parts, limit);
  REQUIRE(parts.size() == 6);
  for (size_t i = 0; i + 1 < parts.size(); ++i) CHECK(parts[i].size() == limit);  // ASCII: full
  CHECK(Concat(parts) == text);
}

TEST_CASE("Emoji, flags and combining marks are never cut apart", "[core][split]") {
  SECTION("emoji with a skin tone modifier") {
    const std::string wave = "👋🏽";  // U+1F44B U+1F3FD: 4 units
    const std::string text = Repeat(wave, 40);
    std::vector<std::string> parts = SplitText(text, 11);  // 11: a naive cut splits one
    CheckParts(parts, 11);
    CHECK(parts.size() >= 10);
    for (const std::string& p : parts) CHECK(IsSequenceOf(p, {wave}));
    CHECK(Concat(parts) == text);
  }
  SECTION("flags: pairs of regional indicators stay paired") {
    const std::vector<std::string> flags = {"🇺🇦", "🇸🇾", "🇦🇫"};
    const std::string text = Repeat("🇺🇦🇸🇾🇦🇫", 15);
    std::vector<std::string> parts = SplitText(text, 11);
    CheckParts(parts, 11);
    CHECK(parts.size() >= 10);
    for (const std::string& p : parts) {
      INFO(p);
      CHECK(IsSequenceOf(p, flags));
    }
    CHECK(Concat(parts) == text);
  }
  SECTION("a ZWJ family emoji stays whole") {
    const std::string family = "👨‍👩‍👧‍👦";  // 11 units
    const std::string text = Repeat(family, 12);
    std::vector<std::string> parts = SplitText(text, 30);
    CheckParts(parts, 30);
    CHECK(parts.size() >= 6);
    for (const std::string& p : parts) CHECK(IsSequenceOf(p, {family}));
    CHECK(Concat(parts) == text);
  }
  SECTION("Arabic with diacritics: no part starts with a combining mark") {
    const std::string text = Repeat("مُمَرِّضَة", 20);  // one long word of 200 units
    std::vector<std::string> parts = SplitText(text, 7);
    CheckParts(parts, 7);
    CHECK(parts.size() >= 29);
    for (const std::string& p : parts) {
      INFO(p);
      UChar32 first = ToUnicode(p).char32At(0);
      int8_t type = u_charType(first);
      CHECK(type != U_NON_SPACING_MARK);
      CHECK(type != U_COMBINING_SPACING_MARK);
      CHECK(type != U_ENCLOSING_MARK);
    }
    CHECK(Concat(parts) == text);
  }
}

TEST_CASE("An emoji longer than the limit is kept whole", "[core][split]") {
  const std::string family = "👨‍👩‍👧‍👦";  // 11 units, limit 4
  std::vector<std::string> parts = SplitText(Repeat(family, 3), 4);
  REQUIRE(parts.size() == 3);
  for (const std::string& p : parts) CHECK(p == family);
}

TEST_CASE("Whitespace at a cut is dropped", "[core][split]") {
  std::vector<std::string> parts = SplitText("alpha    beta    gamma", 9);
  CheckParts(parts, 9);
  CHECK(parts == std::vector<std::string>{"alpha", "beta", "gamma"});
}

}  // namespace
}  // namespace workmatch
