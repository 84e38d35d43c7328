#include "core/text/catalog.h"

#include <fmt/format.h>
#include <unicode/fmtable.h>
#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <nlohmann/json.hpp>
#include <set>

namespace workmatch {

struct Catalog::Locale {
  std::string code;
  std::string name;
  bool rtl = false;
  icu::Locale icu_locale;
  std::map<std::string, std::string> patterns;
  std::map<std::string, std::unique_ptr<icu::MessageFormat>, std::less<>> formats;
  // Per message, the arguments that select a branch: their values are keywords,
  // never wrapped in isolates.
  std::map<std::string, std::set<std::string>, std::less<>> selectors;
};

namespace {

const std::map<std::string, std::string> kEmpty;

icu::UnicodeString U(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

// Languages known under another code: Dari is written with the Persian file.
std::string Alias(std::string code) {
  if (code == "prs" || code == "pes") return "fa";
  if (code == "pbt" || code == "pbu") return "ps";
  if (code == "tir") return "ti";
  if (code == "iw") return "he";
  return code;
}

// The names of the arguments a pattern uses as select, plural or selectordinal.
std::set<std::string> SelectorArguments(const icu::UnicodeString& pattern) {
  std::set<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  icu::MessagePattern parsed(pattern, nullptr, status);
  if (U_FAILURE(status)) return out;
  for (int32_t i = 0; i < parsed.countParts(); ++i) {
    const icu::MessagePattern::Part& part = parsed.getPart(i);
    if (part.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
    UMessagePatternArgType type = part.getArgType();
    if (type != UMSGPAT_ARG_TYPE_SELECT && type != UMSGPAT_ARG_TYPE_PLURAL &&
        type != UMSGPAT_ARG_TYPE_SELECTORDINAL) {
      continue;
    }
    std::string name;
    parsed.getSubstring(parsed.getPart(i + 1)).toUTF8String(name);
    out.insert(name);
  }
  return out;
}

}  // namespace

Catalog::Catalog() = default;
Catalog::~Catalog() = default;
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;

Status Catalog::AddLocale(std::string_view file_name, std::string_view json_text) {
  auto fail = [&](const std::string& what) {
    return Error{"catalog.invalid", fmt::format("{}: {}", file_name, what)};
  };
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return fail("is not a JSON object");
  if (!j.contains("locale") || !j["locale"].is_string()) return fail("\"locale\" is missing");
  if (!j.contains("messages") || !j["messages"].is_object()) return fail("\"messages\" is missing");
  auto loc = std::make_unique<Locale>();
  loc->code = j["locale"].get<std::string>();
  for (const char* key : {"name", "direction"}) {
    if (j.contains(key) && !j[key].is_string()) {
      return fail(fmt::format("\"{}\" must be a string", key));
    }
  }
  loc->name = j.value("name", loc->code);
  std::string direction = j.value("direction", "ltr");
  if (direction != "ltr" && direction != "rtl") {
    return fail("\"direction\" must be \"ltr\" or \"rtl\"");
  }
  loc->rtl = direction == "rtl";
  loc->icu_locale = icu::Locale(loc->code.c_str());
  for (const auto& [key, value] : j["messages"].items()) {
    if (!value.is_string()) return fail(fmt::format("message \"{}\" is not a string", key));
    std::string pattern = value.get<std::string>();
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error{};
    auto format =
        std::make_unique<icu::MessageFormat>(U(pattern), loc->icu_locale, parse_error, status);
    if (U_FAILURE(status)) {
      return fail(fmt::format("message \"{}\" is not valid ICU MessageFormat ({} at offset {})",
                              key, u_errorName(status), parse_error.offset));
    }
    loc->selectors[key] = SelectorArguments(U(pattern));
    loc->patterns[key] = std::move(pattern);
    loc->formats[key] = std::move(format);
  }
  locales_[loc->code] = std::move(loc);
  return Status::Ok();
}

const Catalog::Locale* Catalog::Find(std::string_view locale) const {
  auto it = locales_.find(locale);
  return it == locales_.end() ? nullptr : it->second.get();
}

std::string Catalog::Format(std::string_view locale, std::string_view key,
                            const MessageArgs& args) const {
  const Locale* loc = Find(locale);
  const icu::MessageFormat* format = nullptr;
  if (loc) {
    auto it = loc->formats.find(key);
    if (it != loc->formats.end()) format = it->second.get();
  }
  if (!format) {
    loc = Find("en");
    if (loc) {
      auto it = loc->formats.find(key);
      if (it != loc->formats.end()) format = it->second.get();
    }
  }
  if (!format) return std::string(key);
  const std::set<std::string>& selectors = loc->selectors.find(key)->second;

  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  for (const auto& [name, value] : args) {
    names.push_back(U(name));
    if (const auto* s = std::get_if<std::string>(&value)) {
      icu::UnicodeString text = U(*s);
      if (loc->rtl && !selectors.count(name))
        text = icu::UnicodeString(static_cast<UChar32>(0x2068)) + text +
               icu::UnicodeString(static_cast<UChar32>(0x2069));
      values.emplace_back(text);
    } else if (const auto* i = std::get_if<int64_t>(&value)) {
      values.emplace_back(static_cast<int64_t>(*i));
    } else {
      values.emplace_back(std::get<double>(value));
    }
  }
  icu::UnicodeString out;
  UErrorCode status = U_ZERO_ERROR;
  format->format(names.data(), values.data(), static_cast<int32_t>(values.size()), out, status);
  if (U_FAILURE(status)) return std::string(key);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

std::string Catalog::BestLocale(std::string_view hint) const {
  std::string h(hint);
  for (char& c : h) {
    if (c == '_') c = '-';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (HasLocale(h)) return h;
  std::string language = Alias(h.substr(0, h.find('-')));
  if (HasLocale(language)) return language;
  return "en";
}

bool Catalog::HasLocale(std::string_view locale) const { return Find(locale) != nullptr; }

std::vector<std::string> Catalog::Locales() const {
  std::vector<std::string> out;
  for (const auto& [code, loc] : locales_) out.push_back(code);
  return out;
}

bool Catalog::IsRightToLeft(std::string_view locale) const {
  const Locale* loc = Find(locale);
  return loc && loc->rtl;
}

std::string Catalog::LanguageName(std::string_view locale) const {
  const Locale* loc = Find(locale);
  return loc ? loc->name : std::string(locale);
}

const std::map<std::string, std::string>& Catalog::Patterns(std::string_view locale) const {
  const Locale* loc = Find(locale);
  return loc ? loc->patterns : kEmpty;
}

}  // namespace workmatch
