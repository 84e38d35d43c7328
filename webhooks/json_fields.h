// Forgiving reads of fields in platform JSON: a missing field, or one of an
// unexpected type, reads as absent. Parsers decide what absence means.
#ifndef WORKMATCH_WEBHOOKS_JSON_FIELDS_H_
#define WORKMATCH_WEBHOOKS_JSON_FIELDS_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace workmatch {

// The string at `key`, or "" when absent or not a string.
inline std::string StringField(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

// The string at `key`, or nullopt when absent, empty or not a string.
inline std::optional<std::string> OptionalStringField(const nlohmann::json& j, const char* key) {
  std::string s = StringField(j, key);
  if (s.empty()) return std::nullopt;
  return s;
}

}  // namespace workmatch

#endif  // WORKMATCH_WEBHOOKS_JSON_FIELDS_H_
