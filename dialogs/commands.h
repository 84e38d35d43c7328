// Global commands: words a person can write at any point of a conversation,
// in their language or in English, with or without a leading slash ("menu",
// "/menu", "القائمة"). Each locale lists its words for a command in the
// catalog key "command.<name>", separated by "|" ("menu|main menu").
// "/start PAYLOAD" (a Telegram deep link) carries a referral code. Pure.
#ifndef WORKMATCH_DIALOGS_COMMANDS_H_
#define WORKMATCH_DIALOGS_COMMANDS_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/text/catalog.h"

namespace workmatch {

// Every command, in the order the help message lists them.
inline constexpr std::array<std::string_view, 8> kCommandNames = {
    "menu", "help", "back", "human", "language", "stop", "start", "delete"};

struct Command {
  std::string name;     // one of kCommandNames
  std::string payload;  // what followed "/start", if anything
};

// The command `text` is, or nullopt. A command is the whole message (folded:
// case, accents, letter variants and punctuation do not matter), except that a
// slash command may carry a payload.
std::optional<Command> RecognizeCommand(std::string_view text, std::string_view locale,
                                        const Catalog& catalog);

}  // namespace workmatch

#endif  // WORKMATCH_DIALOGS_COMMANDS_H_
