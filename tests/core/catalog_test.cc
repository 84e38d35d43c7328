#include "core/text/catalog.h"

#include <algorithm>
#include <unicode/plurrule.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <memory>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/fixtures.h"

namespace workmatch {
namespace {

const std::vector<std::string> kProductLanguages = {"en", "ar", "fa", "ps", "uk", "ru", "ti",
                                                    "so", "tr", "fr", "es", "ro", "fi", "de"};
const std::vector<std::string> kKinds = {"photo", "voice", "video", "document", "sticker", "other"};

std::filesystem::path LocalesDir() {
  return std::filesystem::path(WORKMATCH_SOURCE_DIR) / "locales";
}

std::vector<std::filesystem::path> LocaleFiles() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(LocalesDir())) {
    if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every locale file of the repository, loaded.
Catalog LoadRealCatalog() {
  Catalog catalog;
  for (const auto& file : LocaleFiles()) {
    Status s = catalog.AddLocale(file.filename().string(), testing::ReadFile(file));
    INFO(file.filename().string() << ": " << (s.ok() ? std::string("ok") : s.error().message));
    REQUIRE(s.ok());
  }
  return catalog;
}

std::vector<std::string> Keys(const std::map<std::string, std::string>& patterns) {
  std::vector<std::string> out;
  for (const auto& [key, pattern] : patterns) out.push_back(key);
  return out;
}

// What an ICU MessageFormat pattern asks for: its argument names, and for each
// select/plural argument its branch keywords ("kind:photo").
struct PatternArgs {
  std::set<std::string> names;
  std::set<std::string> branches;         // select branches: "kind:photo"
  std::set<std::string> plural_branches;  // plural branches: "count:few", "count:=0"
  bool understood = true;
};

// A small scanner of ICU MessageFormat: text with '...' quoting, {name},
// {name, type[, style]} and {name, select|plural|selectordinal, key {message} ...}
// whose branch messages are scanned in turn. Branch keywords are not arguments.
class PatternScanner {
 public:
  explicit PatternScanner(std::string_view pattern) : p_(pattern) {}

  PatternArgs Scan() {
    Message();
    if (i_ != p_.size()) out_.understood = false;  // an unmatched '}'
    return out_;
  }

 private:
  bool At(char c) const { return i_ < p_.size() && p_[i_] == c; }

  void SkipSpace() {
    while (i_ < p_.size() && std::isspace(static_cast<unsigned char>(p_[i_]))) ++i_;
  }

  std::string Word() {
    size_t begin = i_;
    while (i_ < p_.size() && !std::isspace(static_cast<unsigned char>(p_[i_])) && p_[i_] != ',' &&
           p_[i_] != '{' && p_[i_] != '}') {
      ++i_;
    }
    return std::string(p_.substr(begin, i_ - begin));
  }

  // Text and arguments up to the '}' closing this message (left for the caller) or the end.
  void Message() {
    while (i_ < p_.size()) {
      if (At('\'')) {
        Quote();
      } else if (At('{')) {
        Argument();
      } else if (At('}')) {
        return;
      } else {
        ++i_;
      }
    }
  }

  // ICU's apostrophe rules: '' is one apostrophe; ' before a syntax character
  // starts quoted text that runs to the next '.
  void Quote() {
    ++i_;
    if (At('\'')) {
      ++i_;
    } else if (At('{') || At('}') || At('#') || At('|')) {
      while (i_ < p_.size() && !At('\'')) ++i_;
      if (i_ < p_.size()) ++i_;
    }
  }

  void Argument() {
    ++i_;  // '{'
    SkipSpace();
    std::string name = Word();
    if (name.empty()) {
      out_.understood = false;
      return;
    }
    out_.names.insert(name);
    SkipSpace();
    if (At('}')) {
      ++i_;
      return;
    }
    if (!At(',')) {
      out_.understood = false;
      return;
    }
    ++i_;
    SkipSpace();
    std::string type = Word();
    SkipSpace();
    if (type == "select" || type == "plural" || type == "selectordinal") {
      if (!At(',')) {
        out_.understood = false;
        return;
      }
      ++i_;
      for (;;) {
        SkipSpace();
        if (i_ >= p_.size()) {
          out_.understood = false;
          return;
        }
        if (At('}')) {
          ++i_;
          return;
        }
        std::string keyword = Word();
        SkipSpace();
        if (keyword.rfind("offset:", 0) == 0) continue;  // plural offset, not a branch
        if (keyword.empty() || !At('{')) {
          out_.understood = false;
          return;
        }
        (type == "select" ? out_.branches : out_.plural_branches).insert(name + ":" + keyword);
        ++i_;
        Message();
        if (!At('}')) {
          out_.understood = false;
          return;
        }
        ++i_;
      }
    }
    // number, date, time, ...: skip the style to the matching '}'.
    int depth = 1;
    while (i_ < p_.size() && depth > 0) {
      if (At('{')) ++depth;
      if (At('}')) --depth;
      ++i_;
    }
    if (depth != 0) out_.understood = false;
  }

  std::string_view p_;
  size_t i_ = 0;
  PatternArgs out_;
};

PatternArgs ScanPattern(std::string_view pattern) { return PatternScanner(pattern).Scan(); }

// The CLDR plural categories of a language ("one", "other"; Arabic also
// "zero", "two", "few", "many"), from ICU.
std::set<std::string> PluralCategories(const std::string& locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::PluralRules> rules(
      icu::PluralRules::forLocale(icu::Locale(locale.c_str()), status));
  REQUIRE(U_SUCCESS(status));
  std::unique_ptr<icu::StringEnumeration> keywords(rules->getKeywords(status));
  REQUIRE(U_SUCCESS(status));
  std::set<std::string> out;
  while (const char* k = keywords->next(nullptr, status)) out.insert(k);
  return out;
}

TEST_CASE("The pattern scanner finds arguments and branches, not keywords or quoted text",
          "[core][catalog]") {
  PatternArgs a = ScanPattern(
      "Hi {name}, you have {count, number} new '{jobs}' in {city}. "
      "{kind, select, photo {A photo from {sender}.} other {It''s {size, number, integer} kB.}}");
  CHECK(a.understood);
  CHECK(a.names == std::set<std::string>{"name", "count", "city", "kind", "sender", "size"});
  CHECK(a.branches == std::set<std::string>{"kind:photo", "kind:other"});

  PatternArgs plural = ScanPattern("{n, plural, offset:1 =0 {none} one {# job} other {# jobs}}");
  CHECK(plural.understood);
  CHECK(plural.names == std::set<std::string>{"n"});
  CHECK(plural.plural_branches == std::set<std::string>{"n:=0", "n:one", "n:other"});
  CHECK(plural.branches.empty());

  CHECK_FALSE(ScanPattern("{kind, select, photo {x}").understood);
  CHECK_FALSE(ScanPattern("text }").understood);
}

TEST_CASE("Every locale file loads and the product's languages are all there", "[core][catalog]") {
  std::vector<std::filesystem::path> files = LocaleFiles();
  REQUIRE(files.size() >= kProductLanguages.size());
  Catalog catalog = LoadRealCatalog();
  for (const auto& file : files) {
    INFO(file.filename().string());
    // The file is named after its locale.
    CHECK(catalog.HasLocale(file.stem().string()));
  }
  CHECK(catalog.Locales().size() == files.size());
  for (const std::string& code : kProductLanguages) {
    INFO(code);
    CHECK(catalog.HasLocale(code));
    CHECK(catalog.LanguageName(code) != code);  // each has a name of its own
  }
  for (const std::string& code : kProductLanguages) {
    INFO(code);
    bool rtl = code == "ar" || code == "fa" || code == "ps";
    CHECK(catalog.IsRightToLeft(code) == rtl);
  }
}

TEST_CASE("Every locale has exactly the keys of English", "[core][catalog]") {
  Catalog catalog = LoadRealCatalog();
  const std::vector<std::string> english = Keys(catalog.Patterns("en"));
  REQUIRE_FALSE(english.empty());
  for (const std::string& code : catalog.Locales()) {
    INFO(code);
    const std::vector<std::string> keys = Keys(catalog.Patterns(code));
    std::vector<std::string> missing;
    std::vector<std::string> extra;
    std::set_difference(english.begin(), english.end(), keys.begin(), keys.end(),
                        std::back_inserter(missing));
    std::set_difference(keys.begin(), keys.end(), english.begin(), english.end(),
                        std::back_inserter(extra));
    CHECK(missing == std::vector<std::string>{});
    CHECK(extra == std::vector<std::string>{});
  }
}

TEST_CASE("Every message asks for the same arguments and branches as in English",
          "[core][catalog]") {
  Catalog catalog = LoadRealCatalog();
  const auto& english = catalog.Patterns("en");
  for (const std::string& code : catalog.Locales()) {
    for (const auto& [key, pattern] : catalog.Patterns(code)) {
      INFO(code << " " << key << ": " << pattern);
      auto en = english.find(key);
      if (en == english.end()) continue;  // reported by the key test
      PatternArgs want = ScanPattern(en->second);
      PatternArgs got = ScanPattern(pattern);
      REQUIRE(want.understood);
      REQUIRE(got.understood);
      CHECK(got.names == want.names);
      CHECK(got.branches == want.branches);
      // Plurals follow the language's own CLDR categories (Arabic has six,
      // Ukrainian four): each category the language has, and no other.
      std::set<std::string> plural_args;
      for (const std::string& b : want.plural_branches) plural_args.insert(b.substr(0, b.find(':')));
      std::set<std::string> expected;
      for (const std::string& arg : plural_args) {
        for (const std::string& category : PluralCategories(code)) expected.insert(arg + ":" + category);
      }
      std::set<std::string> categories;  // explicit "=N" branches are allowed anywhere
      for (const std::string& b : got.plural_branches) {
        if (b.find(":=") == std::string::npos) categories.insert(b);
      }
      CHECK(categories == expected);
    }
  }
}

TEST_CASE("Every message formats with sample arguments into finished text", "[core][catalog]") {
  // Each select branch of English, each plural with numbers that reach every
  // category (0, 1, 2, 3, 11, 100 in Arabic), text arguments with sample words.
  Catalog catalog = LoadRealCatalog();
  const auto& english = catalog.Patterns("en");
  for (const std::string& code : catalog.Locales()) {
    for (const auto& [key, pattern] : catalog.Patterns(code)) {
      if (!english.count(key)) continue;
      PatternArgs args = ScanPattern(english.at(key));
      std::vector<std::string> select_values = {"other"};
      for (const std::string& b : args.branches) select_values.push_back(b.substr(b.find(':') + 1));
      for (int64_t number : {0, 1, 2, 3, 11, 100}) {
        for (const std::string& choice : select_values) {
          MessageArgs sample;
          for (const std::string& name : args.names) {
            bool plural = false, select = false;
            for (const std::string& b : args.plural_branches) plural |= b.rfind(name + ":", 0) == 0;
            for (const std::string& b : args.branches) select |= b.rfind(name + ":", 0) == 0;
            if (plural || name == "example" || name == "step" || name == "of") {
              sample.emplace_back(name, number);
            } else if (select) {
              sample.emplace_back(name, choice);
            } else {
              sample.emplace_back(name, std::string("Sample"));
            }
          }
          INFO(code << " " << key << " number=" << number << " select=" << choice);
          std::string out = catalog.Format(code, key, sample);
          CHECK_FALSE(out.empty());
          CHECK(out != key);  // Format gives the key back when formatting fails
          CHECK(out.find('{') == std::string::npos);
          CHECK(out.find('}') == std::string::npos);
        }
      }
    }
  }
}

TEST_CASE("The media message picks the branch of the kind in every locale", "[core][catalog]") {
  // A select argument is a keyword, not text: it must reach ICU unchanged in
  // right-to-left locales too, or every kind gets the "other" branch.
  Catalog catalog = LoadRealCatalog();
  for (const std::string& code : catalog.Locales()) {
    INFO(code);
    std::set<std::string> texts;
    for (const std::string& kind : kKinds) {
      texts.insert(catalog.Format(code, "media.received", {{"kind", kind}}));
    }
    CHECK(texts.size() == kKinds.size());
  }
}

TEST_CASE("Right-to-left locales isolate text arguments, left-to-right ones do not",
          "[core][catalog]") {
  Catalog catalog;
  REQUIRE(catalog
              .AddLocale("en.json", R"({"locale": "en", "name": "English", "direction": "ltr",
                         "messages": {"job": "The job {title} is open."}})")
              .ok());
  REQUIRE(catalog
              .AddLocale("ar.json", R"({"locale": "ar", "name": "العربية", "direction": "rtl",
                         "messages": {"job": "الوظيفة {title} متاحة."}})")
              .ok());
  CHECK(catalog.IsRightToLeft("ar"));
  CHECK_FALSE(catalog.IsRightToLeft("en"));

  const MessageArgs args = {{"title", std::string("Pflegehelfer")}};
  CHECK(catalog.Format("ar", "job", args) == "الوظيفة \u2068Pflegehelfer\u2069 متاحة.");
  std::string english = catalog.Format("en", "job", args);
  CHECK(english == "The job Pflegehelfer is open.");
  CHECK(english.find("\u2068") == std::string::npos);
  CHECK(english.find("\u2069") == std::string::npos);
}

TEST_CASE("A missing message falls back to English, then to its key", "[core][catalog]") {
  Catalog catalog;
  REQUIRE(catalog
              .AddLocale("en.json", R"({"locale": "en", "direction": "ltr", "messages": {
                           "greet": "Hello", "only_en": "Only in English, {name}"}})")
              .ok());
  REQUIRE(catalog
              .AddLocale("de.json", R"({"locale": "de", "direction": "ltr", "messages": {
                           "greet": "Hallo"}})")
              .ok());
  CHECK(catalog.Format("de", "greet") == "Hallo");
  CHECK(catalog.Format("de", "only_en", {{"name", std::string("Anna")}}) ==
        "Only in English, Anna");
  CHECK(catalog.Format("de", "nowhere.at_all") == "nowhere.at_all");
  CHECK(catalog.Format("xx", "greet") == "Hello");  // a locale we do not have
}

TEST_CASE("BestLocale picks the closest loaded locale for a hint", "[core][catalog]") {
  Catalog catalog = LoadRealCatalog();
  CHECK(catalog.BestLocale("ar-SY") == "ar");
  CHECK(catalog.BestLocale("prs") == "fa");  // Dari
  CHECK(catalog.BestLocale("uk_UA") == "uk");
  CHECK(catalog.BestLocale("zz") == "en");
  CHECK(catalog.BestLocale("DE") == "de");
  CHECK(catalog.BestLocale("") == "en");
  CHECK(catalog.BestLocale("ti") == "ti");
}

TEST_CASE("A broken locale file is refused with its file and key", "[core][catalog]") {
  Catalog catalog;
  SECTION("an unbalanced pattern") {
    Status s = catalog.AddLocale("xb_broken.json", R"({"locale": "xb", "direction": "ltr",
        "messages": {"greet": "Hello", "media.received": "{kind, select, photo {x}"}})");
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == "catalog.invalid");
    CHECK_THAT(s.error().message, Catch::Contains("xb_broken.json"));
    CHECK_THAT(s.error().message, Catch::Contains("media.received"));
    CHECK_FALSE(catalog.HasLocale("xb"));
  }
  SECTION("a direction that is neither ltr nor rtl") {
    Status s = catalog.AddLocale("xc_up.json", R"({"locale": "xc", "direction": "up",
        "messages": {"greet": "Hello"}})");
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == "catalog.invalid");
    CHECK_THAT(s.error().message, Catch::Contains("xc_up.json"));
    CHECK_THAT(s.error().message, Catch::Contains("direction"));
    CHECK_FALSE(catalog.HasLocale("xc"));
  }
  SECTION("not JSON") {
    Status s = catalog.AddLocale("xd.json", R"({"locale": "xd", )");
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == "catalog.invalid");
    CHECK_THAT(s.error().message, Catch::Contains("xd.json"));
  }
}

TEST_CASE("A locale file with a name or direction that is not a string is refused, not thrown",
          "[core][catalog]") {
  // Errors are values at the edges: a wrong type is an error naming the file.
  Catalog catalog;
  Status name = Status::Ok();
  CHECK_NOTHROW(name = catalog.AddLocale("xe.json", R"({"locale": "xe", "name": 5,
      "direction": "ltr", "messages": {"greet": "Hello"}})"));
  CHECK_FALSE(name.ok());
  Status direction = Status::Ok();
  CHECK_NOTHROW(direction = catalog.AddLocale("xf.json", R"({"locale": "xf", "direction": true,
      "messages": {"greet": "Hello"}})"));
  CHECK_FALSE(direction.ok());
}

}  // namespace
}  // namespace workmatch
