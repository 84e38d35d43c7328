// Splitting a long text into parts that fit a platform's limit.
//
// Parts end at a sentence boundary when one fits, else at a word boundary, else
// at a grapheme cluster boundary (ICU BreakIterator): never inside a UTF-8
// sequence, a combining sequence, an emoji or a flag. Lengths are counted in
// UTF-16 code units, which is how Telegram counts and never less than the
// number of characters. Whitespace at the cut is dropped.
#ifndef WORKMATCH_CORE_TEXT_SPLIT_H_
#define WORKMATCH_CORE_TEXT_SPLIT_H_

#include <string>
#include <string_view>
#include <vector>

namespace workmatch {

// Length of UTF-8 `text` in UTF-16 code units (invalid bytes count as one each).
size_t Utf16Length(std::string_view text);

// REQUIRES: max_units >= 2 (a surrogate pair must fit).
// Returns at least one part (an empty text gives one empty part).
std::vector<std::string> SplitText(std::string_view text, size_t max_units,
                                   const char* locale = "");

}  // namespace workmatch

#endif  // WORKMATCH_CORE_TEXT_SPLIT_H_
