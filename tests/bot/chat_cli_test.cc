// `workmatch chat`: the whole intake through the terminal in every product
// language, stored in the database like any channel's conversation.
#include <catch2/catch.hpp>
#include <fstream>

#include "bot/locales.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

namespace workmatch {
namespace {

// Answers by number where there are choices, in words where the question is open.
const char* kIntake =
    "1\n"              // write in the suggested language: yes
    "1\n"              // consent: yes
    "cook\n"           // the work they did
    "1\n"              // confirmed: the first occupation offered
    "7\n"              // years
    "cooking for 200 people\n"
    "1\n"              // other work: skip
    "1\n"              // first language listed
    "1\n"              // level: first language
    "2\n"              // another language: no
    "3\n"              // education: secondary
    "2\n"              // a foreign diploma: no
    "@52.52,13.40\n"   // where: a shared location
    "3\n"              // travel: up to 30 km
    "1\n"              // full time
    "1\n"              // shifts: yes
    "1\n"              // start now
    "1\n"              // right to work: yes
    "1 2\n"            // looking for a job and training
    "1\n";             // the summary is right

TEST_CASE("The full intake can be completed in workmatch chat in every language", "[cli][chat]") {
  auto catalog = LoadBuiltinCatalog();
  REQUIRE(catalog.ok());
  REQUIRE(catalog->Locales().size() >= 14);
  // One database for all (the default taxonomy loads once), one person per language.
  testing::TempDir dir;
  const std::string db = dir.File("wm.db");
  const std::string script = dir.File("answers.txt");
  std::ofstream(script) << kIntake;
  for (const std::string& lang : catalog->Locales()) {
    INFO(lang);
    const std::string who = "person-" + lang;
    auto done = testing::Run({"/bin/sh", "-c",
                              testing::WorkmatchBinary() + " --db " + db + " chat --lang " + lang +
                                  " --as " + who + " < " + script});
    INFO(done.err);
    REQUIRE(done.exit_code == 0);
    // Every text came from the catalog of that language (no key printed raw).
    CHECK(done.out.find("intake.") == std::string::npos);
    CHECK(done.out.find("dialog.") == std::string::npos);
    CHECK(done.out.find(catalog->Format(lang, "intake.done")) != std::string::npos);
    CHECK(done.out.find(catalog->Format(lang, "menu.main")) != std::string::npos);

    auto conn = testing::OpenTestDatabase(dir);
    const std::string contact =
        "(SELECT id FROM contacts WHERE channel = 'cli' AND external_id = '" + who + "')";
    CHECK(testing::QueryInt(*conn, "SELECT COUNT(*) FROM contacts WHERE id = " + contact +
                                       " AND locale = '" + lang + "'") == 1);
    CHECK(testing::QueryInt(*conn, "SELECT COUNT(*) FROM profiles WHERE contact_id = " + contact +
                                       " AND intake_completed_at IS NOT NULL AND education_level = "
                                       "'secondary' AND latitude BETWEEN 52.5 AND 52.6 AND "
                                       "max_travel_km = 30 AND availability = 'full_time' AND "
                                       "right_to_work = 'yes'") == 1);
    CHECK(testing::QueryInt(*conn, "SELECT COUNT(*) FROM profile_occupations WHERE contact_id = " +
                                       contact + " AND free_text = 'cook' AND concept_uri IS NOT "
                                       "NULL AND years = 7") == 1);
    CHECK(testing::QueryInt(*conn, "SELECT COUNT(*) FROM profile_languages WHERE contact_id = " +
                                       contact + " AND cefr = 'native'") == 1);
    CHECK(testing::QueryInt(*conn, "SELECT COUNT(*) FROM dialog_sessions WHERE contact_id = " +
                                       contact + " AND flow = 'menu' AND node = 'main' AND "
                                       "status = 'waiting'") == 1);
    CHECK(testing::QueryInt(*conn, "SELECT COUNT(*) FROM dialog_actions WHERE contact_id = " +
                                       contact + " AND name = 'find_matches'") == 1);
  }
  auto conn = testing::OpenTestDatabase(dir);
  CHECK(testing::QueryInt(*conn, "SELECT COUNT(*) FROM outbox WHERE channel = 'cli' AND "
                                 "status <> 'sent'") == 0);
}

TEST_CASE("workmatch chat goes on where the person stopped and refuses an unknown language",
          "[cli][chat]") {
  testing::TempDir dir;
  const std::string db = dir.File("wm.db");
  const std::string first = dir.File("first.txt"), second = dir.File("second.txt");
  std::ofstream(first) << "yes\nyes\n";
  std::ofstream(second) << "driver\n";
  auto a = testing::Run({"/bin/sh", "-c",
                         testing::WorkmatchBinary() + " --db " + db + " chat --as amal < " + first});
  REQUIRE(a.exit_code == 0);
  CHECK(a.out.find("Question 1 of 12") != std::string::npos);
  auto b = testing::Run({"/bin/sh", "-c",
                         testing::WorkmatchBinary() + " --db " + db + " chat --as amal < " + second});
  REQUIRE(b.exit_code == 0);
  CHECK(b.out.find("Hello! I am WorkMatch") == std::string::npos);  // not greeted again
  // The default taxonomy offers the occupations "driver" may mean.
  CHECK(b.out.find("You wrote: “driver”. Which of these is closest to your work?") !=
        std::string::npos);

  auto bad = testing::Run({testing::WorkmatchBinary(), "--db", db, "chat", "--lang", "xx"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("no language \"xx\"") != std::string::npos);
}

}  // namespace
}  // namespace workmatch
