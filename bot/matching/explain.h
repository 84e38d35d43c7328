// Match reasons (core/matching/scoring.h) as sentences in a person's
// language: the ids in a reason's values become an occupation's label, a
// language's name or a CEFR level.
#ifndef WORKMATCH_BOT_MATCHING_EXPLAIN_H_
#define WORKMATCH_BOT_MATCHING_EXPLAIN_H_

#include <string>
#include <unordered_map>

#include "bot/matching/match_data.h"
#include "bot/storage/database.h"
#include "core/matching/scoring.h"
#include "core/text/catalog.h"

namespace workmatch {

// Occupation labels in `lang`, English where it has none: uri -> label.
using OccupationLabels = std::unordered_map<std::string, std::string>;
Result<OccupationLabels> LoadOccupationLabels(Database& db, const std::string& lang);

class ReasonWriter {
 public:
  // All must outlive the writer.
  ReasonWriter(const Catalog& catalog, const MatchData& data, const OccupationLabels& labels,
               std::string locale)
      : catalog_(catalog), data_(data), labels_(labels), locale_(std::move(locale)) {}

  std::string operator()(const Reason& r) const;

 private:
  const Catalog& catalog_;
  const MatchData& data_;
  const OccupationLabels& labels_;
  std::string locale_;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_MATCHING_EXPLAIN_H_
