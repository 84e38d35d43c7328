#include "dialogs/answer_matcher.h"

#include <algorithm>
#include <limits>

#include "core/text/normalize.h"
#include "core/text/split.h"

namespace workmatch {
namespace {

constexpr size_t kNone = std::numeric_limits<size_t>::max();

// The only index for which `fits` is true, kNone when none or several are.
template <class Fits>
size_t Unique(const std::vector<std::vector<std::string>>& folded, Fits fits) {
  size_t found = kNone;
  for (size_t i = 0; i < folded.size(); ++i) {
    if (std::none_of(folded[i].begin(), folded[i].end(), fits)) continue;
    if (found != kNone) return kNone;
    found = i;
  }
  return found;
}

}  // namespace

std::optional<size_t> MatchChoice(std::string_view answer,
                                  const std::vector<ChoiceLabels>& choices) {
  if (choices.empty()) return std::nullopt;
  if (auto n = ParseWholeNumber(answer);
      n && *n >= 1 && static_cast<size_t>(*n) <= choices.size()) {
    return static_cast<size_t>(*n - 1);
  }
  const std::string a = FoldForMatching(answer);
  if (a.empty()) return std::nullopt;
  std::vector<std::vector<std::string>> folded;
  for (const ChoiceLabels& c : choices) {
    std::vector<std::string> f;
    for (const std::string& label : c.labels) {
      std::string l = FoldForMatching(label);
      if (!l.empty()) f.push_back(std::move(l));
    }
    folded.push_back(std::move(f));
  }
  if (size_t i = Unique(folded, [&](const std::string& l) { return l == a; }); i != kNone) return i;
  // The start of a label ("nur" for "nurse"), at least three characters.
  if (Utf16Length(a) >= 3) {
    if (size_t i = Unique(folded, [&](const std::string& l) { return l.rfind(a, 0) == 0; });
        i != kNone) {
      return i;
    }
  }
  // A close spelling: the fewest edits, allowed one per four characters.
  size_t best = kNone, best_distance = kNone;
  bool tie = false;
  for (size_t i = 0; i < folded.size(); ++i) {
    for (const std::string& l : folded[i]) {
      size_t allowed = std::max<size_t>(1, Utf16Length(l) / 4);
      if (Utf16Length(l) < 4) allowed = 0;  // short labels must be exact
      size_t d = EditDistance(a, l);
      if (d > allowed) continue;
      if (d < best_distance) {
        best = i;
        best_distance = d;
        tie = false;
      } else if (d == best_distance && best != i) {
        tie = true;
      }
    }
  }
  if (best == kNone || tie) return std::nullopt;
  return best;
}

}  // namespace workmatch
