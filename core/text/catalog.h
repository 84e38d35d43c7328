// Catalog: the user-facing strings of every language, in ICU MessageFormat.
//
// Loaded from the locale files (locales/<code>.json: {"locale", "name",
// "direction", "messages": {key: pattern}}); every pattern is compiled when
// loaded, so a broken one is refused with its file and key. Format() falls back
// to English for a key a language lacks (the locale tests make that a failure).
// In a right-to-left language, text arguments are wrapped in FSI ... PDI
// (U+2068, U+2069) so that a job title in Latin script or a phone number
// cannot scramble the sentence around it.
//
// Thread-safe after loading (const use of ICU formatters).
#ifndef WORKMATCH_CORE_TEXT_CATALOG_H_
#define WORKMATCH_CORE_TEXT_CATALOG_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/result.h"

namespace workmatch {

using MessageArg = std::variant<std::string, int64_t, double>;
using MessageArgs = std::vector<std::pair<std::string, MessageArg>>;

class Catalog {
 public:
  Catalog();
  ~Catalog();
  Catalog(Catalog&&) noexcept;
  Catalog& operator=(Catalog&&) noexcept;

  // Adds one locale file. Error "catalog.invalid" names the file and the key.
  Status AddLocale(std::string_view file_name, std::string_view json_text);

  // The message `key` in `locale` with `args`; English when the locale lacks it;
  // the key itself when no language has it.
  std::string Format(std::string_view locale, std::string_view key,
                     const MessageArgs& args = {}) const;

  // The loaded locale closest to a hint: "ar-SY" -> "ar", "prs" -> "fa",
  // "uk_UA" -> "uk"; "en" when nothing fits.
  std::string BestLocale(std::string_view hint) const;

  bool HasLocale(std::string_view locale) const;
  std::vector<std::string> Locales() const;
  bool IsRightToLeft(std::string_view locale) const;
  std::string LanguageName(std::string_view locale) const;
  // The raw patterns of one locale (for checks).
  const std::map<std::string, std::string>& Patterns(std::string_view locale) const;

 private:
  struct Locale;
  const Locale* Find(std::string_view locale) const;
  std::map<std::string, std::unique_ptr<Locale>, std::less<>> locales_;
};

}  // namespace workmatch

#endif  // WORKMATCH_CORE_TEXT_CATALOG_H_
