// Folding text for matching what people type against what we expect.
//
// FoldForMatching() makes the spellings of one answer equal: NFKC (Arabic
// presentation forms, full-width letters), case folding, accents and other
// combining marks removed (é -> e, Arabic harakat), Arabic and Persian letter
// variants unified (ي ی ى -> ي, ك ک -> ك, أ إ آ ٱ -> ا, ة ۀ ه -> ه, tatweel and
// zero-width joiners removed), every decimal digit of any script made ASCII
// (٣ ۳ -> 3), and punctuation, symbols and emoji turned into single spaces.
// Pure; ICU only.
#ifndef WORKMATCH_CORE_TEXT_NORMALIZE_H_
#define WORKMATCH_CORE_TEXT_NORMALIZE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace workmatch {

std::string FoldForMatching(std::string_view text);

// The number an answer is, whole: "3", "٣", " 12. ", "۱۲" -> 3, 12; nullopt
// for anything else ("3 years", "three").
std::optional<int64_t> ParseWholeNumber(std::string_view text);

// The first number in an answer: "about 6 years" -> 6, "٦ سنوات" -> 6.
std::optional<int64_t> FirstNumber(std::string_view text);

// Edit distance (insertions, deletions, substitutions, transpositions of
// neighbours) between two strings, counted in code points.
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace workmatch

#endif  // WORKMATCH_CORE_TEXT_NORMALIZE_H_
