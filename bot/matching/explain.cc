#include "bot/matching/explain.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "bot/storage/statement_cache.h"
#include "core/vocabulary.h"

namespace workmatch {
namespace {

std::string Level(const nlohmann::json& rank) {
  const auto levels = CefrLevels();
  const int r = rank.is_number_integer() ? rank.get<int>() : 0;
  return r >= 1 && r <= static_cast<int>(levels.size()) ? std::string(levels[static_cast<size_t>(r - 1)])
                                                         : std::string("–");
}

// A language's name in the reader's language ("الإنجليزية" for en in ar), from
// ICU's CLDR data; the language's own name from the catalog when ICU has none.
std::string LanguageNameIn(const Catalog& catalog, const std::string& code,
                           const std::string& reader) {
  icu::UnicodeString name;
  icu::Locale(code.c_str()).getDisplayLanguage(icu::Locale(reader.c_str()), name);
  std::string out;
  name.toUTF8String(out);
  if (out.empty() || out == code) return catalog.LanguageName(code);
  return out;
}

}  // namespace

Result<OccupationLabels> LoadOccupationLabels(Database& db, const std::string& lang) {
  OccupationLabels out;
  Status s = db.Read([&](SQLite::Database& conn) {
    ScopedStatement q = Prepared(conn,
                                 "SELECT uri, label FROM taxonomy_labels WHERE kind = "
                                 "'preferred' AND language IN ('en', ?1) ORDER BY language = ?1");
    q->bind(1, lang);
    while (q->executeStep()) out[q->getColumn(0).getString()] = q->getColumn(1).getString();
  });
  if (!s) return s.error();
  return out;
}

std::string ReasonWriter::operator()(const Reason& r) const {
  MessageArgs args;
  const bool about_language = r.args.contains("language");
  for (const auto& [name, v] : r.args.items()) {
    if (name == "occupation" && v.is_number_unsigned()) {
      const size_t id = v.get<size_t>();
      const std::string uri = id < data_.occupation_uri.size() ? data_.occupation_uri[id] : "";
      auto label = labels_.find(uri);
      args.emplace_back(name, label != labels_.end() ? label->second : uri);
    } else if (name == "language" && v.is_number_unsigned()) {
      const size_t id = v.get<size_t>();
      args.emplace_back(name, LanguageNameIn(catalog_,
                                             id < data_.language_code.size()
                                                 ? data_.language_code[id]
                                                 : "",
                                             locale_));
    } else if (name == "level" || (about_language && (name == "need" || name == "have"))) {
      args.emplace_back(name, Level(v));
    } else if (v.is_number_integer()) {
      args.emplace_back(name, v.get<int64_t>());
    } else if (v.is_string()) {
      args.emplace_back(name, v.get<std::string>());
    } else {
      args.emplace_back(name, v.dump());
    }
  }
  return catalog_.Format(locale_, r.key, args);
}

}  // namespace workmatch
