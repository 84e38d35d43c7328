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
#include "dialogs/builtin_flows.h"
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
