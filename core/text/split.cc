#include "core/text/split.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>

namespace workmatch {
namespace {

// The last boundary of `it` in (start, limit], or -1.
int32_t LastBoundaryAtMost(icu::BreakIterator& it, int32_t start, int32_t limit) {
  int32_t b = it.preceding(limit + 1);
  return b > start ? b : -1;
}

bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c); }

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

size_t Utf16Length(std::string_view text) {
  return static_cast<size_t>(
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
          .length());
}

std::vector<std::string> SplitText(std::string_view text, size_t max_units, const char* locale) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const int32_t max = static_cast<int32_t>(max_units);
  if (s.length() <= max) return {ToUtf8(s)};

  UErrorCode status = U_ZERO_ERROR;
  icu::Locale loc(locale);
  std::unique_ptr<icu::BreakIterator> sentences(
      icu::BreakIterator::createSentenceInstance(loc, status));
  std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(loc, status));
  std::unique_ptr<icu::BreakIterator> graphemes(
      icu::BreakIterator::createCharacterInstance(loc, status));
  if (U_FAILURE(status)) return {std::string(text)};  // ICU data missing: a broken install
  sentences->setText(s);
  words->setText(s);
  graphemes->setText(s);

  std::vector<std::string> parts;
  int32_t start = 0;
  while (start < s.length()) {
    while (start < s.length() && IsSpace(s.char32At(start))) start = s.moveIndex32(start, 1);
    if (start >= s.length()) break;
    if (s.length() - start <= max) {
      parts.push_back(ToUtf8(icu::UnicodeString(s, start)));
      break;
    }
    const int32_t limit = start + max;
    int32_t cut = LastBoundaryAtMost(*sentences, start, limit);
    if (cut < 0) cut = LastBoundaryAtMost(*words, start, limit);
    if (cut < 0) cut = LastBoundaryAtMost(*graphemes, start, limit);
    if (cut < 0) cut = graphemes->following(start);  // one cluster longer than the limit
    int32_t end = cut;
    while (end > start && IsSpace(s.char32At(end - 1))) end = s.moveIndex32(end, -1);
    if (end > start) parts.push_back(ToUtf8(icu::UnicodeString(s, start, end - start)));
    start = cut;
  }
  if (parts.empty()) parts.emplace_back();
  return parts;
}

}  // namespace workmatch
