#include "core/taxonomy/csv.h"

#include <fmt/format.h>

namespace workmatch {
namespace {

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

Result<CsvTable> CsvTable::Parse(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 BOM
  CsvTable table;
  std::vector<std::string> fields;
  std::string field;
  size_t line = 1, row_line = 1;
  bool quoted = false, any = false;
  auto end_row = [&]() -> Status {
    fields.push_back(std::move(field));
    field.clear();
    if (table.header_.empty()) {
      table.header_ = std::move(fields);
    } else if (!(fields.size() == 1 && fields[0].empty())) {  // blank lines are skipped
      if (fields.size() != table.header_.size()) {
        return Error{"csv.invalid",
                     fmt::format("line {}: {} fields where the header has {}", row_line,
                                 fields.size(), table.header_.size())};
      }
      table.rows_.push_back({row_line, std::move(fields)});
    }
    fields.clear();
    return {};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    any = true;
    if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      if (!field.empty() && field.back() == '\r') field.pop_back();
      if (Status s = end_row(); !s) return s.error();
      ++line;
      row_line = line;
    } else {
      field += c;
    }
  }
  if (quoted) {
    return Error{"csv.invalid", fmt::format("line {}: a quoted field never closes", row_line)};
  }
  if (any && (!field.empty() || !fields.empty())) {
    if (Status s = end_row(); !s) return s.error();
  }
  if (table.header_.empty()) return Error{"csv.invalid", "line 1: no header row"};
  return table;
}

std::optional<size_t> CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i) {
    if (Trim(header_[i]) == name) return i;
  }
  return std::nullopt;
}

std::vector<std::string> SplitLines(std::string_view field) {
  std::vector<std::string> out;
  while (!field.empty()) {
    size_t nl = field.find('\n');
    std::string_view line = Trim(field.substr(0, nl));
    if (!line.empty()) out.emplace_back(line);
    if (nl == std::string_view::npos) break;
    field.remove_prefix(nl + 1);
  }
  return out;
}

}  // namespace workmatch
