#include "bot/taxonomy/taxonomy_lookup.h"

#include "bot/storage/statement_cache.h"
#include "bot/storage/taxonomy_store.h"

namespace workmatch {
namespace {

// Below this, a candidate is noise ("hello" is no job): better none than a wrong one.
constexpr double kMinScore = 0.3;
// Skills are named in passing, among other words: only a clear fit counts.
constexpr double kMinSkillScore = 0.5;

}  // namespace

Result<std::unique_ptr<DatabaseTaxonomy>> DatabaseTaxonomy::Load(
    Database& db, const std::vector<std::string>& languages) {
  auto t = std::unique_ptr<DatabaseTaxonomy>(new DatabaseTaxonomy());
  Status s = db.Read([&](SQLite::Database& conn) {
    for (const std::string& lang : languages) {
      AddLabels(t->occupation_words_, lang, LoadLabels(conn, "occupation", lang));
      AddLabels(t->skill_words_, lang, LoadLabels(conn, "skill", lang));
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
  if (t->occupation_words_.labels.empty()) return std::unique_ptr<DatabaseTaxonomy>();
  return t;
}

void DatabaseTaxonomy::AddLabels(Vocabulary& v, const std::string& lang,
                                 const std::vector<TaxonomyLabel>& labels) {
  std::unordered_map<std::string, uint32_t> ids;
  for (uint32_t i = 0; i < v.uris.size(); ++i) ids.emplace(v.uris[i], i);
  for (const TaxonomyLabel& l : labels) {
    auto [it, fresh] = ids.emplace(l.uri, static_cast<uint32_t>(v.uris.size()));
    if (fresh) v.uris.push_back(l.uri);
    v.labels[lang].emplace_back(it->second, l.label);
  }
}

const ConceptLinker* DatabaseTaxonomy::Linker(const Vocabulary& v, std::string_view locale) const {
  std::lock_guard lock(mutex_);
  return LinkerLocked(v, locale);
}

const ConceptLinker* DatabaseTaxonomy::LinkerLocked(const Vocabulary& v,
                                                    std::string_view locale) const {
  auto it = v.linkers.find(locale);
  if (it != v.linkers.end()) return it->second.get();
  auto own = v.labels.find(locale);
  if (own == v.labels.end()) return locale == "en" ? nullptr : LinkerLocked(v, "en");
  auto linker = std::make_unique<ConceptLinker>(std::string(locale));
  for (const auto& [id, label] : own->second) linker->AddLabel(id, label);
  if (locale != "en") {
    // English words are understood in every conversation.
    if (auto en = v.labels.find("en"); en != v.labels.end()) {
      for (const auto& [id, label] : en->second) linker->AddLabel(id, label);
    }
  }
  linker->Build();
  return v.linkers.emplace(std::string(locale), std::move(linker)).first->second.get();
}

std::vector<ConceptLabel> DatabaseTaxonomy::Link(const Vocabulary& v, std::string_view text,
                                                 std::string_view locale, size_t limit,
                                                 double min_score) const {
  const ConceptLinker* linker = Linker(v, locale);
  if (!linker) return {};
  std::vector<ConceptLabel> out;
  for (const ConceptHit& hit : linker->Link(text, limit)) {
    if (hit.score < min_score) break;
    const std::string& uri = v.uris[hit.concept_id];
    out.push_back({uri, Label(uri, locale)});
  }
  return out;
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
  return Link(occupation_words_, text, locale, limit, kMinScore);
}

std::vector<ConceptLabel> DatabaseTaxonomy::LinkSkills(std::string_view text,
                                                       std::string_view locale,
                                                       size_t limit) const {
  return Link(skill_words_, text, locale, limit, kMinSkillScore);
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
