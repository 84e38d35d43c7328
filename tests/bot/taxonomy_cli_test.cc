// `workmatch taxonomy`: the linker measured on MELO beats the paper's best
// lexical baselines (Retyk et al. 2024) on both dev sets.
#include <catch2/catch.hpp>
#include <regex>

#include <fstream>

#include "tests/support/fixtures.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

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

std::string Sh(const std::string& command) {
  auto r = testing::Run({"/bin/sh", "-c", command});
  INFO(command << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

TEST_CASE("taxonomy import reads all of ESCO in seconds, and again changes nothing new",
          "[cli][taxonomy]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  testing::TempDir dir;
  const std::string esco = (*shared / "data" / "esco-v1.1.1").string();
  auto first = testing::Run({testing::WorkmatchBinary(), "--db", dir.File("wm.db"), "taxonomy",
                             "import", "--format", "esco", esco});
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("3007 occupations, 13896 skills, 619 ISCO groups"));
  CHECK_THAT(first.out, Catch::Contains("17522 new"));
  auto again = testing::Run({testing::WorkmatchBinary(), "--db", dir.File("wm.db"), "taxonomy",
                             "import", "--format", "esco", esco + "/occupations_en.csv"});
  REQUIRE(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("0 new, 3007 updated"));
  // Linking against what was imported.
  const std::string linked =
      Sh("printf 'a\tforklift driver\nb\tcooks\n' | " + testing::WorkmatchBinary() + " --db " +
         dir.File("wm.db") + " taxonomy link --lang en --top 2");
  CHECK_THAT(linked, Catch::StartsWith("a\t1\thttp://data.europa.eu/esco/occupation/"
                                       "eeac6251-1974-42f5-91ed-513c6c883755\t"));
  CHECK_THAT(linked, Catch::Contains("\nb\t2\thttp://data.europa.eu/esco/occupation/"));
}

TEST_CASE("taxonomy import names bad rows by file and line and imports nothing",
          "[cli][taxonomy]") {
  testing::TempDir dir;
  std::ofstream(dir.File("occupations_de.csv"))
      << "conceptUri,iscoGroup,preferredLabel,altLabels\n"
         "http://data.europa.eu/esco/occupation/a,5120,Koch,\"Koch\nKöchin\"\n"
         "not-a-uri,5120,Bäcker,\n"
         "http://data.europa.eu/esco/occupation/c,5120,,\n";
  auto bad = testing::Run({testing::WorkmatchBinary(), "--db", dir.File("wm.db"), "taxonomy",
                           "import", "--lang", "de", dir.File("occupations_de.csv")});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("occupations_de.csv:4: conceptUri \"not-a-uri\""));
  CHECK_THAT(bad.err, Catch::Contains("occupations_de.csv:5: preferredLabel is empty"));
  CHECK_THAT(bad.err, Catch::Contains("nothing was imported"));

  std::ofstream(dir.File("occupations_de.csv"))
      << "conceptUri,preferredLabel,altLabels\n"
         "http://data.europa.eu/esco/occupation/a,Koch/Köchin,\"Beikoch\nKüchenhilfe\"\n";
  auto good = testing::Run({testing::WorkmatchBinary(), "--db", dir.File("wm.db"), "taxonomy",
                            "import", "--lang", "de", dir.File("occupations_de.csv")});
  INFO(good.err);
  REQUIRE(good.exit_code == 0);
  CHECK_THAT(good.out, Catch::Contains("1 new, 0 updated, 3 labels in \"de\""));
  auto db = testing::OpenTestDatabase(dir);
  CHECK(testing::QueryInt(*db, "SELECT COUNT(*) FROM taxonomy_labels WHERE language = 'de'") == 3);

  auto no_labels = testing::Run({testing::WorkmatchBinary(), "--db", dir.File("wm.db"), "taxonomy",
                                 "link", "--lang", "fr"});
  CHECK(no_labels.exit_code == 1);
  CHECK_THAT(no_labels.err, Catch::Contains("no occupation labels in \"fr\""));
  auto format = testing::Run({testing::WorkmatchBinary(), "--db", dir.File("wm.db"), "taxonomy",
                              "import", "--format", "onet", dir.File("occupations_de.csv")});
  CHECK(format.exit_code == 2);
}

TEST_CASE("workmatch match shows the best opportunities for a person and people for a job",
          "[cli][matching]") {
  testing::TempDir dir;
  const std::string wm = testing::WorkmatchBinary() + " --db " + dir.File("wm.db");
  Sh(wm + " demo");
  // A care worker in Leeds, through the intake.
  std::ofstream(dir.File("intake.txt"))
      << "yes\nyes\ncare worker\n1\n4\n1, 2\nskip\nEnglish\nB2\nno\nsecondary\nno\n"
         "@53.80,-1.55\n3\nfull time\nyes\nnow\nyes\n1\n1\n";
  Sh(wm + " chat --as amal < " + dir.File("intake.txt"));
  auto db = testing::OpenTestDatabase(dir);
  const int64_t amal =
      testing::QueryInt(*db, "SELECT id FROM contacts WHERE external_id = 'amal'");
  const std::string jobs = Sh(wm + " match --person " + std::to_string(amal) + " --top 3");
  CHECK_THAT(jobs, Catch::Contains("1. gb-leeds-care"));
  CHECK_THAT(jobs, Catch::Contains("km from where you live"));
  const std::string people = Sh(wm + " match --opportunity gb-leeds-care-assistant-nights");
  CHECK_THAT(people, Catch::Contains("1. contact " + std::to_string(amal)));
  const std::string arabic = Sh(wm + " match --opportunity gb-leeds-care-assistant-nights --lang ar");
  CHECK_THAT(arabic, Catch::Contains("كم"));  // the reasons in Arabic

  auto neither = testing::Run({testing::WorkmatchBinary(), "--db", dir.File("wm.db"), "match"});
  CHECK(neither.exit_code == 2);
  auto nobody = testing::Run(
      {testing::WorkmatchBinary(), "--db", dir.File("wm.db"), "match", "--person", "999"});
  CHECK(nobody.exit_code == 1);
  CHECK_THAT(nobody.err, Catch::Contains("has no profile"));
}

TEST_CASE("Searches from the menu are answered: jobs with reasons, services, a mentor's place",
          "[cli][matching]") {
  testing::TempDir dir;
  const std::string wm = testing::WorkmatchBinary() + " --db " + dir.File("wm.db");
  Sh(wm + " demo");
  // A nurse in Leeds, through the intake, then: a mentor twice, matches, a
  // language course near a shared location.
  std::ofstream(dir.File("nurse.txt"))
      << "yes\nyes\nnurse\n1\n4\n1, 2\nskip\nEnglish\nB2\nno\nsecondary\nno\n"
         "@53.80,-1.55\n3\nfull time\nyes\nnow\nyes\n1\n1\n"
         "4\n4\n1\n3\n4\n@53.80,-1.55\n";
  const std::string chat = Sh(wm + " chat --as nadia < " + dir.File("nurse.txt") + " 2>/dev/null");
  CHECK_THAT(chat, Catch::Contains("there is a place for you in \"Mentoring for nurses who trained abroad\""));
  CHECK_THAT(chat, Catch::Contains("You already have a place in \"Mentoring for nurses"));
  CHECK_THAT(chat, Catch::Contains("Jobs that fit you:\n\n1. Care assistant (night shifts) – Leeds\n• "
                                   "Your work as nurse responsible for general care is close"));
  CHECK_THAT(chat, Catch::Contains("https://example.com/kirkmoor-care/gb-leeds-care-assistant-nights"));
  CHECK_THAT(chat, Catch::Contains("Training that can help you:"));
  CHECK_THAT(chat, Catch::Contains("1. Free English classes (ESOL), all levels – Leeds, 0 km"));
  CHECK_THAT(chat, !Catch::Contains("Helsinki"));  // services abroad are out of reach

  auto db = testing::OpenTestDatabase(dir);
  CHECK(testing::QueryInt(*db, "SELECT COUNT(*) FROM dialog_actions WHERE status <> 'done'") == 0);
  CHECK(testing::QueryInt(*db,
                          "SELECT COUNT(*) FROM enrolments e JOIN opportunities o ON o.id = "
                          "e.opportunity_id WHERE o.external_id = 'gb-leeds-nurse-mentoring' AND "
                          "e.status = 'requested'") == 1);
  CHECK(testing::QueryInt(*db, "SELECT COUNT(*) FROM journey_events WHERE step = 'mentor_matched'") == 1);
  CHECK(testing::QueryInt(*db, "SELECT COUNT(*) FROM alerts_sent") >= 2);
  CHECK(testing::QueryInt(*db, "SELECT COUNT(*) FROM journey_events WHERE step = 'service_referred'") >= 1);

  // With one place, taken by the first nurse, the mentoring is full for the next.
  auto exec = [&](const char* sql) { REQUIRE(db->Write([&](SQLite::Database& c) { c.exec(sql); })); };
  exec("UPDATE opportunities SET capacity = 1 WHERE external_id = 'gb-leeds-nurse-mentoring'");
  std::ofstream(dir.File("second.txt"))
      << "yes\nyes\nnurse\n1\n4\n1, 2\nskip\nEnglish\nB2\nno\nsecondary\nno\n"
         "@53.80,-1.55\n3\nfull time\nyes\nnow\nyes\n1\n1\n4\n";
  const std::string second = Sh(wm + " chat --as sami < " + dir.File("second.txt") + " 2>/dev/null");
  CHECK_THAT(second, Catch::Contains("No mentor with a free place fits you right now"));

  // In Arabic, the results and reasons are Arabic.
  std::ofstream(dir.File("arabic.txt")) << "1\n";
  exec("UPDATE contacts SET locale = 'ar' WHERE external_id = 'nadia'");
  const std::string arabic = Sh(wm + " chat --as nadia < " + dir.File("arabic.txt") + " 2>/dev/null");
  CHECK_THAT(arabic, Catch::Contains("كم"));
}

}  // namespace
}  // namespace workmatch
