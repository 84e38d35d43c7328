#include "core/text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <vector>

namespace workmatch {
namespace {

icu::UnicodeString U(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

// Arabic-script letters that people type interchangeably, to one spelling.
UChar32 UnifyArabic(UChar32 c) {
  switch (c) {
    case 0x06CC:
    case 0x0649:
    case 0x0626:
    case 0x06D2:
    case 0x06D0:
    case 0x06CD:
      return 0x064A;  // ی ى ئ ے, Pashto ې ۍ -> ي
    case 0x06AB:
      return 0x06AF;  // Pashto ګ -> گ
    case 0x06A9:
    case 0x06AA:
      return 0x0643;  // ک ڪ -> ك
    case 0x0623:
    case 0x0625:
    case 0x0622:
    case 0x0671:
      return 0x0627;  // أ إ آ ٱ -> ا
    case 0x0629:
    case 0x06C0:
    case 0x06C1:
    case 0x06D5:
      return 0x0647;  // ة ۀ ہ ە -> ه
    case 0x0624:
      return 0x0648;  // ؤ -> و
    default:
      return c;
  }
}

bool Dropped(UChar32 c) {
  return c == 0x0640 /* tatweel */ || c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F ||
         c == 0x2068 || c == 0x2069 || c == 0xFE0F || c == 0xFE0E;
}

std::vector<UChar32> CodePoints(std::string_view s) {
  icu::UnicodeString u = U(s);
  std::vector<UChar32> out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) out.push_back(u.char32At(i));
  return out;
}

}  // namespace

std::string FoldForMatching(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString s = nfkc->normalize(U(text), status);
  s.foldCase();
  s = nfd->normalize(s, status);
  if (U_FAILURE(status)) return std::string(text);

  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
    UChar32 c = s.char32At(i);
    int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || Dropped(c)) continue;
    if (type == U_DECIMAL_DIGIT_NUMBER) {
      c = U'0' + u_charDigitValue(c);
    } else if (!u_isalnum(c) && type != U_COMBINING_SPACING_MARK) {
      pending_space = true;  // spaces, punctuation, symbols, emoji
      continue;
    }
    if (pending_space && !out.isEmpty()) out.append(static_cast<UChar32>(' '));
    pending_space = false;
    out.append(UnifyArabic(c));
  }
  out = nfc->normalize(out, status);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

std::optional<int64_t> ParseWholeNumber(std::string_view text) {
  std::string folded = FoldForMatching(text);
  if (folded.empty() || folded.size() > 15) return std::nullopt;
  int64_t value = 0;
  auto [p, ec] = std::from_chars(folded.data(), folded.data() + folded.size(), value);
  if (ec != std::errc() || p != folded.data() + folded.size()) return std::nullopt;
  return value;
}

std::optional<int64_t> FirstNumber(std::string_view text) {
  std::string folded = FoldForMatching(text);
  auto begin =
      std::find_if(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (begin == folded.end()) return std::nullopt;
  auto end = std::find_if(begin, folded.end(), [](char c) { return c < '0' || c > '9'; });
  if (end - begin > 15) return std::nullopt;
  int64_t value = 0;
  std::from_chars(&*begin, &*begin + (end - begin), value);
  return value;
}

size_t EditDistance(std::string_view a_text, std::string_view b_text) {
  std::vector<UChar32> a = CodePoints(a_text), b = CodePoints(b_text);
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

}  // namespace workmatch
