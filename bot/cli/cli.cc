#include "bot/cli/cli.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>
#include <string>

#include "bot/cli/commands.h"
#include "bot/config/config.h"
#include "bot/observe/log.h"
#include "bot/version.h"

namespace workmatch {
namespace {

constexpr int kUsageError = 2;

std::string SettingsHelp() {
  std::string out = "Settings (environment variables, or KEY=VALUE lines in --config FILE):\n";
  for (const SettingInfo& s : Settings()) {
    out += fmt::format("  {:<26} {} (default: {})\n", s.name, s.description, s.default_value);
  }
  return out;
}

}  // namespace

std::unique_ptr<Database> OpenDatabaseOrSay(const Config& config, std::string_view command) {
  DatabaseOptions options;
  options.path = config.db_path;
  auto db = Database::Open(options);
  if (!db) {
    std::cerr << command << ": " << db.error().message << "\n";
    return nullptr;
  }
  return std::move(db).value();
}

int RunCli(int argc, char** argv) {
  CLI::App app{
      "WorkMatch: a chat-assistant backend that helps newcomers find work, "
      "training and support across Europe.",
      "workmatch"};
  app.set_version_flag("--version", std::string("workmatch ") + kWorkmatchVersion);
  app.require_subcommand(1);
  app.fallthrough();  // --config may follow the subcommand

  std::optional<std::string> config_file;
  std::optional<std::string> db_path;
  app.add_option("--config", config_file, "File of KEY=VALUE settings (the environment wins)")
      ->check(CLI::ExistingFile);
  app.add_option("--db", db_path, "SQLite database file (overrides WORKMATCH_DB)");

  std::optional<std::string> listen;
  CLI::App* serve = app.add_subcommand("serve", "Run the HTTP server (webhooks, health, metrics)");
  serve->add_option("--listen", listen, "host:port to listen on (overrides WORKMATCH_LISTEN)");
  serve->footer(SettingsHelp());

  DemoOptions demo_options;
  CLI::App* demo = app.add_subcommand(
      "demo",
      "Load the demo data set: a hub with organizations and opportunities in the UK, "
      "Finland and Romania");
  demo->add_flag("--if-empty", demo_options.if_empty,
                 "Load only into a database that has no organizations yet");

  ChatOptions chat_options;
  CLI::App* chat = app.add_subcommand(
      "chat", "Talk with WorkMatch in the terminal, as a newcomer would on a phone");
  chat->add_option("--lang", chat_options.lang, "Language to start in (en, ar, fa, uk, ...)");
  chat->add_option("--as", chat_options.as, "Who is chatting (a name; default: terminal)");

  CLI::App* taxonomy = app.add_subcommand("taxonomy", "The occupation and skill taxonomy (ESCO)");
  taxonomy->require_subcommand(1);
  TaxonomyImportOptions import_options;
  CLI::App* taxonomy_import = taxonomy->add_subcommand(
      "import", "Import ESCO's CSV files (occupations, skills, ISCO groups, relations)");
  taxonomy_import->add_option("--format", import_options.format, "The files' format: esco")
      ->capture_default_str();
  taxonomy_import->add_option("--lang", import_options.lang,
                              "The labels' language (files named *_LANG.csv)")
      ->capture_default_str();
  taxonomy_import->add_option("PATH", import_options.path,
                              "An ESCO download folder, or one of its CSV files")
      ->required();
  TaxonomyLinkOptions link_options;
  CLI::App* taxonomy_link = taxonomy->add_subcommand(
      "link", "Link job titles to occupations: reads id<TAB>text lines, writes "
              "id<TAB>rank<TAB>conceptUri<TAB>score lines");
  taxonomy_link->add_option("--lang", link_options.lang, "The titles' language")
      ->capture_default_str();
  taxonomy_link->add_option("--top", link_options.top, "Occupations per title")
      ->capture_default_str();
  std::string melo_dir;
  CLI::App* taxonomy_eval = taxonomy->add_subcommand(
      "eval", "Measure occupation linking on MELO data sets (MRR, success@1, success@10)");
  taxonomy_eval->add_option("--melo", melo_dir, "A MELO data set folder, or a folder of them")
      ->required();
  int misses = 0;
  taxonomy_eval->add_option("--misses", misses,
                            "Print this many queries whose first answer was wrong, per set");

  MatchOptions match_options;
  CLI::App* match = app.add_subcommand(
      "match", "The best people for an opportunity, or opportunities for a person, with reasons");
  match->add_option("--opportunity", match_options.opportunity, "An opportunity's id or external id");
  match->add_option("--person", match_options.person, "A contact's id");
  match->add_option("--top", match_options.top, "How many")->capture_default_str();
  match->add_option("--lang", match_options.lang, "The reasons' language (default en)");

  std::string webhook_url;
  CLI::App* telegram = app.add_subcommand("telegram", "Telegram tools");
  telegram->require_subcommand(1);
  CLI::App* set_webhook = telegram->add_subcommand(
      "set-webhook",
      "Register URL (https, ending in /webhooks/telegram) as the bot's webhook, "
      "with TELEGRAM_WEBHOOK_SECRET");
  set_webhook->add_option("URL", webhook_url, "The public HTTPS address of /webhooks/telegram")
      ->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11 reports an unknown subcommand as a missing one; name it instead.
    std::string what = e.what();
    if (app.get_subcommands().empty()) {
      for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg.empty() || arg[0] == '-') continue;
        if (i > 1 && std::string_view(argv[i - 1]).substr(0, 2) == "--" &&
            std::string_view(argv[i - 1]).find('=') == std::string_view::npos) {
          continue;  // the value of an option such as --db FILE
        }
        what = fmt::format("\"{}\" is not a workmatch command", arg);
        break;
      }
    }
    std::cerr << "workmatch: " << what << "\n\n";
    CLI::App* context = &app;
    for (CLI::App* sub : app.get_subcommands()) context = sub;
    std::cerr << context->help();
    return kUsageError;
  }

  auto env = ProcessEnvironment();
  if (!config_file) config_file = env("WORKMATCH_CONFIG");
  auto config = LoadConfig(env, config_file);
  if (!config) {
    std::cerr << "workmatch: the configuration is not valid:\n";
    std::string message = config.error().message;
    size_t start = 0;
    while (start <= message.size()) {
      size_t end = message.find('\n', start);
      if (end == std::string::npos) end = message.size();
      std::cerr << "  - " << message.substr(start, end - start) << "\n";
      start = end + 1;
    }
    return 1;
  }
  if (db_path) config->db_path = *db_path;
  if (listen) {
    auto env_with_listen = [&](const std::string& name) -> std::optional<std::string> {
      if (name == "WORKMATCH_LISTEN") return *listen;
      return env(name);
    };
    auto relisten = LoadConfig(env_with_listen, config_file);
    if (!relisten) {
      std::cerr << "workmatch: --listen: " << relisten.error().message << "\n";
      return kUsageError;
    }
    config->listen_host = relisten->listen_host;
    config->listen_port = relisten->listen_port;
  }
  log::SetLevel(log::ParseLevel(config->log_level).value_or(log::Level::kInfo));

  if (serve->parsed()) return RunServe(*config);
  if (demo->parsed()) return RunDemo(*config, demo_options);
  if (chat->parsed()) return RunChat(*config, chat_options);
  if (match->parsed()) return RunMatch(*config, match_options);
  if (taxonomy_import->parsed()) return RunTaxonomyImport(*config, import_options);
  if (taxonomy_link->parsed()) return RunTaxonomyLink(*config, link_options);
  if (taxonomy_eval->parsed()) return RunTaxonomyEval(melo_dir, misses);
  if (set_webhook->parsed()) return RunTelegramSetWebhook(*config, webhook_url);
  return kUsageError;
}

}  // namespace workmatch
