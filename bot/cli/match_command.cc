// `workmatch match --opportunity ID | --person ID [--top K] [--lang xx]`: the
// best people for an opportunity, or the best opportunities for a person,
// from the database, each with the reasons the person would read (in
// --lang; the person's own language by default).
#include <fmt/format.h>

#include <iostream>

#include "bot/cli/commands.h"
#include "bot/locales.h"
#include "bot/matching/match_data.h"
#include "bot/storage/statement_cache.h"
#include "core/matching/match_index.h"
#include "core/vocabulary.h"

namespace workmatch {
namespace {

// Labels of occupations in a language, English where it has none.
std::unordered_map<std::string, std::string> OccupationLabels(Database& db, const std::string& lang) {
  std::unordered_map<std::string, std::string> out;
  Status s = db.Read([&](SQLite::Database& conn) {
    ScopedStatement q = Prepared(conn,
                                 "SELECT uri, language, label FROM taxonomy_labels WHERE kind = "
                                 "'preferred' AND language IN ('en', ?) ORDER BY language = ?");
    q->bind(1, lang);
    q->bind(2, lang);
    while (q->executeStep()) out[q->getColumn(0).getString()] = q->getColumn(2).getString();
  });
  if (!s) std::cerr << "workmatch match: occupations are shown by URI: " << s.error().message << "\n";
  return out;
}

std::string Level(const nlohmann::json& rank) {
  const auto levels = CefrLevels();
  const int r = rank.is_number_integer() ? rank.get<int>() : 0;
  return r >= 1 && r <= static_cast<int>(levels.size()) ? std::string(levels[static_cast<size_t>(r - 1)])
                                                         : std::string("–");
}

struct Explainer {
  const Catalog& catalog;
  const MatchData& data;
  const std::unordered_map<std::string, std::string>& labels;
  std::string lang;

  std::string operator()(const Reason& r) const {
    MessageArgs args;
    for (const auto& [name, v] : r.args.items()) {
      if (name == "occupation") {
        const size_t id = v.get<size_t>();
        const std::string uri = id < data.occupation_uri.size() ? data.occupation_uri[id] : "";
        args.emplace_back(name, labels.count(uri) ? labels.at(uri) : uri);
      } else if (name == "language") {
        const size_t id = v.get<size_t>();
        args.emplace_back(name, catalog.LanguageName(id < data.language_code.size() ? data.language_code[id] : ""));
      } else if (name == "level" || (r.args.contains("language") && (name == "need" || name == "have"))) {
        args.emplace_back(name, Level(v));
      } else if (v.is_number_integer()) {
        args.emplace_back(name, v.get<int64_t>());
      } else {
        args.emplace_back(name, v.dump());
      }
    }
    return catalog.Format(lang, r.key, args);
  }
};

}  // namespace

int RunMatch(const Config& config, const MatchOptions& options) {
  if ((options.opportunity.empty()) == (options.person == 0)) {
    std::cerr << "workmatch match: give --opportunity ID or --person ID (one of them)\n";
    return 2;
  }
  auto db = OpenDatabaseOrSay(config, "workmatch match");
  if (!db) return 1;
  auto catalog = LoadBuiltinCatalog();
  auto data = LoadMatchData(*db);
  if (!catalog || !data) {
    std::cerr << "workmatch match: " << (catalog ? data.error().message : catalog.error().message) << "\n";
    return 1;
  }
  MatchIndex index(data->occupations);
  for (const ProfileFacts& p : data->people) index.UpsertProfile(p);
  for (const OpportunityFacts& o : data->opportunities) index.UpsertOpportunity(o);
  const std::string lang = options.lang.empty() ? "en" : catalog->BestLocale(options.lang);
  const auto labels = OccupationLabels(*db, lang);
  Explainer explain{*catalog, *data, labels, lang};
  auto print_reasons = [&](const MatchScore& m) {
    for (const Reason& r : m.reasons) std::cout << "     - " << explain(r) << "\n";
  };
  const size_t top = static_cast<size_t>(std::max(1, options.top));
  if (!options.opportunity.empty()) {
    const OpportunityFacts* o = nullptr;
    for (const OpportunityFacts& candidate : data->opportunities) {
      if (std::to_string(candidate.id) == options.opportunity ||
          data->external.at(candidate.id) == options.opportunity) {
        o = index.Opportunity(candidate.id);
      }
    }
    if (!o) {
      std::cerr << "workmatch match: no open opportunity \"" << options.opportunity
                << "\" with an occupation (give its id or external id)\n";
      return 1;
    }
    auto ranked = index.PeopleFor(*o, top);
    std::cout << fmt::format("Best people for opportunity {} \"{}\" ({} people with a profile):\n",
                             o->id, data->title.at(o->id), index.people());
    if (ranked.empty()) std::cout << "  nobody fits yet\n";
    int n = 0;
    for (const Ranked& r : ranked) {
      std::cout << fmt::format("  {}. contact {}  score {:.2f}\n", ++n, r.id, r.score);
      print_reasons(index.scorer().Score(*index.Profile(r.id), *o, true));
    }
    return 0;
  }
  const ProfileFacts* p = index.Profile(static_cast<uint32_t>(options.person));
  if (!p) {
    std::cerr << "workmatch match: contact " << options.person
              << " has no profile (a newcomer who finished the intake)\n";
    return 1;
  }
  auto ranked = index.OpportunitiesFor(*p, top);
  std::cout << fmt::format("Best opportunities for contact {} ({} open opportunities):\n", p->id,
                           index.opportunities());
  if (ranked.empty()) std::cout << "  none fits yet\n";
  int n = 0;
  for (const Ranked& r : ranked) {
    std::cout << fmt::format("  {}. {} \"{}\"  score {:.2f}\n", ++n, data->external.at(r.id),
                             data->title.at(r.id), r.score);
    print_reasons(index.scorer().Score(*p, *index.Opportunity(r.id), true));
  }
  return 0;
}

}  // namespace workmatch
