// Structured logging: one line per event on stderr, in logfmt:
//
//   ts=2026-11-23T08:17:48.123Z level=info component=http msg="listening" addr=127.0.0.1:8080
//
// Thread-safe; a line is written with one write so lines never interleave.
// The level comes from WORKMATCH_LOG_LEVEL (debug, info, warn, error; Default: info).
//
// Personal data (a phone number, a name, message text) is never logged at info:
// wrap such a value in Personal(), which prints "[redacted]" unless the level
// is debug.
#ifndef WORKMATCH_BOT_OBSERVE_LOG_H_
#define WORKMATCH_BOT_OBSERVE_LOG_H_

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace workmatch::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

std::optional<Level> ParseLevel(std::string_view name);
std::string_view LevelName(Level level);

// Process-wide settings. Default: level info, sink stderr.
void SetLevel(Level level);
Level CurrentLevel();
bool Enabled(Level level);
// Replaces where lines go (tests capture them). Passing nullptr restores stderr.
void SetSink(std::function<void(std::string_view line)> sink);

// A personal value: shown only when the level is debug.
struct Personal {
  std::string value;
};

// One key=value pair of a line.
class Field {
 public:
  Field(std::string_view key, std::string_view value) : key_(key), value_(value) {}
  Field(std::string_view key, const std::string& value) : key_(key), value_(value) {}
  Field(std::string_view key, const char* value) : key_(key), value_(value) {}
  Field(std::string_view key, int64_t value) : key_(key), value_(std::to_string(value)) {}
  Field(std::string_view key, int value) : key_(key), value_(std::to_string(value)) {}
  Field(std::string_view key, uint64_t value) : key_(key), value_(std::to_string(value)) {}
  Field(std::string_view key, double value);
  Field(std::string_view key, bool value) : key_(key), value_(value ? "true" : "false") {}
  Field(std::string_view key, const Personal& value);

  std::string_view key() const { return key_; }
  const std::string& value() const { return value_; }

 private:
  std::string_view key_;
  std::string value_;
};

// Formats one line (without the trailing newline); exposed for tests.
std::string FormatLine(int64_t unix_millis, Level level, std::string_view component,
                       std::string_view message, std::initializer_list<Field> fields);

void Write(Level level, std::string_view component, std::string_view message,
           std::initializer_list<Field> fields = {});

inline void Debug(std::string_view component, std::string_view message,
                  std::initializer_list<Field> fields = {}) {
  if (Enabled(Level::kDebug)) Write(Level::kDebug, component, message, fields);
}
inline void Info(std::string_view component, std::string_view message,
                 std::initializer_list<Field> fields = {}) {
  Write(Level::kInfo, component, message, fields);
}
inline void Warn(std::string_view component, std::string_view message,
                 std::initializer_list<Field> fields = {}) {
  Write(Level::kWarn, component, message, fields);
}
inline void Error(std::string_view component, std::string_view message,
                  std::initializer_list<Field> fields = {}) {
  Write(Level::kError, component, message, fields);
}

}  // namespace workmatch::log

#endif  // WORKMATCH_BOT_OBSERVE_LOG_H_
