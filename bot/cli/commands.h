// The subcommands behind the CLI, each given a validated Config.
#ifndef WORKMATCH_BOT_CLI_COMMANDS_H_
#define WORKMATCH_BOT_CLI_COMMANDS_H_

#include <memory>
#include <string>
#include <string_view>

#include "bot/config/config.h"
#include "bot/storage/database.h"

namespace workmatch {

// The database of `config` (migrated), or null after telling stderr why,
// prefixed with `command` ("workmatch chat: ..."). For one-shot commands.
std::unique_ptr<Database> OpenDatabaseOrSay(const Config& config, std::string_view command);

// `workmatch serve`: runs the HTTP server until SIGTERM/SIGINT. Returns the exit code.
int RunServe(const Config& config);

struct DemoOptions {
  bool if_empty = false;  // load only into a database without organizations
};
// `workmatch demo`: loads the demo data set. Returns the exit code.
int RunDemo(const Config& config, const DemoOptions& options);

struct ChatOptions {
  std::string lang;             // the language hint of a new conversation ("" for English)
  std::string as = "terminal";  // who is chatting: the contact's id on the "cli" channel
};
// `workmatch chat`: the newcomer's conversation in the terminal. Returns the exit code.
int RunChat(const Config& config, const ChatOptions& options);

struct TaxonomyImportOptions {
  std::string format = "esco";
  std::string lang = "en";
  std::string path;  // an ESCO download folder, or one of its CSV files
};
// `workmatch taxonomy import`: ESCO CSV files into the database, all or nothing.
int RunTaxonomyImport(const Config& config, const TaxonomyImportOptions& options);

struct TaxonomyLinkOptions {
  std::string lang = "en";
  int top = 10;
};
// `workmatch taxonomy link`: "id<TAB>text" lines to ranked occupation URIs.
int RunTaxonomyLink(const Config& config, const TaxonomyLinkOptions& options);

// `workmatch taxonomy eval --melo DIR [--misses N]`: the occupation linker on
// MELO data sets; --misses prints N queries whose first answer was wrong.
int RunTaxonomyEval(const std::string& melo_dir, int misses);

struct MatchOptions {
  std::string opportunity;  // an opportunity's id or external id
  int64_t person = 0;       // a contact's id
  int top = 10;
  std::string lang;  // the reasons' language
};
// `workmatch match`: the best people for an opportunity, or opportunities for a person.
int RunMatch(const Config& config, const MatchOptions& options);

// `workmatch telegram set-webhook URL`: registers the webhook with the secret.
int RunTelegramSetWebhook(const Config& config, const std::string& url);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_CLI_COMMANDS_H_
