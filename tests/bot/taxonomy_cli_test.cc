// `workmatch taxonomy`: the linker measured on MELO beats the paper's best
// lexical baselines (Retyk et al. 2024) on both dev sets.
#include <catch2/catch.hpp>
#include <regex>

#include "tests/support/fixtures.h"
#include "tests/support/process.h"

namespace workmatch {
namespace {

double Mrr(const std::string& out, const std::string& set) {
  std::smatch m;
  const std::regex row(set + R"(\s+(\d+)\s+([0-9.]+))");
  REQUIRE(std::regex_search(out, m, row));
  CHECK(std::stoi(m[1]) > 500);  // queries evaluated
  return std::stod(m[2]);
}

TEST_CASE("taxonomy eval beats the lexical baselines of MELO on both dev sets",
          "[cli][taxonomy]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  auto r = testing::Run({testing::WorkmatchBinary(), "taxonomy", "eval", "--melo",
                         (*shared / "data" / "melo-dev").string()},
                        {}, std::chrono::seconds(600));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(Mrr(r.out, "usa_q_en_c_en") > 0.606 + 0.03);
  CHECK(Mrr(r.out, "deu_q_de_c_de") > 0.547 + 0.02);
  CHECK_THAT(r.out, Catch::Contains("word TF-IDF on lemmas"));  // the baseline beside it

  auto missing = testing::Run({testing::WorkmatchBinary(), "taxonomy", "eval", "--melo", "/nonexistent"});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("no MELO data set"));
}

}  // namespace
}  // namespace workmatch
