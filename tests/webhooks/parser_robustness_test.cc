// Deliveries we have never seen must never crash a parser: every fixture is cut
// short at many points and has each of its values replaced by values of other
// types; the parsers must return a result or an error, never throw.
#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>

#include "tests/support/fixtures.h"
#include "webhooks/telegram/update_parser.h"
#include "webhooks/webchat/webchat.h"
#include "webhooks/whatsapp/webhook_parser.h"

namespace workmatch {
namespace {

using nlohmann::json;

// Calls `visit` with copies of `root` in which one value was replaced by `with`.
void EachReplacement(const json& root, const json& with,
                     const std::function<void(const json&)>& visit) {
  const json flat = root.flatten();
  for (const auto& [pointer, value] : flat.items()) {
    json copy = root;
    copy[json::json_pointer(pointer)] = with;
    visit(copy);
  }
}

void Survives(const std::function<void(std::string_view)>& parse, const std::string& body) {
  for (size_t cut = 0; cut < body.size(); cut += std::max<size_t>(1, body.size() / 40)) {
    REQUIRE_NOTHROW(parse(body.substr(0, cut)));
  }
  json j = json::parse(body);
  for (const json& with : {json(nullptr), json(42), json(-1.5), json("x"), json::array(),
                           json::object(), json(true), json(std::string(300, 'z'))}) {
    EachReplacement(j, with, [&](const json& mutated) { REQUIRE_NOTHROW(parse(mutated.dump())); });
  }
}

TEST_CASE("Telegram deliveries of unexpected shapes never crash the parser",
          "[webhooks][robustness]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  for (const auto& file : testing::FixtureFiles(*shared, "telegram")) {
    INFO(file.filename());
    Survives([](std::string_view b) { (void)ParseTelegramUpdate(b); }, testing::ReadFile(file));
  }
}

TEST_CASE("WhatsApp deliveries of unexpected shapes never crash the parser",
          "[webhooks][robustness]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  for (const auto& file : testing::FixtureFiles(*shared, "whatsapp")) {
    INFO(file.filename());
    Survives([](std::string_view b) { (void)ParseWhatsAppWebhook(b); }, testing::ReadFile(file));
  }
}

TEST_CASE("Web chat messages of unexpected shapes never crash the parser",
          "[webhooks][robustness]") {
  Survives([](std::string_view b) { (void)ParseWebchatMessage(b, "abc", 1); },
           R"({"client_message_id":"m-1","text":"hello","choice":"yes","language":"ar"})");
}

}  // namespace
}  // namespace workmatch
