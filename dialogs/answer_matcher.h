// Understanding an answer to a question with choices, forgivingly: by the
// choice's number (in any script's digits: "2", "٢", "۲"), by its label in any
// of the languages given (folded: case, accents, Arabic/Persian letter
// variants, emoji and punctuation do not matter), by the start of a label, or
// by a close spelling. The numbers are the choices' 1-based positions, which
// is also how a numbered text fallback (webhooks/channel_limits.h) shows them.
// Pure.
#ifndef WORKMATCH_DIALOGS_ANSWER_MATCHER_H_
#define WORKMATCH_DIALOGS_ANSWER_MATCHER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace workmatch {

struct ChoiceLabels {
  std::string id;
  std::vector<std::string> labels;  // the person's language first, then others (English)
};

// The index of the choice `answer` means, or nullopt when it means none or is
// ambiguous (two choices fit equally well).
std::optional<size_t> MatchChoice(std::string_view answer,
                                  const std::vector<ChoiceLabels>& choices);

}  // namespace workmatch

#endif  // WORKMATCH_DIALOGS_ANSWER_MATCHER_H_
