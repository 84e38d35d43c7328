// `workmatch match --opportunity ID | --person ID [--top K] [--lang xx]`: the
// best people for an opportunity, or the best jobs, trainings and mentoring
// for a person, from the database, each with the reasons the person would
// read (in --lang; English by default).
#include <fmt/format.h>

#include <iostream>

#include "bot/cli/commands.h"
#include "bot/locales.h"
#include "bot/matching/explain.h"
#include "bot/matching/match_data.h"
#include "core/matching/match_index.h"
#include "core/matching/programmes.h"

namespace workmatch {
namespace {

const OpportunityFacts* FindOpportunity(const MatchData& data, const std::string& key) {
  for (const auto* list : {&data.jobs, &data.programmes}) {
    for (const OpportunityFacts& o : *list) {
      if (std::to_string(o.id) == key || data.text.at(o.id).external_id == key) return &o;
    }
  }
  return nullptr;
}

// The best people for a training or mentoring: every person scored (they are few).
std::vector<Ranked> PeopleForProgramme(const Scorer& scorer, const MatchData& data,
                                       const OpportunityFacts& o, size_t k) {
  std::vector<Ranked> out;
  for (const ProfileFacts& p : data.people) {
    auto best = RankProgrammes(scorer, p, std::span(&o, 1), o.kind, 1);
    if (!best.empty()) out.push_back({p.id, best.front().score});
  }
  std::sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  if (out.size() > k) out.resize(k);
  return out;
}

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
  for (const OpportunityFacts& o : data->jobs) index.UpsertOpportunity(o);
  const std::string lang = options.lang.empty() ? "en" : catalog->BestLocale(options.lang);
  auto labels = LoadOccupationLabels(*db, lang);
  if (!labels) {
    std::cerr << "workmatch match: " << labels.error().message << "\n";
    return 1;
  }
  ReasonWriter explain(*catalog, *data, *labels, lang);
  const Scorer& scorer = index.scorer();
  auto print_reasons = [&](const MatchScore& m) {
    for (const Reason& r : m.reasons) std::cout << "     - " << explain(r) << "\n";
  };
  const size_t top = static_cast<size_t>(std::max(1, options.top));
  if (!options.opportunity.empty()) {
    const OpportunityFacts* o = FindOpportunity(*data, options.opportunity);
    if (!o) {
      std::cerr << "workmatch match: no open job, training or mentoring \"" << options.opportunity
                << "\" with an occupation (give its id or external id)\n";
      return 1;
    }
    auto ranked = o->kind == OpportunityKind::kJob ? index.PeopleFor(*o, top)
                                                   : PeopleForProgramme(scorer, *data, *o, top);
    std::cout << fmt::format("Best people for opportunity {} \"{}\" ({} people with a profile):\n",
                             o->id, data->text.at(o->id).title, index.people());
    if (ranked.empty()) std::cout << "  nobody fits yet\n";
    int n = 0;
    for (const Ranked& r : ranked) {
      std::cout << fmt::format("  {}. contact {}  score {:.2f}\n", ++n, r.id, r.score);
      print_reasons(scorer.Score(*index.Profile(r.id), *o, true));
    }
    return 0;
  }
  const ProfileFacts* p = index.Profile(static_cast<uint32_t>(options.person));
  if (!p) {
    std::cerr << "workmatch match: contact " << options.person
              << " has no profile (a newcomer who finished the intake)\n";
    return 1;
  }
  auto print = [&](const char* heading, const std::vector<Ranked>& ranked,
                   const std::vector<OpportunityFacts>& list, size_t open) {
    std::cout << fmt::format("{} for contact {} ({} open):\n", heading, p->id, open);
    if (ranked.empty()) std::cout << "  none fits yet\n";
    int n = 0;
    for (const Ranked& r : ranked) {
      const OpportunityText& t = data->text.at(r.id);
      std::cout << fmt::format("  {}. {} \"{}\"  score {:.2f}\n", ++n, t.external_id, t.title, r.score);
      auto o = std::find_if(list.begin(), list.end(), [&](const auto& x) { return x.id == r.id; });
      print_reasons(scorer.Score(*p, *o, true));
    }
  };
  print("Best jobs", index.OpportunitiesFor(*p, top), data->jobs, index.opportunities());
  auto count = [&](OpportunityKind kind) {
    return static_cast<size_t>(std::count_if(data->programmes.begin(), data->programmes.end(),
                                             [&](const auto& o) { return o.kind == kind; }));
  };
  for (auto [kind, heading] : {std::pair{OpportunityKind::kTraining, "Best trainings"},
                               std::pair{OpportunityKind::kMentoring, "Best mentoring"}}) {
    print(heading, RankProgrammes(scorer, *p, data->programmes, kind, top), data->programmes,
          count(kind));
  }
  return 0;
}

}  // namespace workmatch
