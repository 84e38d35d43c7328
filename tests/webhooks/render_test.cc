#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/messaging/messages.h"
#include "core/messaging/sender.h"
#include "core/text/split.h"
#include "tests/support/fixtures.h"
#include "webhooks/channel_limits.h"
#include "webhooks/telegram/telegram_api.h"
#include "webhooks/whatsapp/whatsapp_api.h"

namespace workmatch {
namespace {

using nlohmann::json;

std::string Str(const json& j) {
  REQUIRE(j.is_string());
  return j.get<std::string>();
}

// "Sentence 1 describes ... work. Sentence 2 ..." of at least `chars` characters.
std::string Sentences(size_t chars) {
  std::string out;
  for (int i = 1; out.size() < chars; ++i) {
    if (!out.empty()) out += ' ';
    out += "Sentence " + std::to_string(i) + " describes one more step on the way into work.";
  }
  return out;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Checks that `got` has exactly the words of `want`, in order (reports the first difference).
void CheckSameWords(const std::string& got, const std::string& want) {
  std::vector<std::string> a = Words(got);
  std::vector<std::string> b = Words(want);
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  INFO("first difference at word " << i << " of " << b.size());
  CHECK(a.size() == b.size());
  CHECK(i == b.size());
}

std::vector<Choice> NumberedChoices(int n) {
  std::vector<Choice> out;
  for (int i = 1; i <= n; ++i) {
    out.push_back({"opt:" + std::to_string(i), "Option " + std::to_string(i)});
  }
  return out;
}

std::string TelegramApiFixture(const std::filesystem::path& shared, const std::string& name) {
  return testing::ReadFile(shared / "fixtures" / "telegram" / "api" / (name + ".json"));
}

std::string WhatsAppApiFixture(const std::filesystem::path& shared, const std::string& name) {
  return testing::ReadFile(shared / "fixtures" / "whatsapp" / "api" / (name + ".json"));
}

// ---------------------------------------------------------------------------------------------
// Telegram

TEST_CASE("Telegram: a few short choices become an inline keyboard of their ids",
          "[webhooks][telegram][render]") {
  OutboundMessage m;
  m.text = "Do you agree?";
  m.choices = {{"consent:yes", "Yes"}, {"consent:no", "No"}, {"consent:later", "Later"}};
  TelegramRequest r = RenderTelegram("6100000001", m);
  CHECK(r.method == "sendMessage");
  CHECK(Str(r.body.at("text")) == "Do you agree?");
  REQUIRE(r.body.contains("reply_markup"));
  REQUIRE(r.body["reply_markup"].contains("inline_keyboard"));
  std::vector<std::string> ids;
  std::vector<std::string> labels;
  for (const json& row : r.body["reply_markup"]["inline_keyboard"]) {
    for (const json& button : row) {
      ids.push_back(Str(button.at("callback_data")));
      labels.push_back(Str(button.at("text")));
    }
  }
  CHECK(ids == std::vector<std::string>{"consent:yes", "consent:no", "consent:later"});
  CHECK(labels == std::vector<std::string>{"Yes", "No", "Later"});
}

TEST_CASE("Telegram: a choice id over 64 bytes turns the choices into numbered text",
          "[webhooks][telegram][render]") {
  OutboundMessage m;
  m.text = "What kind of work are you looking for?";
  m.fallback_hint = "Reply with the number of your choice, for example 1.";

  SECTION("65 bytes: numbered text with the hint, no keyboard") {
    m.choices = {{std::string(65, 'x'), "Nursing / care"}, {"intake:occ:build", "Construction"}};
    TelegramRequest r = RenderTelegram("6100000001", m);
    CHECK(r.method == "sendMessage");
    CHECK_FALSE(r.body.contains("reply_markup"));
    std::string text = Str(r.body.at("text"));
    CHECK_THAT(text, Catch::StartsWith(m.text));
    CHECK_THAT(text, Catch::Contains("1. Nursing / care"));
    CHECK_THAT(text, Catch::Contains("2. Construction"));
    CHECK_THAT(text, Catch::Contains(m.fallback_hint));
  }
  SECTION("64 bytes still fit callback_data") {
    m.choices = {{std::string(64, 'x'), "Nursing / care"}, {"intake:occ:build", "Construction"}};
    TelegramRequest r = RenderTelegram("6100000001", m);
    REQUIRE(r.body.contains("reply_markup"));
    CHECK(r.body["reply_markup"].contains("inline_keyboard"));
    CHECK(Str(r.body.at("text")) == m.text);
  }
}

TEST_CASE("Telegram: a location request is a reply keyboard button",
          "[webhooks][telegram][render]") {
  OutboundMessage m;
  m.text = "Which city do you live in now?";
  m.request_location = true;
  m.location_button = "Share my location";
  TelegramRequest r = RenderTelegram("6100000002", m);
  CHECK(r.method == "sendMessage");
  REQUIRE(r.body.contains("reply_markup"));
  const json& markup = r.body["reply_markup"];
  CHECK_FALSE(markup.contains("inline_keyboard"));
  REQUIRE(markup.contains("keyboard"));
  REQUIRE(markup["keyboard"].size() >= 1);
  REQUIRE(markup["keyboard"][0].size() >= 1);
  const json& button = markup["keyboard"][0][0];
  CHECK(Str(button.at("text")) == "Share my location");
  REQUIRE(button.contains("request_location"));
  CHECK(button["request_location"].get<bool>());
}

TEST_CASE("Telegram: a document is sent with sendDocument and the text as caption",
          "[webhooks][telegram][render]") {
  OutboundMessage m;
  m.text = "Here is the guide to getting your diploma recognised.";
  m.document_url = "https://example.org/guides/recognition.pdf";
  TelegramRequest r = RenderTelegram("6100000003", m);
  CHECK(r.method == "sendDocument");
  CHECK(Str(r.body.at("document")) == "https://example.org/guides/recognition.pdf");
  CHECK(Str(r.body.at("caption")) == m.text);
  CHECK_FALSE(r.body.contains("text"));
}

TEST_CASE("Telegram: numeric chat ids are sent as JSON integers", "[webhooks][telegram][render]") {
  OutboundMessage m;
  m.text = "Hello";
  json private_chat = RenderTelegram("6100000001", m).body.at("chat_id");
  REQUIRE(private_chat.is_number_integer());
  CHECK(private_chat.get<int64_t>() == int64_t{6100000001});

  json supergroup = RenderTelegram("-1001234567890", m).body.at("chat_id");
  REQUIRE(supergroup.is_number_integer());
  CHECK(supergroup.get<int64_t>() == int64_t{-1001234567890});

  json channel = RenderTelegram("@workmatch_jobs_example", m).body.at("chat_id");
  REQUIRE(channel.is_string());
  CHECK(channel.get<std::string>() == "@workmatch_jobs_example");
}

TEST_CASE("Telegram: the fixture answers of the Bot API are classified",
          "[webhooks][telegram][render]") {
  auto shared = testing::SharedDir();
  if (!shared) return;

  SendResult ok = ClassifyTelegramAnswer(200, TelegramApiFixture(*shared, "sendMessage_ok"));
  CHECK(ok.outcome == SendOutcome::kSent);
  CHECK(ok.platform_message_ids == std::vector<std::string>{"111"});

  SendResult flood =
      ClassifyTelegramAnswer(429, TelegramApiFixture(*shared, "error_429_retry_after"));
  CHECK(flood.outcome == SendOutcome::kChannelRateLimited);
  REQUIRE(flood.retry_after.has_value());
  CHECK(flood.retry_after->count() == 17000);

  SendResult blocked =
      ClassifyTelegramAnswer(403, TelegramApiFixture(*shared, "error_403_blocked"));
  CHECK(blocked.outcome == SendOutcome::kUnreachable);
  CHECK(blocked.error_code == "403");

  SendResult gone =
      ClassifyTelegramAnswer(400, TelegramApiFixture(*shared, "error_400_chat_not_found"));
  CHECK(gone.outcome == SendOutcome::kUnreachable);
}

TEST_CASE("Telegram: other answers are retried, rejected or stop the channel",
          "[webhooks][telegram][render]") {
  CHECK(ClassifyTelegramAnswer(
            500, R"({"ok":false,"error_code":500,"description":"Internal Server Error"})")
            .outcome == SendOutcome::kRetry);
  CHECK(ClassifyTelegramAnswer(0, "").outcome == SendOutcome::kRetry);
  CHECK(
      ClassifyTelegramAnswer(
          400, R"({"ok":false,"error_code":400,"description":"Bad Request: message is too long"})")
          .outcome == SendOutcome::kRejected);
  CHECK(ClassifyTelegramAnswer(401, R"({"ok":false,"error_code":401,"description":"Unauthorized"})")
            .outcome == SendOutcome::kChannelDown);

  SendResult migrated = ClassifyTelegramAnswer(
      400,
      R"({"ok":false,"error_code":400,)"
      R"("description":"Bad Request: group chat was upgraded to a supergroup chat",)"
      R"("parameters":{"migrate_to_chat_id":-1001234567890}})");
  CHECK(migrated.outcome == SendOutcome::kRetry);
  REQUIRE(migrated.new_chat_id.has_value());
  CHECK(*migrated.new_chat_id == "-1001234567890");
}

TEST_CASE("Telegram: answers of an unexpected shape are classified without throwing",
          "[webhooks][telegram][render]") {
  // Sender::Send never throws, and it classifies whatever the network gave it.
  CHECK_NOTHROW(ClassifyTelegramAnswer(200, R"({"ok":"true","result":{"message_id":5}})"));
  CHECK_NOTHROW(ClassifyTelegramAnswer(400, R"({"ok":false,"description":404})"));
  CHECK_NOTHROW(ClassifyTelegramAnswer(
      400, R"({"ok":false,"description":"Bad Request","parameters":{"migrate_to_chat_id":"x"}})"));
  CHECK_NOTHROW(ClassifyTelegramAnswer(502, "<html>Bad Gateway</html>"));
}

// ---------------------------------------------------------------------------------------------
// WhatsApp

TEST_CASE("WhatsApp: up to three short choices become reply buttons",
          "[webhooks][whatsapp][render]") {
  OutboundMessage m;
  m.text = "Do you agree?";
  m.choices = {{"consent:yes", "Yes, I agree"}, {"consent:no", "No"}, {"consent:later", "Later"}};
  json body = RenderWhatsApp("447700900123", m);
  CHECK(Str(body.at("messaging_product")) == "whatsapp");
  CHECK(Str(body.at("to")) == "447700900123");
  CHECK(Str(body.at("type")) == "interactive");
  const json& interactive = body.at("interactive");
  CHECK(Str(interactive.at("type")) == "button");
  CHECK(Str(interactive.at("body").at("text")) == "Do you agree?");
  const json& buttons = interactive.at("action").at("buttons");
  REQUIRE(buttons.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    INFO("button " << i);
    CHECK(Str(buttons[i].at("type")) == "reply");
    CHECK(Str(buttons[i].at("reply").at("id")) == m.choices[i].id);
    CHECK(Str(buttons[i].at("reply").at("title")) == m.choices[i].label);
  }
}

TEST_CASE("WhatsApp: four choices with a list button become a list of one section",
          "[webhooks][whatsapp][render]") {
  OutboundMessage m;
  m.text = "Which German level do you have?";
  m.choices = {
      {"lang:de:A1", "A1"}, {"lang:de:A2", "A2"}, {"lang:de:B1", "B1"}, {"lang:de:B2", "B2"}};
  m.list_button = "Choose a level";
  json body = RenderWhatsApp("447700900123", m);
  CHECK(Str(body.at("type")) == "interactive");
  const json& interactive = body.at("interactive");
  CHECK(Str(interactive.at("type")) == "list");
  CHECK(Str(interactive.at("action").at("button")) == "Choose a level");
  const json& sections = interactive.at("action").at("sections");
  REQUIRE(sections.size() == 1);
  const json& rows = sections[0].at("rows");
  REQUIRE(rows.size() == 4);
  for (size_t i = 0; i < 4; ++i) {
    INFO("row " << i);
    CHECK(Str(rows[i].at("id")) == m.choices[i].id);
    CHECK(Str(rows[i].at("title")) == m.choices[i].label);
  }
}

TEST_CASE("WhatsApp: eleven choices become numbered text", "[webhooks][whatsapp][render]") {
  OutboundMessage m;
  m.text = "Where would you like to work?";
  m.choices = NumberedChoices(11);
  m.list_button = "Choose";
  m.fallback_hint = "Reply with the number of your choice.";
  json body = RenderWhatsApp("447700900123", m);
  CHECK(Str(body.at("type")) == "text");
  CHECK_FALSE(body.contains("interactive"));
  std::string text = Str(body.at("text").at("body"));
  CHECK_THAT(text, Catch::StartsWith(m.text));
  for (int i = 1; i <= 11; ++i) {
    CHECK_THAT(text, Catch::Contains("\n" + std::to_string(i) + ". Option " + std::to_string(i)));
  }
  CHECK_THAT(text, Catch::EndsWith(m.fallback_hint));
}

TEST_CASE("WhatsApp: a title over 20 characters or a repeated title is never a button",
          "[webhooks][whatsapp][render]") {
  const std::string twenty = "Nursing / elder care";
  const std::string twenty_one = "Care for elder people";
  REQUIRE(Utf16Length(twenty) == 20);
  REQUIRE(Utf16Length(twenty_one) == 21);
  OutboundMessage m;
  m.text = "What kind of work are you looking for?";

  SECTION("20 characters fit a button, also when they take 40 bytes") {
    m.choices = {{"occ:care", twenty}, {"occ:build", "Construction"}};
    CHECK(Str(RenderWhatsApp("447700900123", m).at("interactive").at("type")) == "button");
    std::string accents;
    for (int i = 0; i < 20; ++i) accents += "\u00e9";
    REQUIRE(accents.size() == 40);
    m.choices = {{"occ:care", accents}, {"occ:build", "Construction"}};
    CHECK(Str(RenderWhatsApp("447700900123", m).at("interactive").at("type")) == "button");
  }
  SECTION("21 characters: a list when there is a list button") {
    m.choices = {{"occ:care", twenty_one}, {"occ:build", "Construction"}};
    m.list_button = "Choose";
    json body = RenderWhatsApp("447700900123", m);
    REQUIRE(Str(body.at("type")) == "interactive");
    CHECK(Str(body.at("interactive").at("type")) == "list");
  }
  SECTION("21 characters: numbered text without a list button") {
    m.choices = {{"occ:care", twenty_one}, {"occ:build", "Construction"}};
    json body = RenderWhatsApp("447700900123", m);
    CHECK(Str(body.at("type")) == "text");
    CHECK_THAT(Str(body.at("text").at("body")), Catch::Contains("1. " + twenty_one));
  }
  SECTION("repeated titles cannot be told apart as buttons") {
    m.choices = {{"loc:berlin:1", "Berlin"}, {"loc:berlin:2", "Berlin"}};
    json body = RenderWhatsApp("447700900123", m);
    CHECK(Str(body.at("type")) == "text");
    CHECK_THAT(Str(body.at("text").at("body")), Catch::Contains("2. Berlin"));
  }
}

TEST_CASE("WhatsApp: a location request is an interactive location request",
          "[webhooks][whatsapp][render]") {
  OutboundMessage m;
  m.text = "Which city do you live in now?";
  m.request_location = true;
  json body = RenderWhatsApp("447700900456", m);
  CHECK(Str(body.at("type")) == "interactive");
  CHECK(Str(body.at("interactive").at("type")) == "location_request_message");
  CHECK(Str(body.at("interactive").at("body").at("text")) == m.text);
  CHECK(Str(body.at("interactive").at("action").at("name")) == "send_location");
}

TEST_CASE("WhatsApp: a reply quotes the message it answers", "[webhooks][whatsapp][render]") {
  OutboundMessage m;
  m.text = "Thank you.";
  m.reply_to = "wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUM0VCMEZBS0UwMDAwMDAwMDAwMDEA=";
  json body = RenderWhatsApp("447700900123", m);
  CHECK(Str(body.at("context").at("message_id")) == *m.reply_to);

  m.reply_to.reset();
  CHECK_FALSE(RenderWhatsApp("447700900123", m).contains("context"));
}

TEST_CASE("WhatsApp: the fixture answers of the Cloud API are classified",
          "[webhooks][whatsapp][render]") {
  auto shared = testing::SharedDir();
  if (!shared) return;

  SendResult ok = ClassifyWhatsAppAnswer(200, WhatsAppApiFixture(*shared, "send_success"));
  CHECK(ok.outcome == SendOutcome::kSent);
  CHECK(ok.platform_message_ids ==
        std::vector<std::string>{"wamid.HBgMNDQ3NzAwOTAwMTIzFQIAERgSOUEwRkFLRTAwMDAwMDAwMDA0="});

  SendResult throughput =
      ClassifyWhatsAppAnswer(429, WhatsAppApiFixture(*shared, "error_130429_rate_limit"));
  CHECK(throughput.outcome == SendOutcome::kChannelRateLimited);
  CHECK(throughput.error_code == "130429");

  SendResult window =
      ClassifyWhatsAppAnswer(400, WhatsAppApiFixture(*shared, "error_131047_reengagement"));
  CHECK(window.outcome == SendOutcome::kRejected);
  CHECK(window.error_code == "131047");

  SendResult undeliverable =
      ClassifyWhatsAppAnswer(400, WhatsAppApiFixture(*shared, "error_131026_undeliverable"));
  CHECK(undeliverable.outcome == SendOutcome::kUnreachable);

  SendResult token =
      ClassifyWhatsAppAnswer(401, WhatsAppApiFixture(*shared, "error_190_token_expired"));
  CHECK(token.outcome == SendOutcome::kChannelDown);
  CHECK(token.error_code == "190");
}

TEST_CASE("WhatsApp: error codes map to what the dispatcher does", "[webhooks][whatsapp][render]") {
  CHECK(ClassifyWhatsAppErrorCode(131056) == SendOutcome::kChatRateLimited);
  CHECK(ClassifyWhatsAppErrorCode(131000) == SendOutcome::kRetry);
  CHECK(ClassifyWhatsAppErrorCode(368) == SendOutcome::kChannelDown);
  CHECK(ClassifyWhatsAppErrorCode(131047) == SendOutcome::kRejected);
  CHECK(ClassifyWhatsAppErrorCode(131026) == SendOutcome::kUnreachable);
  CHECK(ClassifyWhatsAppAnswer(0, "").outcome == SendOutcome::kRetry);
  CHECK(ClassifyWhatsAppAnswer(503, "<html>Service Unavailable</html>").outcome ==
        SendOutcome::kRetry);
}

TEST_CASE("WhatsApp: answers of an unexpected shape are classified without throwing",
          "[webhooks][whatsapp][render]") {
  // Sender::Send never throws, and it classifies whatever the network gave it.
  CHECK_NOTHROW(ClassifyWhatsAppAnswer(400, R"({"error":{"message":42,"code":100}})"));
  CHECK_NOTHROW(ClassifyWhatsAppAnswer(400, R"({"error":{"message":"x","code":"100"}})"));
  CHECK_NOTHROW(ClassifyWhatsAppAnswer(200, R"({"messages":"wamid.x"})"));
}

// ---------------------------------------------------------------------------------------------
// Channel limits

TEST_CASE("Text limits follow each channel's rules", "[webhooks][limits]") {
  CHECK(TextLimit("whatsapp", true) == 1024);
  CHECK(TextLimit("whatsapp", false) == 4096);
  CHECK(TextLimit("telegram", false) == 4096);
  CHECK(TextLimit("telegram", true) == 4096);
}

TEST_CASE("A long Telegram message is cut into parts and the choices go on the last one",
          "[webhooks][limits]") {
  OutboundMessage m;
  m.text = Sentences(10000);
  REQUIRE(Utf16Length(m.text) >= 10000);
  m.choices = {{"more:yes", "Yes, more"}, {"more:no", "No, thanks"}};
  m.fallback_hint = "Reply with the number of your choice.";
  std::vector<OutboundMessage> parts = FitToChannel("telegram", m);
  REQUIRE(parts.size() >= 3);
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) {
    INFO("part " << i << " of " << parts.size());
    CHECK(Utf16Length(parts[i].text) <= 4096);
    CHECK_FALSE(parts[i].text.empty());
    if (i + 1 < parts.size()) {
      CHECK(parts[i].choices.empty());
    } else {
      CHECK(parts[i].choices.size() == 2);
      CHECK(parts[i].fallback_hint == m.fallback_hint);
      // The numbered fallback must fit too.
      CHECK(Utf16Length(NumberedText(parts[i])) <= 4096);
    }
    joined += (i == 0 ? "" : " ") + parts[i].text;
  }
  CheckSameWords(joined, m.text);
}

TEST_CASE("A long WhatsApp message with buttons keeps the last part within 1024",
          "[webhooks][limits]") {
  OutboundMessage m;
  m.text = Sentences(3000);
  m.choices = {{"consent:yes", "Yes"}, {"consent:no", "No"}, {"consent:later", "Later"}};
  std::vector<OutboundMessage> parts = FitToChannel("whatsapp", m);
  REQUIRE(parts.size() >= 2);
  std::string joined;
  for (size_t i = 0; i < parts.size(); ++i) {
    INFO("part " << i << " of " << parts.size());
    CHECK(Utf16Length(parts[i].text) <= 4096);
    if (i + 1 == parts.size()) {
      CHECK(Utf16Length(parts[i].text) <= 1024);
      CHECK(parts[i].choices.size() == 3);
    } else {
      CHECK(parts[i].choices.empty());
    }
    joined += (i == 0 ? "" : " ") + parts[i].text;
  }
  CheckSameWords(joined, m.text);
}

TEST_CASE("A short message is not cut", "[webhooks][limits]") {
  OutboundMessage m;
  m.text = "Do you agree?";
  m.choices = {{"consent:yes", "Yes"}, {"consent:no", "No"}};
  m.reply_to = "101";
  std::vector<OutboundMessage> parts = FitToChannel("telegram", m);
  REQUIRE(parts.size() == 1);
  CHECK(parts[0].text == m.text);
  CHECK(parts[0].choices.size() == 2);
  CHECK(parts[0].reply_to == m.reply_to);
}

TEST_CASE("The text of a long message with a document is never lost", "[webhooks][limits]") {
  // Document captions hold 1024 characters on both platforms.
  OutboundMessage m;
  m.text = Sentences(3000);
  m.document_url = "https://example.org/guides/recognition.pdf";

  SECTION("Telegram") {
    std::string joined;
    int documents = 0;
    for (const OutboundMessage& part : FitToChannel("telegram", m)) {
      TelegramRequest r = RenderTelegram("6100000003", part);
      if (r.method == "sendDocument") ++documents;
      const char* key = r.method == "sendDocument" ? "caption" : "text";
      if (r.body.contains(key)) joined += (joined.empty() ? "" : " ") + Str(r.body[key]);
    }
    CHECK(documents == 1);
    CheckSameWords(joined, m.text);
  }
  SECTION("WhatsApp") {
    std::string joined;
    int documents = 0;
    for (const OutboundMessage& part : FitToChannel("whatsapp", m)) {
      json body = RenderWhatsApp("447700900321", part);
      std::string text;
      if (Str(body.at("type")) == "document") {
        ++documents;
        if (body["document"].contains("caption")) text = Str(body["document"]["caption"]);
      } else {
        text = Str(body.at("text").at("body"));
      }
      if (!text.empty()) joined += (joined.empty() ? "" : " ") + text;
    }
    CHECK(documents == 1);
    CheckSameWords(joined, m.text);
  }
}

TEST_CASE("The numbered fallback lists the choices by position, then the hint",
          "[webhooks][limits]") {
  OutboundMessage m;
  m.text = "Pick one";
  m.choices = {{"a", "Yes"}, {"b", "No"}};
  m.fallback_hint = "Reply with the number.";
  CHECK(NumberedText(m) == "Pick one\n\n1. Yes\n2. No\n\nReply with the number.");
  m.fallback_hint.clear();
  CHECK(NumberedText(m) == "Pick one\n\n1. Yes\n2. No");
  m.text.clear();
  CHECK(NumberedText(m) == "1. Yes\n2. No");
}

}  // namespace
}  // namespace workmatch
