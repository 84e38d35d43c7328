#include "bot/observe/log.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>

namespace workmatch::log {
namespace {

std::atomic<Level> g_level{Level::kInfo};
std::mutex g_sink_mutex;
std::function<void(std::string_view)> g_sink;  // guarded by g_sink_mutex

bool NeedsQuotes(std::string_view v) {
  if (v.empty()) return true;
  for (char c : v) {
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
      return true;
    }
  }
  return false;
}

void AppendValue(std::string& out, std::string_view v, bool force_quotes = false) {
  if (!force_quotes && !NeedsQuotes(v)) {
    out.append(v);
    return;
  }
  out.push_back('"');
  for (char c : v) {
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out.append(fmt::format("\\u{:04x}", static_cast<int>(c)));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void WriteToStderr(std::string_view line) {
  // One write(2) per line: atomic for lines up to PIPE_BUF on pipes, and whole on files.
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

}  // namespace

std::optional<Level> ParseLevel(std::string_view name) {
  if (name == "debug") return Level::kDebug;
  if (name == "info") return Level::kInfo;
  if (name == "warn" || name == "warning") return Level::kWarn;
  if (name == "error") return Level::kError;
  return std::nullopt;
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

void SetLevel(Level level) { g_level.store(level); }
Level CurrentLevel() { return g_level.load(); }
bool Enabled(Level level) { return static_cast<int>(level) >= static_cast<int>(g_level.load()); }

void SetSink(std::function<void(std::string_view)> sink) {
  std::lock_guard lock(g_sink_mutex);
  g_sink = std::move(sink);
}

Field::Field(std::string_view key, double value) : key_(key), value_(fmt::format("{:g}", value)) {}

Field::Field(std::string_view key, const Personal& value)
    : key_(key), value_(Enabled(Level::kDebug) ? value.value : "[redacted]") {}

std::string FormatLine(int64_t unix_millis, Level level, std::string_view component,
                       std::string_view message, std::initializer_list<Field> fields) {
  std::time_t secs = static_cast<std::time_t>(unix_millis / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::string out = fmt::format("ts={:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z level={} component=",
                                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                                tm.tm_sec, unix_millis % 1000, LevelName(level));
  AppendValue(out, component);
  out.append(" msg=");
  AppendValue(out, message, /*force_quotes=*/true);
  for (const Field& f : fields) {
    out.push_back(' ');
    out.append(f.key());
    out.push_back('=');
    AppendValue(out, f.value());
  }
  return out;
}

void Write(Level level, std::string_view component, std::string_view message,
           std::initializer_list<Field> fields) {
  if (!Enabled(level)) return;
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  std::string line = FormatLine(now, level, component, message, fields);
  line.push_back('\n');
  std::lock_guard lock(g_sink_mutex);
  if (g_sink) {
    g_sink(line);
  } else {
    WriteToStderr(line);
  }
}

}  // namespace workmatch::log
