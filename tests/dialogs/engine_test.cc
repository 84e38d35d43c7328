// The flow loader (with a corpus of broken flows) and the engine over small
// test flows in English and Arabic; the session round-trips through JSON text
// between steps, as the host stores it.
#include "dialogs/engine.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/fixtures.h"

namespace workmatch {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path kDir = fs::path(WORKMATCH_SOURCE_DIR) / "tests" / "dialogs";

Catalog TestCatalog() {
  const json common = {{"dialog.retry", "Sorry, I did not understand."},
                       {"dialog.yes", "Yes"},
                       {"dialog.no", "No"},
                       {"dialog.offer_human", "Shall a person help you?"},
                       {"dialog.error", "Something broke."},
                       {"dialog.welcome_back", "Welcome back!"},
                       {"dialog.reminder", "Still there?"},
                       {"dialog.choose", "Choose"},
                       {"choices.fallback", "Reply with a number, e.g. {example}."},
                       {"t.hello", "Hello!"},
                       {"t.consent", "Do you agree?"},
                       {"t.work", "What work?"},
                       {"t.care", "Care"},
                       {"t.build", "Construction"},
                       {"t.years", "How many years?"},
                       {"t.thanks", "{years, plural, one {# year} other {# years}}: thank you."}};
  json ar = common;
  ar["t.hello"] = "مرحبا!";
  ar["dialog.yes"] = "نعم";
  ar["dialog.no"] = "لا";
  ar["t.care"] = "رعاية";
  ar["t.thanks"] =
      "{years, plural, zero {لا سنوات} one {سنة} two {سنتان} few {# سنوات} many {# سنة} other {# "
      "سنة}}: شكرا.";
  json en = common;
  en["t.only_en"] = "English only";
  Catalog c;
  REQUIRE(c.AddLocale("en.json", json({{"locale", "en"}, {"messages", en}}).dump()).ok());
  REQUIRE(c.AddLocale("ar.json",
                      json({{"locale", "ar"}, {"direction", "rtl"}, {"messages", ar}}).dump())
              .ok());
  return c;
}

std::vector<std::pair<std::string, std::string>> Files(const std::vector<std::string>& names) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& n : names) out.emplace_back(n, testing::ReadFile(kDir / "flows" / n));
  return out;
}

DialogContext Ctx(int64_t now_ms, std::string locale, std::string entry_flow) {
  DialogContext c;
  c.now_ms = now_ms;
  c.locale = std::move(locale);
  c.entry_flow = std::move(entry_flow);
  return c;
}

// Drives one conversation, storing the session as text between steps.
struct Conversation {
  const Engine& engine;
  DialogContext ctx;
  std::string stored = "null";
  StepResult Send(DialogInput in) {
    StepResult r = engine.Step(json::parse(stored), in, ctx);
    stored = r.session.dump();
    return r;
  }
  StepResult Say(const std::string& text) {
    return Send({DialogInput::Kind::kAnswer, text, {}, {}});
  }
  json Session() const { return json::parse(stored); }
};

TEST_CASE("Every broken flow is refused with its precise error", "[dialogs][flows]") {
  Catalog catalog = TestCatalog();
  json expected = json::parse(testing::ReadFile(kDir / "broken_flows" / "expected_errors.json"));
  REQUIRE(expected.size() >= 10);
  for (const auto& [file, error] : expected.items()) {
    INFO(file);
    auto set = FlowSet::Load({{file, testing::ReadFile(kDir / "broken_flows" / file)}}, catalog);
    REQUIRE_FALSE(set.ok());
    CHECK(set.error().code == "flow.invalid");
    CHECK_THAT(set.error().message, Catch::Contains(file));
    CHECK_THAT(set.error().message, Catch::Contains(error.get<std::string>()));
  }
  // And every file of the corpus has its expectation.
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(kDir / "broken_flows"))
    files += e.path().filename() != "expected_errors.json";
  CHECK(files == expected.size());
}

TEST_CASE("A conversation runs question by question and calls a sub-flow", "[dialogs][engine]") {
  Catalog catalog = TestCatalog();
  auto flows = FlowSet::Load(Files({"test_welcome.json", "test_intake.json"}), catalog);
  REQUIRE(flows.ok());
  Engine engine(*flows, catalog);
  Conversation c{engine, Ctx(1000, "en", "welcome")};

  auto first = c.Send({DialogInput::Kind::kStart, "", {}, {}});
  REQUIRE(first.effects.messages.size() == 2);
  CHECK(first.effects.messages[0].text == "Hello!");
  CHECK(first.effects.messages[1].text == "Do you agree?");
  REQUIRE(first.effects.messages[1].choices.size() == 2);
  CHECK(first.effects.messages[1].choices[0].id == "yes");
  CHECK(c.Session()["node"] == "consent");
  CHECK(c.Session()["status"] == "waiting");
  CHECK(c.Session()["entered_at_ms"] == 1000);

  auto yes = c.Send({DialogInput::Kind::kAnswer, "", std::string("yes"), {}});
  CHECK(yes.effects.journey == std::vector<std::string>{"consent_given"});
  CHECK(yes.effects.profile["consent"] == true);
  REQUIRE(yes.effects.messages.size() == 1);
  CHECK(yes.effects.messages[0].text == "What work?");
  CHECK(c.Session()["flow"] == "intake");

  auto work = c.Say("2");  // by number
  CHECK(c.Session()["vars"]["work"] == "build");
  CHECK(work.effects.messages.at(0).text == "How many years?");
  auto bad = c.Say("ninety-nine");
  CHECK(bad.effects.messages.at(0).text == "Sorry, I did not understand.");
  CHECK(bad.effects.messages.at(1).text == "How many years?");
  auto years = c.Say("about 6 years");
  CHECK(years.effects.messages.at(0).text == "6 years: thank you.");
  CHECK(c.Session()["status"] == "ended");  // returned from intake to welcome's end
}

TEST_CASE("Arabic answers are understood with native digits and letter variants",
          "[dialogs][engine]") {
  Catalog catalog = TestCatalog();
  auto flows = FlowSet::Load(Files({"test_welcome.json", "test_intake.json"}), catalog);
  REQUIRE(flows.ok());
  Engine engine(*flows, catalog);
  Conversation c{engine, Ctx(0, "ar", "welcome")};
  auto first = c.Send({DialogInput::Kind::kStart, "", {}, {}});
  CHECK(first.effects.messages.at(0).text == "مرحبا!");
  c.Say("نَعَم");
  CHECK(c.Session()["vars"]["consent"] == true);
  c.Say("رعايه");  // ة typed as ه
  CHECK(c.Session()["vars"]["work"] == "care");
  auto years = c.Say("٣");
  CHECK(c.Session()["vars"]["years"] == 3);
  CHECK_THAT(years.effects.messages.at(0).text, Catch::Contains("سنوات"));
}

TEST_CASE("Declining consent offers services and too many bad answers offer a person",
          "[dialogs][engine]") {
  Catalog catalog = TestCatalog();
  auto flows = FlowSet::Load(Files({"test_welcome.json", "test_intake.json"}), catalog);
  REQUIRE(flows.ok());
  Engine engine(*flows, catalog);
  Conversation no{engine, Ctx(0, "en", "welcome")};
  no.Send({DialogInput::Kind::kStart, "", {}, {}});
  auto declined = no.Say("No");
  REQUIRE(declined.effects.actions.size() == 1);
  CHECK(declined.effects.actions[0].name == "search_services");
  CHECK(no.Session()["status"] == "ended");

  Conversation lost{engine, Ctx(0, "en", "welcome")};
  lost.Send({DialogInput::Kind::kStart, "", {}, {}});
  auto once = lost.Say("banana");  // max_retries 1
  CHECK_FALSE(once.effects.handoff);
  auto twice = lost.Say("banana");
  CHECK(twice.effects.handoff == "retry_limit");
  CHECK(twice.effects.messages.at(0).text == "Shall a person help you?");
  CHECK(lost.Session()["node"] == "consent");
}

TEST_CASE("A waiting question gets one reminder after a day and expires after a week",
          "[dialogs][engine]") {
  Catalog catalog = TestCatalog();
  auto flows = FlowSet::Load(Files({"test_welcome.json", "test_intake.json"}), catalog);
  REQUIRE(flows.ok());
  Engine engine(*flows, catalog);
  Conversation c{engine, Ctx(0, "en", "welcome")};
  c.Send({DialogInput::Kind::kStart, "", {}, {}});
  c.ctx.now_ms = Engine::kReminderAfterMs - 1;
  CHECK(c.Send({DialogInput::Kind::kTimer, "", {}, {}}).effects.messages.empty());
  c.ctx.now_ms = Engine::kReminderAfterMs;
  auto reminder = c.Send({DialogInput::Kind::kTimer, "", {}, {}});
  CHECK(reminder.effects.messages.at(0).text == "Still there?");
  c.ctx.now_ms += 1000;
  CHECK(c.Send({DialogInput::Kind::kTimer, "", {}, {}}).effects.messages.empty());  // only once
  auto back = c.Send({DialogInput::Kind::kStart, "", {}, {}});
  CHECK(back.effects.messages.at(0).text == "Welcome back!");
  CHECK(back.effects.messages.at(1).text == "Do you agree?");
  c.ctx.now_ms = Engine::kExpireAfterMs;
  c.Send({DialogInput::Kind::kTimer, "", {}, {}});
  CHECK(c.Session()["status"] == "expired");
}

TEST_CASE("A session whose node no longer exists begins again with its answers kept",
          "[dialogs][engine]") {
  Catalog catalog = TestCatalog();
  auto flows = FlowSet::Load(Files({"test_welcome.json", "test_intake.json"}), catalog);
  REQUIRE(flows.ok());
  Engine engine(*flows, catalog);
  Conversation c{engine, Ctx(0, "en", "welcome")};
  c.stored = R"({"flow": "intake", "node": "removed_in_v2", "status": "waiting",
                 "vars": {"work": "care"}, "stack": []})";
  auto r = c.Say("5");
  CHECK(c.Session()["flow"] == "welcome");
  CHECK(c.Session()["node"] == "consent");
  CHECK(c.Session()["vars"]["work"] == "care");
  CHECK(r.effects.messages.at(0).text == "Hello!");
  CHECK_FALSE(r.effects.handoff);
}

TEST_CASE("A loop in the flows fails the session cleanly", "[dialogs][engine]") {
  Catalog catalog = TestCatalog();
  auto flows = FlowSet::Load(Files({"test_loop.json"}), catalog);
  REQUIRE(flows.ok());
  Engine engine(*flows, catalog);
  Conversation c{engine, Ctx(0, "en", "loop")};
  auto r = c.Send({DialogInput::Kind::kStart, "", {}, {}});
  CHECK(c.Session()["status"] == "failed");
  CHECK(r.effects.messages.at(0).text == "Something broke.");
  CHECK(r.effects.handoff == "engine_error");
}

}  // namespace
}  // namespace workmatch
