// `workmatch chat`: the newcomer's conversation in a terminal. Each line goes
// through the same pipeline as a platform message (inbox, dialog engine,
// outbox, one transaction) into the same database, as the contact
// ("cli", --as NAME); the replies are printed and marked sent.
//
// Choices print as numbered lines; answer with a number, a word or anything
// else. "@52.52,13.40" shares a location. The prompt and hints appear only
// on a terminal, so a script can pipe a conversation through.
#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <regex>

#include "bot/cli/commands.h"
#include "bot/locales.h"
#include "bot/pipeline/dialog_handler.h"
#include "bot/matching/action_worker.h"
#include "bot/pipeline/inbox_processor.h"
#include "bot/storage/database.h"
#include "bot/storage/dialog_store.h"
#include "bot/storage/message_store.h"
#include "bot/system_clock.h"
#include "bot/taxonomy/builtin_taxonomy.h"
#include "bot/taxonomy/taxonomy_lookup.h"
#include "dialogs/builtin_flows.h"

namespace workmatch {
namespace {

constexpr const char* kChannel = "cli";

void Print(const OutboundMessage& m) {
  std::cout << m.text << "\n";
  int i = 1;
  for (const Choice& c : m.choices) std::cout << fmt::format("  {}. {}\n", i++, c.label);
  if (m.request_location && isatty(STDIN_FILENO)) {
    std::cout << "  (" << m.location_button << ": @latitude,longitude)\n";
  }
  std::cout << "\n";
}

// The replies of `chat` after `after`, printed and marked sent; returns the last id.
int64_t PrintReplies(Database& db, const std::string& chat, int64_t after, int64_t now) {
  std::vector<ChatRow> rows;
  Status read = db.Read([&](SQLite::Database& conn) {
    rows = ChatMessagesAfter(conn, kChannel, chat, after, 1000);
  });
  if (!read) {
    std::cerr << "workmatch chat: " << read.error().message << "\n";
    return after;
  }
  for (const ChatRow& row : rows) Print(row.message);
  if (rows.empty()) return after;
  Status s = db.Write([&](SQLite::Database& conn) {
    for (const ChatRow& row : rows) MarkOutboxSent(conn, row.id, "cli", now);
  });
  if (!s) std::cerr << "workmatch chat: " << s.error().message << "\n";
  return rows.back().id;
}

InboundMessage Line(const std::string& line, const ChatOptions& options, int64_t now,
                    int64_t serial) {
  InboundMessage m;
  m.channel = kChannel;
  m.sender_id = options.as;
  m.chat_id = options.as;
  m.platform_message_id = fmt::format("{}-{}-{}", options.as, now, serial);
  m.sent_at_ms = now;
  if (!options.lang.empty()) m.language_hint = options.lang;
  static const std::regex location(R"(^\s*@\s*(-?\d+(\.\d+)?)\s*,\s*(-?\d+(\.\d+)?)\s*$)");
  std::smatch match;
  if (std::regex_match(line, match, location)) {
    m.kind = InboundKind::kLocation;
    m.location = Coordinates{std::stod(match[1]), std::stod(match[3])};
  } else {
    m.kind = InboundKind::kText;
    m.text = line;
  }
  return m;
}

}  // namespace

int RunChat(const Config& config, const ChatOptions& options) {
  auto db = OpenDatabaseOrSay(config, "workmatch chat");
  if (!db) return 1;
  auto catalog = LoadBuiltinCatalog();
  if (!catalog) {
    std::cerr << "workmatch chat: " << catalog.error().message << "\n";
    return 1;
  }
  if (!options.lang.empty() && catalog->BestLocale(options.lang) != options.lang &&
      options.lang != "en") {
    std::cerr << "workmatch chat: no language \"" << options.lang << "\"; use one of "
              << fmt::format("{}", fmt::join(catalog->Locales(), ", ")) << "\n";
    return 2;
  }
  auto flows = LoadBuiltinFlows(*catalog);
  if (!flows) {
    std::cerr << "workmatch chat: " << flows.error().message << "\n";
    return 1;
  }
  SystemClock clock;
  auto builtin = LoadBuiltinTaxonomyIfEmpty(*db, clock);
  if (!builtin) {
    std::cerr << "workmatch chat: " << builtin.error().message << "\n";
    return 1;
  }
  auto taxonomy = DatabaseTaxonomy::Load(*db, catalog->Locales());
  if (!taxonomy) {
    std::cerr << "workmatch chat: " << taxonomy.error().message << "\n";
    return 1;
  }
  DialogHandler handler(*flows, *catalog, taxonomy->get());
  InboxProcessor processor(*db, handler, *catalog, clock, {}, nullptr);
  ActionWorker actions(*db, *catalog, clock, nullptr);
  const bool terminal = isatty(STDIN_FILENO);

  // Where this person's conversation stands: new people are greeted first.
  std::optional<ContactRecord> contact;
  int64_t last = 0;
  Status read = db->Read([&](SQLite::Database& conn) {
    contact = FindContact(conn, kChannel, options.as);
    for (const ChatRow& row : ChatMessagesAfter(conn, kChannel, options.as, 0, 1'000'000)) {
      last = row.id;
    }
  });
  if (!read) {
    std::cerr << "workmatch chat: " << read.error().message << "\n";
    return 1;
  }
  int64_t serial = 0;
  auto send = [&](const std::string& text) {
    const int64_t now = ToUnixMillis(clock.Now());
    InboundMessage m = Line(text, options, now, ++serial);
    std::optional<int64_t> id;
    Status s = db->Write([&](SQLite::Database& conn) { id = InsertInbox(conn, m, now); });
    if (!s || !id) {
      std::cerr << "workmatch chat: cannot store the message"
                << (s ? std::string() : ": " + s.error().message) << "\n";
      return;
    }
    processor.Process(InboxItem{*id, std::move(m)});
    actions.RunOnce();  // a search the answer asked for is answered at once
    last = PrintReplies(*db, options.as, last, ToUnixMillis(clock.Now()));
  };
  if (terminal) {
    std::cerr << "WorkMatch chat as \"" << options.as << "\" in " << config.db_path
              << ". Answer with a number or in words; Ctrl-D ends.\n\n";
  }
  if (!contact) {
    send("/start");
  } else if (terminal) {
    std::cerr << "(Welcome back. Write anything to go on where you stopped.)\n\n";
  }
  std::string line;
  for (;;) {
    if (terminal) std::cout << "> " << std::flush;
    if (!std::getline(std::cin, line)) break;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    send(line);
  }
  return 0;
}

}  // namespace workmatch
