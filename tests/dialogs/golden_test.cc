// Golden conversations: the product's flows and texts, driven step by step
// from tests/dialogs/golden/*.json and compared with the effects recorded
// there. The session goes through JSON text between steps, as the host
// stores it. WORKMATCH_UPDATE_GOLDEN=1 rewrites the expectations from what
// the engine does now; review the diff before committing it.
//
// A file: {"about", "locale", "entry_flow"?, "steps": [step...]}; a step sends
// one of {"send": text}, {"press": choice id}, {"location": [lat, lon]},
// {"start": true} or {"timer": true}, "after_s" seconds after the previous
// one (default 10), and "expect"s {"messages", "profile", "journey",
// "actions", "handoff", "at": "flow/node status"} (empty ones left out).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "bot/locales.h"
#include "core/text/normalize.h"
#include "dialogs/builtin_flows.h"
#include "dialogs/commands.h"
#include "dialogs/engine.h"
#include "tests/support/fixtures.h"
#include "tests/support/test_taxonomy.h"

namespace workmatch {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path kGolden = fs::path(WORKMATCH_SOURCE_DIR) / "tests" / "dialogs" / "golden";

json Message(const OutboundMessage& m) {
  json out = {{"text", m.text}};
  if (!m.choices.empty()) {
    json choices = json::array();
    for (const Choice& c : m.choices) choices.push_back(c.id + ": " + c.label);
    out["choices"] = choices;
  }
  if (m.request_location) out["location_button"] = m.location_button;
  return out;
}

json Effects(const StepResult& r) {
  json out = json::object();
  json messages = json::array();
  for (const OutboundMessage& m : r.effects.messages) messages.push_back(Message(m));
  out["messages"] = messages;
  if (!r.effects.profile.empty()) out["profile"] = r.effects.profile;
  if (!r.effects.journey.empty()) out["journey"] = r.effects.journey;
  if (!r.effects.actions.empty()) {
    json actions = json::array();
    for (const DialogAction& a : r.effects.actions) actions.push_back({{a.name, a.args}});
    out["actions"] = actions;
  }
  if (r.effects.handoff) out["handoff"] = *r.effects.handoff;
  out["at"] = r.session.value("flow", "") + "/" + r.session.value("node", "") + " " +
              r.session.value("status", "");
  return out;
}

DialogInput Input(const json& step) {
  DialogInput in;
  if (step.contains("send")) {
    in.text = step["send"].get<std::string>();
  } else if (step.contains("press")) {
    in.choice_id = step["press"].get<std::string>();
  } else if (step.contains("location")) {
    in.location = Coordinates{step["location"][0].get<double>(), step["location"][1].get<double>()};
  } else if (step.contains("start")) {
    in.kind = DialogInput::Kind::kStart;
  } else if (step.contains("timer")) {
    in.kind = DialogInput::Kind::kTimer;
  } else {
    FAIL("a step needs send, press, location, start or timer: " << step.dump());
  }
  return in;
}

struct Product {
  Catalog catalog;
  FlowSet flows;
};

const Product& LoadProduct() {
  static const Product product = [] {
    auto catalog = LoadBuiltinCatalog();
    REQUIRE(catalog.ok());
    auto flows = LoadBuiltinFlows(*catalog);
    if (!flows.ok()) FAIL(flows.error().message);
    return Product{std::move(*catalog), std::move(*flows)};
  }();
  return product;
}

TEST_CASE("The product's flows load with no problem", "[dialogs][golden]") {
  auto catalog = LoadBuiltinCatalog();
  REQUIRE(catalog.ok());
  auto flows = LoadBuiltinFlows(*catalog);
  INFO((flows.ok() ? "" : flows.error().message));
  CHECK(flows.ok());
}

TEST_CASE("Golden conversations run as recorded", "[dialogs][golden]") {
  const Product& product = LoadProduct();
  Engine engine(product.flows, product.catalog);
  testing::TestTaxonomy taxonomy;
  const char* update_env = std::getenv("WORKMATCH_UPDATE_GOLDEN");
  const bool update = update_env && std::string(update_env) == "1";

  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kGolden)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 10);
  for (const fs::path& file : files) {
    json golden = json::parse(testing::ReadFile(file));
    DialogContext ctx;
    ctx.now_ms = 1'790'000'000'000;  // a fixed clock: 2026-09-21
    ctx.locale = golden.value("locale", "en");
    ctx.entry_flow = golden.value("entry_flow", "welcome");
    ctx.taxonomy = &taxonomy;
    std::string stored = "null";
    for (size_t i = 0; i < golden["steps"].size(); ++i) {
      json& step = golden["steps"][i];
      ctx.now_ms += step.value("after_s", int64_t{10}) * 1000;
      INFO(file.filename().string() << " step " << i + 1 << ": " << step.dump());
      StepResult r = engine.Step(json::parse(stored), Input(step), ctx);
      stored = r.session.dump();
      json actual = Effects(r);
      if (update) {
        step["expect"] = actual;
        continue;
      }
      CHECK(actual.dump(2) == step.value("expect", json()).dump(2));
    }
    if (update) std::ofstream(file) << golden.dump(2) << "\n";
  }
}

}  // namespace
}  // namespace workmatch

namespace workmatch {
namespace {

// The first word of a command in a locale ("menu|main menu" -> "menu").
std::string FirstWord(const Catalog& catalog, const std::string& locale, std::string_view name) {
  const std::string words = catalog.Patterns(locale).at("command." + std::string(name));
  return words.substr(0, words.find('|'));
}

// A person in `locale` at the years question of the intake.
std::string AtYears(const Engine& engine, DialogContext& ctx) {
  std::string stored = "null";
  for (const char* text : {"", "1", "1", "cook"}) {
    DialogInput in;
    if (*text == '\0') in.kind = DialogInput::Kind::kStart;
    in.text = text;
    stored = engine.Step(json::parse(stored), in, ctx).session.dump();
  }
  REQUIRE(json::parse(stored)["node"] == "years");
  return stored;
}

TEST_CASE("Every global command works in every language and by its English word",
          "[dialogs][golden][commands]") {
  const Product& product = LoadProduct();
  const Catalog& catalog = product.catalog;
  Engine engine(product.flows, catalog);
  for (const std::string& locale : catalog.Locales()) {
    DialogContext ctx;
    ctx.now_ms = 1'790'000'000'000;
    ctx.locale = locale;
    const std::string at_years = AtYears(engine, ctx);
    const std::string years_question = catalog.Format(locale, "intake.years", {{"occupation", "cook"}});
    for (const bool english : {false, true}) {
      for (std::string_view name : kCommandNames) {
        const std::string word = english ? std::string(name) : FirstWord(catalog, locale, name);
        INFO(locale << " " << name << ": \"" << word << "\"");
        DialogInput in;
        in.text = word;
        StepResult r = engine.Step(json::parse(at_years), in, ctx);
        const json& s = r.session;
        REQUIRE_FALSE(r.effects.messages.empty());
        const std::string first = r.effects.messages.front().text;
        const std::string last = r.effects.messages.back().text;
        if (name == "menu") {
          CHECK(s["flow"] == "menu");
          CHECK(last == catalog.Format(locale, "menu.main"));
        } else if (name == "help") {
          CHECK(first == catalog.Format(locale, "help.commands"));
          CHECK_THAT(last, Catch::Contains(years_question));
          CHECK(s["node"] == "years");
        } else if (name == "back") {
          CHECK(s["node"] == "work");
        } else if (name == "human") {
          CHECK(r.effects.handoff == "requested");
          CHECK(first == catalog.Format(locale, "human.requested"));
          CHECK(s["node"] == "years");
        } else if (name == "language") {
          CHECK(s["flow"] == "language");
          CHECK(first == catalog.Format(locale, "language.pick"));
        } else if (name == "stop") {
          REQUIRE(r.effects.actions.size() == 1);
          CHECK(r.effects.actions[0].name == "opt_out");
          CHECK(first == catalog.Format(locale, "stop.done"));
          CHECK(s["status"] == "ended");
        } else if (name == "start") {
          CHECK(r.effects.actions.at(0).name == "opt_in");
          CHECK(s["flow"] == "menu");  // a known person with consent goes to the menu
        } else if (name == "delete") {
          CHECK(s["flow"] == "erase");
          CHECK(first == catalog.Format(locale, "erase.confirm"));
        }
      }
    }
  }
}

TEST_CASE("No command word means two commands, and help names each command's word",
          "[dialogs][golden][commands]") {
  const Product& product = LoadProduct();
  const Catalog& catalog = product.catalog;
  for (const std::string& locale : catalog.Locales()) {
    std::map<std::string, std::string> owner;
    const std::string help = catalog.Format(locale, "help.commands");
    for (std::string_view name : kCommandNames) {
      INFO(locale << " " << name);
      const std::string words = catalog.Patterns(locale).at("command." + std::string(name));
      size_t from = 0;
      for (;;) {
        size_t bar = words.find('|', from);
        std::string word = FoldForMatching(words.substr(from, bar - from));
        if (!word.empty()) {
          auto [it, fresh] = owner.emplace(word, std::string(name));
          CHECK((fresh || it->second == name));
        }
        if (bar == std::string::npos) break;
        from = bar + 1;
      }
      if (name != "help") CHECK_THAT(help, Catch::Contains(FirstWord(catalog, locale, name)));
    }
  }
}

}  // namespace
}  // namespace workmatch
