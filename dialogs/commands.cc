#include "dialogs/commands.h"

#include "core/text/normalize.h"

namespace workmatch {
namespace {

// The words of one command in one locale, folded.
std::vector<std::string> Words(const Catalog& catalog, std::string_view locale,
                               std::string_view name) {
  std::vector<std::string> out;
  const std::string key = "command." + std::string(name);
  const auto& patterns = catalog.Patterns(locale);
  auto it = patterns.find(key);
  if (it == patterns.end()) return out;
  std::string_view all = it->second;
  while (!all.empty()) {
    size_t bar = all.find('|');
    std::string word = FoldForMatching(all.substr(0, bar));
    if (!word.empty()) out.push_back(std::move(word));
    if (bar == std::string_view::npos) break;
    all.remove_prefix(bar + 1);
  }
  return out;
}

bool IsCommandWord(const Catalog& catalog, std::string_view locale, std::string_view name,
                   const std::string& folded) {
  if (folded == FoldForMatching(name)) return true;
  for (std::string_view l : {locale, std::string_view("en")}) {
    if (!catalog.HasLocale(l)) continue;
    for (const std::string& w : Words(catalog, l, name)) {
      if (w == folded) return true;
    }
  }
  return false;
}

}  // namespace

std::optional<Command> RecognizeCommand(std::string_view text, std::string_view locale,
                                        const Catalog& catalog) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return std::nullopt;
  text.remove_prefix(start);
  std::string payload;
  if (text.front() == '/') {
    // "/start@WorkMatchBot CODE": a slash command, maybe addressed, maybe with a payload.
    text.remove_prefix(1);
    size_t space = text.find_first_of(" \t\r\n");
    if (space != std::string_view::npos) {
      std::string_view rest = text.substr(space);
      size_t b = rest.find_first_not_of(" \t\r\n");
      size_t e = rest.find_last_not_of(" \t\r\n");
      if (b != std::string_view::npos) payload = std::string(rest.substr(b, e - b + 1));
      text = text.substr(0, space);
    }
    if (size_t at = text.find('@'); at != std::string_view::npos) text = text.substr(0, at);
  }
  const std::string folded = FoldForMatching(text);
  if (folded.empty()) return std::nullopt;
  for (std::string_view name : kCommandNames) {
    if (IsCommandWord(catalog, locale, name, folded)) {
      return Command{std::string(name), name == "start" ? payload : ""};
    }
  }
  return std::nullopt;
}

}  // namespace workmatch
