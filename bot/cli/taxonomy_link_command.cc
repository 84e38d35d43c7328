// `workmatch taxonomy link --lang xx [--top K]`: links job titles to the
// database's occupations in batch, to be measured: reads "id<TAB>text" lines
// on stdin, writes "id<TAB>rank<TAB>conceptUri<TAB>score" lines (rank from 1).
#include <fmt/format.h>

#include <iostream>
#include <unordered_map>

#include "bot/cli/commands.h"
#include "bot/storage/database.h"
#include "bot/storage/taxonomy_store.h"
#include "core/matching/concept_linker.h"

namespace workmatch {

int RunTaxonomyLink(const Config& config, const TaxonomyLinkOptions& options) {
  if (options.top < 1) {
    std::cerr << "workmatch taxonomy link: --top must be 1 or more\n";
    return 2;
  }
  auto db = OpenDatabaseOrSay(config, "workmatch taxonomy link");
  if (!db) return 1;
  std::vector<TaxonomyLabel> labels;
  Status s = db->Read(
      [&](SQLite::Database& conn) { labels = LoadLabels(conn, "occupation", options.lang); });
  if (!s) {
    std::cerr << "workmatch taxonomy link: " << s.error().message << "\n";
    return 1;
  }
  if (labels.empty()) {
    std::cerr << "workmatch taxonomy link: " << config.db_path << " has no occupation labels in \""
              << options.lang << "\"; import them first: workmatch taxonomy import --lang "
              << options.lang << " PATH\n";
    return 1;
  }
  ConceptLinker linker(options.lang);
  std::vector<std::string> uris;
  std::unordered_map<std::string, uint32_t> concept_ids;
  for (const TaxonomyLabel& l : labels) {
    auto [it, fresh] = concept_ids.emplace(l.uri, static_cast<uint32_t>(uris.size()));
    if (fresh) uris.push_back(l.uri);
    linker.AddLabel(it->second, l.label);
  }
  linker.Build();
  std::string line;
  size_t number = 0, skipped = 0;
  while (std::getline(std::cin, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      if (!line.empty()) ++skipped;
      continue;
    }
    const std::string id = line.substr(0, tab);
    int rank = 0;
    for (const ConceptHit& hit : linker.Link(line.substr(tab + 1), static_cast<size_t>(options.top))) {
      std::cout << fmt::format("{}\t{}\t{}\t{:.4f}\n", id, ++rank, uris[hit.concept_id], hit.score);
    }
  }
  if (skipped) {
    std::cerr << "workmatch taxonomy link: " << skipped
              << " lines had no tab between id and text and were skipped\n";
  }
  return 0;
}

}  // namespace workmatch
