// CSV as ESCO publishes it (RFC 4180): comma-separated, fields in double
// quotes may hold commas, newlines and doubled quotes. Pure; the caller reads
// the file.
#ifndef WORKMATCH_CORE_TAXONOMY_CSV_H_
#define WORKMATCH_CORE_TAXONOMY_CSV_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace workmatch {

struct CsvRow {
  size_t line = 0;  // where the row starts in the file (1-based; the header is line 1)
  std::vector<std::string> fields;
};

// A CSV text with a header row. Columns are found by their header name.
class CsvTable {
 public:
  // Error "csv.invalid" with the line, for a quote that never closes or a row
  // whose field count differs from the header's.
  static Result<CsvTable> Parse(std::string_view text);

  // The index of a column by its header name (exact, after trimming a BOM).
  std::optional<size_t> Column(std::string_view name) const;
  const std::vector<std::string>& header() const { return header_; }
  const std::vector<CsvRow>& rows() const { return rows_; }

 private:
  std::vector<std::string> header_;
  std::vector<CsvRow> rows_;
};

// The lines of a multi-line field ("a\nb\n" -> {"a", "b"}), trimmed, empty ones dropped.
std::vector<std::string> SplitLines(std::string_view field);

}  // namespace workmatch

#endif  // WORKMATCH_CORE_TAXONOMY_CSV_H_
