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
  for (const std::string& lang : languages) {
    for (const TaxonomyLabel& l : occupation_labels[lang]) {
      auto [it, fresh] = ids.emplace(l.uri, static_cast<uint32_t>(t->uris_.size()));
      if (fresh) t->uris_.push_back(l.uri);
      t->labels_[lang].emplace_back(it->second, l.label);
    }
  }
  if (t->labels_.empty()) return std::unique_ptr<DatabaseTaxonomy>();
  return t;
}

const ConceptLinker* DatabaseTaxonomy::Linker(std::string_view locale) const {
  std::lock_guard lock(mutex_);
  return LinkerLocked(locale);
}

const ConceptLinker* DatabaseTaxonomy::LinkerLocked(std::string_view locale) const {
  auto it = linkers_.find(locale);
  if (it != linkers_.end()) return it->second.get();
  auto own = labels_.find(locale);
  if (own == labels_.end()) return locale == "en" ? nullptr : LinkerLocked("en");
  auto linker = std::make_unique<ConceptLinker>(std::string(locale));
  for (const auto& [id, label] : own->second) linker->AddLabel(id, label);
  if (locale != "en") {
    // English words are understood in every conversation.
    if (auto en = labels_.find("en"); en != labels_.end()) {
      for (const auto& [id, label] : en->second) linker->AddLabel(id, label);
    }
  }
  linker->Build();
  return linkers_.emplace(std::string(locale), std::move(linker)).first->second.get();
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
  const ConceptLinker* linker = Linker(locale);
  if (!linker) return {};
  std::vector<ConceptLabel> out;
  for (const ConceptHit& hit : linker->Link(text, limit)) {
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
