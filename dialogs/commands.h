// Global commands: words a person can write at any point of a conversation,
// in their language or in English, with or without a leading slash ("menu",
// "/menu", "القائمة"). Each locale lists its words for a command in the
// catalog key "command.<name>", separated by "|" ("menu|main menu").
// "/start PAYLOAD" (a Telegram deep link) carries a referral code. Pure.
#ifndef WORKMATCH_DIALOGS_COMMANDS_H_
#define WORKMATCH_DIALOGS_COMMANDS_H_

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/catalog.h"

namespace workmatch {

// Every command, in the order the help message lists them.
inline constexpr std::array<std::string_view, 8> kCommandNames = {
    "menu", "help", "back", "human", "language", "stop", "start", "delete"};

struct Command {
  std::string name;     // one of kCommandNames
  std::string payload;  // what followed "/start", if anything
};

// The command words of every locale, folded once (a message is folded once
// per check, the words never again). Thread-safe after construction.
class CommandWords {
 public:
  explicit CommandWords(const Catalog& catalog);

  // The command `text` is, or nullopt. A command is the whole message
  // (folded: case, accents, letter variants and punctuation do not matter),
  // except that a slash command may carry a payload.
  std::optional<Command> Recognize(std::string_view text, std::string_view locale) const;

 private:
  // locale -> folded word -> command name; "" holds the English names.
  std::map<std::string, std::map<std::string, std::string_view>, std::less<>> words_;
};

}  // namespace workmatch

#endif  // WORKMATCH_DIALOGS_COMMANDS_H_
