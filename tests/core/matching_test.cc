// The occupation linker's parts: CSV as ESCO writes it, the analyzer
// (folding, gender endings, stems), the label index (compounds, typos), the
// MELO evaluation.
#include <catch2/catch.hpp>
#include <string>

#include "core/matching/analyzer.h"
#include "core/matching/concept_linker.h"
#include "core/matching/label_index.h"
#include "core/matching/ranking_eval.h"
#include "core/taxonomy/csv.h"

namespace workmatch {
namespace {

TEST_CASE("CSV fields may hold commas, quotes and newlines, and rows keep their line",
          "[core][taxonomy]") {
  auto t = CsvTable::Parse(
      "\xEF\xBB\xBF" "conceptUri,preferredLabel,altLabels\r\n"
      "u1,nurse,\"carer\nnursing, general\"\n"
      "u2,\"cook \"\"chef\"\"\",\n");
  REQUIRE(t.ok());
  CHECK(t->Column("preferredLabel") == 1);
  CHECK_FALSE(t->Column("missing"));
  REQUIRE(t->rows().size() == 2);
  CHECK(t->rows()[0].line == 2);
  CHECK(t->rows()[1].line == 4);
  CHECK(SplitLines(t->rows()[0].fields[2]) == std::vector<std::string>{"carer", "nursing, general"});
  CHECK(t->rows()[1].fields[1] == "cook \"chef\"");

  auto short_row = CsvTable::Parse("a,b\n1,2\n3\n");
  REQUIRE_FALSE(short_row.ok());
  CHECK_THAT(short_row.error().message, Catch::Contains("line 3"));
  auto open_quote = CsvTable::Parse("a,b\n1,\"2\n");
  REQUIRE_FALSE(open_quote.ok());
  CHECK_THAT(open_quote.error().message, Catch::Contains("never closes"));
}

TEST_CASE("Terms fold, drop feminine endings and stem", "[core][matching]") {
  CHECK(Terms("Nurses", "en") == Terms("nurse", "en"));
  CHECK(Terms("Krankenpflegerin", "de") == Terms("Krankenpfleger", "de"));
  CHECK(Terms("Serveuse", "fr") == Terms("serveur", "fr"));
  CHECK(Terms("enfermera", "es") == Terms("enfermero", "es"));
  CHECK(Terms("ممرضة", "ar") == Terms("ممرضه", "ar"));
  CHECK(Words("Bus-Fahrer (m/w)") == std::vector<std::string>{"bus", "fahrer", "m", "w"});
}

TEST_CASE("The label index finds titles through plurals, compounds and typos",
          "[core][matching]") {
  LabelIndex en("en");
  const uint32_t nurse = en.Add("nurse responsible for general care");
  const uint32_t cook = en.Add("cook");
  const uint32_t welder = en.Add("welder");
  en.Add("kitchen porter");
  en.Build();
  CHECK(en.Search("Nurses", 1).at(0).label == nurse);
  CHECK(en.Search("cooks", 1).at(0).label == cook);
  CHECK(en.Search("weldr", 1).at(0).label == welder);  // a typo
  CHECK(en.Search("astronaut", 3).empty());

  LabelIndex de("de");
  de.Add("Altenpfleger/Altenpflegerin");
  const uint32_t krankenpfleger = de.Add("Gesundheits- und Krankenpfleger");
  de.Add("Kranken");
  de.Add("Pfleger");
  const uint32_t technik = de.Add("Inspektor Versorgungsleitungen");
  de.Build();
  CHECK(de.Search("Krankenpflegerin", 1).at(0).label == krankenpfleger);
  // "Versorgungstechnik" shares the compound part "Versorgung".
  CHECK(de.Search("Techniker Versorgungstechnik", 1).at(0).label == technik);
}

TEST_CASE("MRR and success count the first relevant element, concepts rank once",
          "[core][matching]") {
  RankingEvaluation e;
  e.Add({5, 3, 9}, {3});      // rank 2
  e.Add({1, 2}, {1, 2});      // rank 1
  e.Add({4, 6}, {7});         // not found
  RankingMetrics m = e.Result();
  CHECK(m.queries == 3);
  CHECK(m.mrr == Approx((0.5 + 1.0) / 3));
  CHECK(m.success_at_1 == Approx(1.0 / 3));
  CHECK(m.success_at_10 == Approx(2.0 / 3));
}

TEST_CASE("Concepts rank once, by their best label and the others that fit",
          "[core][matching]") {
  ConceptLinker linker("en");
  const uint32_t manager = linker.AddLabel(0, "security manager");
  linker.AddLabel(0, "head of security");
  const uint32_t manager2 = linker.AddLabel(1, "security manager");
  const uint32_t guard = linker.AddLabel(1, "security guard");
  linker.AddLabel(2, "shop manager");
  linker.Build();
  auto hits = linker.Link("security guard", 3);
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].concept_id == 1);
  CHECK(hits[0].best_label == guard);
  // Identical labels of two concepts: the concept whose other labels also fit wins.
  auto head = linker.Link("security manager, head of security", 2);
  CHECK(head.at(0).concept_id == 0);
  // Each concept's best label first, then the rest.
  auto ranked = linker.RankLabels("security manager");
  REQUIRE(ranked.size() >= 3);
  CHECK(((ranked[0] == manager && ranked[1] == manager2) ||
         (ranked[0] == manager2 && ranked[1] == manager)));
}

}  // namespace
}  // namespace workmatch
