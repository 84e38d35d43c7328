#include "dialogs/commands.h"

#include "core/text/normalize.h"

namespace workmatch {

CommandWords::CommandWords(const Catalog& catalog) {
  for (std::string_view name : kCommandNames) words_[""][FoldForMatching(name)] = name;
  for (const std::string& locale : catalog.Locales()) {
    auto& words = words_[locale];
    const auto& patterns = catalog.Patterns(locale);
    for (std::string_view name : kCommandNames) {
      auto it = patterns.find("command." + std::string(name));
      if (it == patterns.end()) continue;
      std::string_view all = it->second;
      while (!all.empty()) {
        const size_t bar = all.find('|');
        std::string word = FoldForMatching(all.substr(0, bar));
        if (!word.empty()) words.emplace(std::move(word), name);
        if (bar == std::string_view::npos) break;
        all.remove_prefix(bar + 1);
      }
    }
  }
}

std::optional<Command> CommandWords::Recognize(std::string_view text,
                                               std::string_view locale) const {
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
  // The English names, then the person's language, then English words.
  for (std::string_view l : {std::string_view(""), locale, std::string_view("en")}) {
    auto words = words_.find(l);
    if (words == words_.end()) continue;
    auto it = words->second.find(folded);
    if (it != words->second.end()) {
      return Command{std::string(it->second), it->second == "start" ? payload : ""};
    }
  }
  return std::nullopt;
}

}  // namespace workmatch
