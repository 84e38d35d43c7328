// `workmatch taxonomy eval --melo DIR`: the occupation linker measured on MELO
// data sets (Retyk et al., RecSys in HR 2024), as the paper does: every corpus
// element is a candidate; MRR, success@1 and success@10 over the queries,
// beside the paper's best lexical baseline and best model.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "bot/cli/commands.h"
#include "core/matching/concept_linker.h"
#include "core/matching/ranking_eval.h"

namespace workmatch {
namespace {

namespace fs = std::filesystem;

// Published figures (Retyk et al. 2024, table of results): the best lexical
// baseline and the best model, MRR.
struct Published {
  double lexical;
  const char* lexical_name;
  double best;
};
const std::map<std::string, Published> kPaper = {
    {"usa_q_en_c_en", {0.606, "word TF-IDF on lemmas", 0.684}},
    {"deu_q_de_c_de", {0.547, "char TF-IDF on lemmas", 0.678}},
};

// The rows of a TSV file, each split at tabs.
Result<std::vector<std::vector<std::string>>> ReadTsv(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return Error{"melo.missing", fmt::format("cannot read {}", path.string())};
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::stringstream s(line);
    std::string f;
    while (std::getline(s, f, '\t')) fields.push_back(f);
    rows.push_back(std::move(fields));
  }
  return rows;
}

// "usa_q_en_c_en" -> "en": the corpus language is after "_c_".
std::string CorpusLanguage(const std::string& name) {
  size_t at = name.rfind("_c_");
  return at == std::string::npos ? "en" : name.substr(at + 3, 2);
}

Result<RankingMetrics> Evaluate(const fs::path& dir, bool progress, int misses) {
  auto corpus = ReadTsv(dir / "corpus_elements.tsv");
  auto mapping = ReadTsv(dir / "concept_mapping.tsv");
  auto queries = ReadTsv(dir / "queries.tsv");
  auto annotations = ReadTsv(dir / "annotations.tsv");
  for (const auto* r : {&corpus, &mapping, &queries, &annotations}) {
    if (!*r) return r->error();
  }
  // Concepts by number; an element without a mapping is a concept of its own.
  std::unordered_map<std::string, uint32_t> concept_number;
  std::unordered_map<std::string, std::string> concept_of;
  for (const auto& row : *mapping) {
    if (row.size() >= 2) concept_of[row[0]] = row[1];
  }
  ConceptLinker linker(CorpusLanguage(dir.filename().string()));
  std::unordered_map<std::string, uint32_t> element;
  std::vector<std::string> texts;
  for (const auto& row : *corpus) {
    if (row.size() < 2) continue;
    auto c = concept_of.find(row[0]);
    const std::string key = c == concept_of.end() ? "element:" + row[0] : c->second;
    auto [it, fresh] = concept_number.emplace(key, static_cast<uint32_t>(concept_number.size()));
    element[row[0]] = linker.AddLabel(it->second, row[1]);
    texts.push_back(row[1]);
  }
  linker.Build();
  std::unordered_map<std::string, std::unordered_set<uint32_t>> relevant;
  for (const auto& row : *annotations) {
    if (row.size() < 4 || row[3] == "0" || !element.count(row[2])) continue;
    relevant[row[0]].insert(element[row[2]]);
  }
  RankingEvaluation evaluation;
  size_t done = 0;
  for (const auto& row : *queries) {
    if (row.size() < 2 || !relevant.count(row[0])) continue;
    std::vector<uint32_t> ranking = linker.RankLabels(row[1]);
    evaluation.Add(ranking, relevant[row[0]]);
    if (misses > 0) {
      // Queries whose first relevant element is not first: what came before it.
      size_t rank = 0;
      while (rank < ranking.size() && !relevant[row[0]].count(ranking[rank])) ++rank;
      if (rank > 0) {
        --misses;
        std::cout << fmt::format("miss \"{}\": first relevant at {} ", row[1], rank + 1)
                  << (rank < ranking.size() ? "\"" + texts[ranking[rank]] + "\"" : "(none)")
                  << "; before: ";
        for (size_t i = 0; i < std::min<size_t>(3, rank); ++i) std::cout << "\"" << texts[ranking[i]] << "\" ";
        std::cout << "\n";
      }
    }
    if (progress && ++done % 50 == 0) {
      std::cerr << fmt::format("\r  {}: {}/{} queries", dir.filename().string(), done,
                               queries->size())
                << std::flush;
    }
  }
  if (progress) std::cerr << "\r\033[K" << std::flush;
  return evaluation.Result();
}

}  // namespace

int RunTaxonomyEval(const std::string& melo_dir, int misses) {
  std::vector<fs::path> sets;
  if (fs::exists(fs::path(melo_dir) / "queries.tsv")) {
    sets.push_back(melo_dir);
  } else if (fs::is_directory(melo_dir)) {
    for (const auto& e : fs::directory_iterator(melo_dir)) {
      if (fs::exists(e.path() / "queries.tsv")) sets.push_back(e.path());
    }
  }
  std::sort(sets.begin(), sets.end());
  if (sets.empty()) {
    std::cerr << "workmatch taxonomy eval: no MELO data set (a folder with queries.tsv, "
                 "corpus_elements.tsv, concept_mapping.tsv, annotations.tsv) in "
              << melo_dir << "\n";
    return 1;
  }
  const bool progress = isatty(STDERR_FILENO);
  std::cout << fmt::format("{:<16} {:>7} {:>7} {:>7} {:>7}   {}\n", "data set", "queries", "MRR",
                           "s@1", "s@10", "paper: best lexical / best model (MRR)");
  for (const fs::path& set : sets) {
    auto m = Evaluate(set, progress, misses);
    if (!m) {
      std::cerr << "workmatch taxonomy eval: " << m.error().message << "\n";
      return 1;
    }
    const std::string name = set.filename().string();
    std::string paper = "-";
    if (auto p = kPaper.find(name); p != kPaper.end()) {
      paper = fmt::format("{:.3f} ({}) / {:.3f}", p->second.lexical, p->second.lexical_name,
                          p->second.best);
    }
    std::cout << fmt::format("{:<16} {:>7} {:>7.3f} {:>7.3f} {:>7.3f}   {}\n", name, m->queries,
                             m->mrr, m->success_at_1, m->success_at_10, paper);
  }
  return 0;
}

}  // namespace workmatch
