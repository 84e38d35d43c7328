#include "webhooks/whatsapp/webhook_parser.h"

#include <catch2/catch.hpp>
#include <cctype>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tests/support/fixtures.h"
#include "webhooks/signature.h"

namespace workmatch {
namespace {

constexpr const char* kNone = "(none)";
constexpr const char* kAppSecret = "fixture-app-secret";

// Our messages that the fixtures answer or react to.
constexpr const char* kOurQuestionToAmira =
    "wamid.HBgMNDQ3NzAwOTAwMTIzFQIAERgSOUEwRkFLRTAwMDAwMDAwMDAx=";
constexpr const char* kOurAlertToOleksandr =
    "wamid.HBgMNDQ3NzAwOTAwNDU2FQIAERgSOUEwRkFLRTAwMDAwMDAwMDAy=";

// Optional strings printed readably in failure messages.
std::string Opt(const std::optional<std::string>& s) { return s ? *s : kNone; }

std::filesystem::path FixturePath(const std::filesystem::path& shared, const std::string& name) {
  return shared / "fixtures" / "whatsapp" / (name + ".json");
}

std::string Fixture(const std::filesystem::path& shared, const std::string& name) {
  return testing::ReadFile(FixturePath(shared, name));
}

std::string Describe(const Result<std::vector<InboundEvent>>& r) {
  return r.ok() ? std::string("ok") : r.error().code + ": " + r.error().message;
}

std::vector<InboundEvent> ParseOk(const std::string& body) {
  auto r = ParseWhatsAppWebhook(body);
  INFO(Describe(r));
  REQUIRE(r.ok());
  return *r;
}

InboundMessage OneMessage(const std::string& body) {
  std::vector<InboundEvent> events = ParseOk(body);
  REQUIRE(events.size() == 1);
  REQUIRE(std::holds_alternative<InboundMessage>(events[0]));
  return std::get<InboundMessage>(events[0]);
}

DeliveryReceipt OneReceipt(const std::string& body) {
  std::vector<InboundEvent> events = ParseOk(body);
  REQUIRE(events.size() == 1);
  REQUIRE(std::holds_alternative<DeliveryReceipt>(events[0]));
  return std::get<DeliveryReceipt>(events[0]);
}

TEST_CASE("Every WhatsApp fixture is correctly signed and parses into events",
          "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  auto files = testing::FixtureFiles(*shared, "whatsapp");
  CHECK(files.size() >= 20);  // the README's table; more may be added
  for (const auto& file : files) {
    INFO(file.filename().string());
    std::string body = testing::ReadFile(file);
    std::string signature = testing::ReadFile(file.string() + ".sig");
    CHECK(VerifyHubSignature(signature, body, kAppSecret));
    auto r = ParseWhatsAppWebhook(body);
    INFO(Describe(r));
    REQUIRE(r.ok());
    CHECK_FALSE(r->empty());
  }
}

TEST_CASE("A signature that is wrong in any way is refused", "[webhooks][whatsapp][signature]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  const std::string body = Fixture(*shared, "text");
  const std::string signature = testing::ReadFile(FixturePath(*shared, "text").string() + ".sig");
  const std::string prefix = "sha256=";
  REQUIRE(signature.rfind(prefix, 0) == 0);
  const std::string hex = signature.substr(prefix.size());
  REQUIRE(hex.size() == 64);

  // The right one passes, and it is the HMAC of the exact bytes.
  CHECK(VerifyHubSignature(signature, body, kAppSecret));
  CHECK(HmacSha256Hex(kAppSecret, body) == hex);

  CHECK_FALSE(VerifyHubSignature(signature, body, "another-app-secret"));
  CHECK_FALSE(VerifyHubSignature(signature, body, ""));

  std::string tampered = body;
  size_t at = tampered.find("Pflegehelferin");
  REQUIRE(at != std::string::npos);
  tampered[at] = 'p';  // one byte
  CHECK_FALSE(VerifyHubSignature(signature, tampered, kAppSecret));

  CHECK_FALSE(VerifyHubSignature("", body, kAppSecret));
  CHECK_FALSE(VerifyHubSignature(signature.substr(0, signature.size() - 1), body, kAppSecret));
  CHECK_FALSE(VerifyHubSignature(signature + "0", body, kAppSecret));
  CHECK_FALSE(VerifyHubSignature(hex, body, kAppSecret));  // no prefix
  CHECK_FALSE(VerifyHubSignature("sha1=" + hex, body, kAppSecret));

  std::string upper = hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  REQUIRE(upper != hex);  // the value has letters to change
  CHECK_FALSE(VerifyHubSignature(prefix + upper, body, kAppSecret));
}

TEST_CASE("Constant-time comparison is plain equality", "[webhooks][signature]") {
  CHECK(ConstantTimeEquals("abc", "abc"));
  CHECK(ConstantTimeEquals("", ""));
  CHECK_FALSE(ConstantTimeEquals("abc", "abd"));
  CHECK_FALSE(ConstantTimeEquals("abc", "ab"));
  CHECK_FALSE(ConstantTimeEquals("", "a"));
}

TEST_CASE("A text message carries sender, time, name and id", "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "text"));
  CHECK(m.channel == "whatsapp");
  CHECK(m.kind == InboundKind::kText);
  CHECK(m.sender_id == "447700900123");
  CHECK(m.chat_id == "447700900123");
  CHECK(m.chat_type == "private");
  CHECK(m.platform_message_id == "wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhgUM0VCMEZBS0UwMDAwMDAwMDAwMDEA=");
  CHECK(m.sent_at_ms == int64_t{1781003600} * 1000);
  CHECK(m.text == "Hallo, ich suche Arbeit als Pflegehelferin");
  CHECK(Opt(m.display_name) == "Amira H.");
  CHECK(Opt(m.language_hint) == kNone);  // a UK number says nothing about the language
  CHECK(Opt(m.reply_to) == kNone);
  CHECK(Opt(m.referral) == kNone);
}

TEST_CASE("The country calling code gives a first language guess", "[webhooks][whatsapp]") {
  CHECK(Opt(LanguageFromPhone("963912345678")) == "ar");   // Syria
  CHECK(Opt(LanguageFromPhone("93701234567")) == "fa");    // Afghanistan
  CHECK(Opt(LanguageFromPhone("380501234567")) == "uk");   // Ukraine
  CHECK(Opt(LanguageFromPhone("291712345")) == "ti");      // Eritrea
  CHECK(Opt(LanguageFromPhone("252612345678")) == "so");   // Somalia
  CHECK(Opt(LanguageFromPhone("447700900123")) == kNone);  // United Kingdom
  CHECK(Opt(LanguageFromPhone("")) == kNone);
}

TEST_CASE("Button, list and template replies are choices", "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;

  SECTION("reply button") {
    InboundMessage m = OneMessage(Fixture(*shared, "interactive_button_reply"));
    CHECK(m.kind == InboundKind::kChoice);
    CHECK(Opt(m.choice_id) == "consent:yes");
    CHECK(Opt(m.reply_to) == kOurQuestionToAmira);
    CHECK(m.sender_id == "447700900123");
  }
  SECTION("list row") {
    InboundMessage m = OneMessage(Fixture(*shared, "interactive_list_reply"));
    CHECK(m.kind == InboundKind::kChoice);
    CHECK(Opt(m.choice_id) == "lang:de:B1");
    CHECK(Opt(m.reply_to) == kOurQuestionToAmira);
  }
  SECTION("template quick reply") {
    InboundMessage m = OneMessage(Fixture(*shared, "template_quick_reply_button"));
    CHECK(m.kind == InboundKind::kChoice);
    CHECK(Opt(m.choice_id) == "alert:318:interested");
    CHECK(Opt(m.reply_to) == kOurAlertToOleksandr);
    CHECK(m.sender_id == "447700900456");
  }
}

TEST_CASE("A shared location carries its coordinates on WhatsApp", "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "location"));
  CHECK(m.kind == InboundKind::kLocation);
  REQUIRE(m.location.has_value());
  CHECK(m.location->lat == Approx(51.339695));
  CHECK(m.location->lon == Approx(12.373075));
  CHECK(m.sender_id == "447700900456");
}

TEST_CASE("Images, voice notes, documents and stickers are media with their media id",
          "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;

  SECTION("image with caption") {
    InboundMessage m = OneMessage(Fixture(*shared, "image_with_caption"));
    CHECK(m.kind == InboundKind::kMedia);
    CHECK(Opt(m.media_kind) == "photo");
    CHECK(Opt(m.media_ref) == "1300000000000001");
    CHECK(m.text == "Mein Pflegediplom");
  }
  SECTION("voice note") {
    InboundMessage m = OneMessage(Fixture(*shared, "audio_voice"));
    CHECK(m.kind == InboundKind::kMedia);
    CHECK(Opt(m.media_kind) == "voice");
    CHECK(Opt(m.media_ref) == "1300000000000002");
    CHECK(Opt(m.display_name) == "Farid R.");
  }
  SECTION("document") {
    InboundMessage m = OneMessage(Fixture(*shared, "document"));
    CHECK(m.kind == InboundKind::kMedia);
    CHECK(Opt(m.media_kind) == "document");
    CHECK(Opt(m.media_ref) == "1300000000000003");
    CHECK(m.text == "My CV");
  }
  SECTION("sticker") {
    InboundMessage m = OneMessage(Fixture(*shared, "sticker"));
    CHECK(m.kind == InboundKind::kMedia);
    CHECK(Opt(m.media_kind) == "sticker");
    CHECK(Opt(m.media_ref) == "1300000000000004");
  }
}

TEST_CASE("A reaction names its emoji and the message it reacts to", "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "reaction"));
  CHECK(m.kind == InboundKind::kReaction);
  CHECK(m.text == "👍");
  CHECK(Opt(m.reply_to) == kOurAlertToOleksandr);
  CHECK(m.sender_id == "447700900456");
}

TEST_CASE("A shared contact card never gives a phone number on WhatsApp", "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "contacts"));
  CHECK(m.kind == InboundKind::kContact);
  CHECK(m.sender_id == "447700900123");
  CHECK(Opt(m.contact_phone) == kNone);
}

TEST_CASE("A reply quoting our question names it", "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "reply_with_context"));
  CHECK(m.kind == InboundKind::kText);
  CHECK(m.text == "Berlin-Neukölln");
  CHECK(Opt(m.reply_to) == kOurQuestionToAmira);
}

TEST_CASE("The first message after a click-to-WhatsApp ad carries the ad as referral",
          "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "referral_click_to_whatsapp_ad"));
  CHECK(m.kind == InboundKind::kText);
  CHECK_THAT(Opt(m.referral), Catch::StartsWith("ad:"));
  CHECK_THAT(Opt(m.referral), Catch::Contains("120200000000000001"));  // source_id
  CHECK(m.text == "سلام، می\u200cخواهم بیشتر بدانم");
  CHECK(m.sender_id == "447700900789");
}

TEST_CASE("A message WhatsApp cannot show us is unsupported", "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "unsupported"));
  CHECK(m.kind == InboundKind::kUnsupported);
  CHECK(m.sender_id == "447700900456");
  CHECK(m.platform_message_id == "wamid.HBgMNDQ3NzAwOTAwNDU2FQIAEhgUM0VCMEZBS0UwMDAwMDAwMDAwMTQA=");
}

TEST_CASE("Status updates are delivery receipts for our message", "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  struct Case {
    const char* file;
    const char* status;
    int64_t at_s;
  };
  const Case cases[] = {{"status_sent", "sent", 1781003601},
                        {"status_delivered", "delivered", 1781003602},
                        {"status_read", "read", 1781003620}};
  for (const Case& c : cases) {
    INFO(c.file);
    DeliveryReceipt r = OneReceipt(Fixture(*shared, c.file));
    CHECK(r.channel == "whatsapp");
    CHECK(r.platform_message_id == kOurQuestionToAmira);
    CHECK(r.status == c.status);
    CHECK(r.at_ms == c.at_s * 1000);
    CHECK_FALSE(r.error_code.has_value());
  }
}

TEST_CASE("A failed receipt carries the platform's error code", "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  DeliveryReceipt r = OneReceipt(Fixture(*shared, "status_failed_131047"));
  CHECK(r.status == "failed");
  CHECK(r.platform_message_id == "wamid.HBgMNDQ3NzAwOTAwNDU2FQIAERgSOUEwRkFLRTAwMDAwMDAwMDAz=");
  REQUIRE(r.error_code.has_value());
  CHECK(*r.error_code == 131047);
  CHECK(Opt(r.error_title) == "Re-engagement message");
  CHECK(r.at_ms == int64_t{1781103600} * 1000);
}

TEST_CASE("One delivery with two senders gives one message per sender", "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  std::vector<InboundEvent> events = ParseOk(Fixture(*shared, "batch_two_senders"));
  REQUIRE(events.size() == 2);
  REQUIRE(std::holds_alternative<InboundMessage>(events[0]));
  REQUIRE(std::holds_alternative<InboundMessage>(events[1]));
  const InboundMessage& a = std::get<InboundMessage>(events[0]);
  const InboundMessage& b = std::get<InboundMessage>(events[1]);
  CHECK(a.sender_id != b.sender_id);
  CHECK(a.sender_id == "447700900123");
  CHECK(Opt(a.display_name) == "Amira H.");
  CHECK(a.text == "Danke!");
  CHECK(a.sent_at_ms == int64_t{1781004020} * 1000);
  CHECK(b.sender_id == "447700900456");
  CHECK(b.chat_id == "447700900456");
  CHECK(Opt(b.display_name) == "Oleksandr K.");
  CHECK(b.text == "Коли співбесіда?");
  CHECK(b.sent_at_ms == int64_t{1781004021} * 1000);
}

TEST_CASE("A user known only by username is identified by the BSUID", "[webhooks][whatsapp]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "text_from_username_user_bsuid"));
  CHECK(m.kind == InboundKind::kText);
  CHECK(m.sender_id == "GB.1000000000000000001");
  CHECK(m.chat_id == "GB.1000000000000000001");
  CHECK(Opt(m.display_name) == "Farid R.");
  CHECK(m.text == "Hi, is this the jobs helpline?");
}

TEST_CASE("A change that is not about messages is ignored", "[webhooks][whatsapp]") {
  const std::string body = R"({
    "object": "whatsapp_business_account",
    "entry": [{
      "id": "102030405060708",
      "changes": [{
        "field": "message_template_status_update",
        "value": {"event": "APPROVED", "message_template_id": 123456,
                  "message_template_name": "job_alert"}
      }]
    }]
  })";
  std::vector<InboundEvent> events = ParseOk(body);
  REQUIRE(events.size() == 1);
  CHECK(std::holds_alternative<IgnoredUpdate>(events[0]));
}

TEST_CASE("Bodies that are not a WhatsApp delivery are malformed", "[webhooks][whatsapp]") {
  struct Case {
    const char* what;
    const char* body;
  };
  const Case cases[] = {
      {"not JSON", R"({"object": "whatsapp_business_account", "entry": [)"},
      {"no entry", R"({"object": "whatsapp_business_account"})"},
      {"an entry without changes",
       R"({"object": "whatsapp_business_account", "entry": [{"id": "102030405060708"}]})"},
      {"a message without id",
       R"({"object": "whatsapp_business_account", "entry": [{"id": "102030405060708",
           "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
             "contacts": [{"profile": {"name": "Amira H."}, "wa_id": "447700900123"}],
             "messages": [{"from": "447700900123", "timestamp": "1781003600", "type": "text",
                           "text": {"body": "Amira's secret text"}}]}}]}]})"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto r = ParseWhatsAppWebhook(c.body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "whatsapp.malformed");
    CHECK_FALSE(r.error().message.empty());
    CHECK_THAT(r.error().message, !Catch::Contains("Amira"));  // never the content
  }
}

}  // namespace
}  // namespace workmatch
