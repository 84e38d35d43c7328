#include "bot/taxonomy/taxonomy_lookup.h"

#include "bot/storage/statement_cache.h"
#include "bot/storage/taxonomy_store.h"

namespace workmatch {
namespace {

// Below this, a candidate is noise ("hello" is no job): better none than a wrong one.
constexpr double kMinScore = 0.3;

}  // namespace

Result<std::unique_ptr<DatabaseTaxonomy>> DatabaseTaxonomy::Load(
    Database& db, const std::vector<std::string>& languages) {
  auto t = std::unique_ptr<DatabaseTaxonomy>(new DatabaseTaxonomy());
  std::map<std::string, std::vector<TaxonomyLabel>> occupation_labels;
  Status s = db.Read([&](SQLite::Database& conn) {
    for (const std::string& lang : languages) {
      occupation_labels[lang] = LoadLabels(conn, "occupation", lang);
      ScopedStatement q = Prepared(conn,
                                   "SELECT uri, label FROM taxonomy_labels WHERE language = ? AND "
                                   "kind = 'preferred'");
      q->bind(1, lang);
      auto& map = t->preferred_[lang];
      while (q->executeStep()) map[q->getColumn(0).getString()] = q->getColumn(1).getString();
    }
    ScopedStatement r = Prepared(conn,
                                 "SELECT occupation_uri, skill_uri FROM taxonomy_occupation_skills "
                                 "ORDER BY occupation_uri, essential DESC, skill_uri");
    while (r->executeStep()) {
      t->skills_[r->getColumn(0).getString()].push_back(r->getColumn(1).getString());
    }
  });
  if (!s) return s.error();

  std::unordered_map<std::string, uint32_t> ids;
  auto id = [&](const std::string& uri) {
    auto [it, fresh] = ids.emplace(uri, static_cast<uint32_t>(t->uris_.size()));
    if (fresh) t->uris_.push_back(uri);
    return it->second;
  };
  for (const std::string& lang : languages) {
    const auto& own = occupation_labels[lang];
    if (own.empty()) continue;
    auto linker = std::make_unique<ConceptLinker>(lang);
    for (const TaxonomyLabel& l : own) linker->AddLabel(id(l.uri), l.label);
    if (lang != "en") {
      for (const TaxonomyLabel& l : occupation_labels["en"]) linker->AddLabel(id(l.uri), l.label);
    }
    linker->Build();
    t->linkers_[lang] = std::move(linker);
  }
  if (t->linkers_.empty()) return std::unique_ptr<DatabaseTaxonomy>();
  return t;
}

std::string DatabaseTaxonomy::Label(const std::string& uri, std::string_view locale) const {
  for (std::string_view lang : {locale, std::string_view("en")}) {
    auto l = preferred_.find(lang);
    if (l == preferred_.end()) continue;
    auto it = l->second.find(uri);
    if (it != l->second.end()) return it->second;
  }
  return uri;
}

std::vector<ConceptLabel> DatabaseTaxonomy::LinkOccupation(std::string_view text,
                                                           std::string_view locale,
                                                           size_t limit) const {
  auto linker = linkers_.find(locale);
  if (linker == linkers_.end()) linker = linkers_.find("en");
  if (linker == linkers_.end()) return {};
  std::vector<ConceptLabel> out;
  for (const ConceptHit& hit : linker->second->Link(text, limit)) {
    if (hit.score < kMinScore) break;
    const std::string& uri = uris_[hit.concept_id];
    out.push_back({uri, Label(uri, locale)});
  }
  return out;
}

std::vector<ConceptLabel> DatabaseTaxonomy::OccupationSkills(std::string_view occupation_uri,
                                                             std::string_view locale,
                                                             size_t limit) const {
  std::vector<ConceptLabel> out;
  auto it = skills_.find(std::string(occupation_uri));
  if (it == skills_.end()) return out;
  for (const std::string& skill : it->second) {
    if (out.size() == limit) break;
    out.push_back({skill, Label(skill, locale)});
  }
  return out;
}

}  // namespace workmatch
