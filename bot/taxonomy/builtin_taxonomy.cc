#include "bot/taxonomy/builtin_taxonomy.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "bot/storage/statement_cache.h"
#include "bot/storage/taxonomy_store.h"
#include "core/embedded_file.h"

namespace workmatch {

std::span<const EmbeddedFile> EmbeddedTaxonomy();  // generated from data/taxonomy/

namespace {

using nlohmann::json;

bool HasOccupations(SQLite::Database& db) {
  ScopedStatement q =
      Prepared(db, "SELECT 1 FROM taxonomy_concepts WHERE kind = 'occupation' LIMIT 1");
  return q->executeStep();
}

void Exec(SQLite::Database& db, const char* sql, const std::vector<std::string>& values) {
  ScopedStatement q = Prepared(db, sql);
  for (size_t i = 0; i < values.size(); ++i) q->bind(static_cast<int>(i + 1), values[i]);
  q->exec();
}

}  // namespace

Result<BuiltinTaxonomySummary> LoadBuiltinTaxonomyIfEmpty(Database& db, const Clock& clock) {
  json base, shortages;
  std::map<std::string, json> labels;  // language -> labels file
  for (const EmbeddedFile& f : EmbeddedTaxonomy()) {
    json j = json::parse(f.content, nullptr, false);
    if (j.is_discarded()) {
      return Error{"taxonomy.builtin", std::string(f.path) + " is not valid JSON"};
    }
    if (f.path == "occupations.json") {
      base = std::move(j);
    } else if (f.path == "shortages.json") {
      shortages = std::move(j);
    } else if (j.contains("language") && j["language"].is_string()) {
      const std::string language = j["language"].get<std::string>();  // before j is moved
      labels[language] = std::move(j);
    }
  }
  if (!base.contains("occupations")) return Error{"taxonomy.builtin", "occupations.json is missing"};

  // Rows per language: English from the base file, the others from labels/*.json.
  std::map<std::string, std::vector<TaxonomyConceptRow>> by_language;
  std::vector<TaxonomyRelationRow> relations;
  std::vector<std::pair<std::string, std::string>> regulated;
  for (const json& o : base["occupations"]) {
    const std::string uri = o.value("uri", "");
    const std::string isco = o.value("isco", "");
    const std::string sector = o.value("sector", "");
    auto add = [&](const std::string& lang, const json& list) {
      if (!list.is_array() || list.empty() || !list[0].is_string()) return;
      TaxonomyConceptRow r{uri, "occupation", isco, "", "", sector, list[0].get<std::string>(), {}, {}};
      for (size_t i = 1; i < list.size(); ++i) {
        if (list[i].is_string()) r.alt.push_back(list[i].get<std::string>());
      }
      by_language[lang].push_back(std::move(r));
    };
    add("en", o["labels"].value("en", json::array()));
    for (const auto& [lang, file] : labels) {
      if (file.contains("occupations") && file["occupations"].contains(uri)) {
        add(lang, file["occupations"][uri]);
      }
    }
    for (const json& s : o.value("skills", json::array())) {
      if (s.is_string()) relations.push_back({uri, s.get<std::string>(), true});
    }
    for (const json& c : o.value("regulated_in", json::array())) {
      if (c.is_string()) regulated.emplace_back(uri, c.get<std::string>());
    }
  }
  const json skills = base.value("skills", json::object());  // kept alive for items()
  for (const auto& [uri, names] : skills.items()) {
    auto add = [&](const std::string& lang, const json& name) {
      if (name.is_string() && !name.get<std::string>().empty()) {
        by_language[lang].push_back({uri, "skill", "", "", "", "", name.get<std::string>(), {}, {}});
      }
    };
    add("en", names.value("en", json()));
    for (const auto& [lang, file] : labels) {
      if (file.contains("skills") && file["skills"].contains(uri)) add(lang, file["skills"][uri]);
    }
  }

  BuiltinTaxonomySummary summary;
  Status s = db.Write([&](SQLite::Database& conn) {
    if (HasOccupations(conn)) return;
    const int64_t now = ToUnixMillis(clock.Now());
    // English first: it creates every concept; the others add labels.
    std::vector<std::string> order = {"en"};
    for (const auto& [lang, rows] : by_language) {
      if (lang != "en") order.push_back(lang);
    }
    for (const std::string& lang : order) {
      ImportCounts c = SaveConcepts(conn, by_language[lang], lang, "builtin", now);
      summary.labels += c.labels;
      if (lang == "en") summary.occupations = static_cast<int64_t>(base["occupations"].size());
    }
    SaveRelations(conn, relations);
    for (const auto& [uri, country] : regulated) {
      Exec(conn,
           "INSERT OR IGNORE INTO taxonomy_regulated(occupation_uri, country) VALUES (?, ?)",
           {uri, country});
    }
    const json countries = shortages.value("countries", json::object());
    for (const auto& [country, codes] : countries.items()) {
      for (const json& code : codes) {
        if (!code.is_string()) continue;
        Exec(conn, "INSERT OR IGNORE INTO taxonomy_shortages(country, isco_code) VALUES (?, ?)",
             {country, code.get<std::string>()});
      }
    }
    summary.loaded = true;
    summary.skills = static_cast<int64_t>(skills.size());
    summary.languages = static_cast<int64_t>(order.size());
  });
  if (!s) return s.error();
  return summary;
}

}  // namespace workmatch
