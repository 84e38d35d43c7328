#include "webhooks/telegram/update_parser.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "tests/support/fixtures.h"

namespace workmatch {
namespace {

constexpr const char* kNone = "(none)";

// Optional strings printed readably in failure messages.
std::string Opt(const std::optional<std::string>& s) { return s ? *s : kNone; }

std::string Fixture(const std::filesystem::path& shared, const std::string& name) {
  return testing::ReadFile(shared / "fixtures" / "telegram" / (name + ".json"));
}

std::string Describe(const Result<std::vector<InboundEvent>>& r) {
  return r.ok() ? std::string("ok") : r.error().code + ": " + r.error().message;
}

// The one event of a body that must parse.
InboundEvent ParseOne(const std::string& body) {
  auto r = ParseTelegramUpdate(body);
  INFO(Describe(r));
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  return r->front();
}

InboundMessage OneMessage(const std::string& body) {
  InboundEvent e = ParseOne(body);
  REQUIRE(std::holds_alternative<InboundMessage>(e));
  return std::get<InboundMessage>(e);
}

TEST_CASE("Every Telegram fixture parses into exactly one event", "[webhooks][telegram]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  auto files = testing::FixtureFiles(*shared, "telegram");
  CHECK(files.size() >= 16);  // the README's table; more may be added
  for (const auto& file : files) {
    INFO(file.filename().string());
    auto r = ParseTelegramUpdate(testing::ReadFile(file));
    INFO(Describe(r));
    REQUIRE(r.ok());
    CHECK(r->size() == 1);
  }
}

TEST_CASE("A private text message carries sender, chat, time, id and language",
          "[webhooks][telegram]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "text_private_ar"));
  CHECK(m.channel == "telegram");
  CHECK(m.kind == InboundKind::kText);
  CHECK(m.sender_id == "6100000001");
  CHECK(m.chat_id == "6100000001");
  CHECK(m.chat_type == "private");
  CHECK(m.platform_message_id == "810000001");
  CHECK(m.sent_at_ms == int64_t{1781000000} * 1000);
  CHECK(m.text == "مرحبا، أبحث عن عمل في التمريض");
  CHECK(Opt(m.language_hint) == "ar");
  CHECK(Opt(m.display_name) == "Amira Haddad");
  CHECK(Opt(m.command) == kNone);
  CHECK(Opt(m.reply_to) == kNone);
  CHECK(Opt(m.referral) == kNone);
}

TEST_CASE("A deep-link start command gives the command, its payload and the referral",
          "[webhooks][telegram]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "start_deep_link"));
  CHECK(m.kind == InboundKind::kText);
  CHECK(Opt(m.command) == "start");
  CHECK(m.text == "org_berlin-ngo42_src_flyer");
  CHECK(Opt(m.referral) == "org_berlin-ngo42_src_flyer");
  CHECK(m.sender_id == "6100000002");
  CHECK(m.platform_message_id == "810000002");
  CHECK(m.sent_at_ms == int64_t{1781000060} * 1000);
  CHECK(Opt(m.language_hint) == "uk");
}

TEST_CASE("An inline button press is a choice answering the bot's message",
          "[webhooks][telegram]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "callback_query"));
  CHECK(m.kind == InboundKind::kChoice);
  CHECK(Opt(m.choice_id) == "intake:occ:care");
  CHECK(Opt(m.callback_id) == "2632452139728451583");
  CHECK(m.sender_id == "6100000001");
  CHECK(m.chat_id == "6100000001");  // message.chat.id
  CHECK(m.chat_type == "private");
  CHECK(Opt(m.reply_to) == "102");
  CHECK(m.platform_message_id == "810000003");
  CHECK(Opt(m.language_hint) == "ar");
}

TEST_CASE("Photos, documents, voice notes and stickers are media with their file id",
          "[webhooks][telegram]") {
  auto shared = testing::SharedDir();
  if (!shared) return;

  SECTION("photo: the largest (last) size and the caption") {
    InboundMessage m = OneMessage(Fixture(*shared, "photo_with_caption"));
    CHECK(m.kind == InboundKind::kMedia);
    CHECK(Opt(m.media_kind) == "photo");
    CHECK(Opt(m.media_ref) == "AgACAgIAAxkBAAIBZ2Zexample-photo-large-0001");
    CHECK(m.text == "شهادة التمريض من حلب");
    CHECK(m.platform_message_id == "810000004");
  }
  SECTION("document: the document's file id, not its thumbnail's") {
    InboundMessage m = OneMessage(Fixture(*shared, "document"));
    CHECK(m.kind == InboundKind::kMedia);
    CHECK(Opt(m.media_kind) == "document");
    CHECK(Opt(m.media_ref) == "BQACAgIAAxkBAAIBexample-document-0001");
    CHECK(m.text == "My CV");
    CHECK(m.sender_id == "6100000003");
  }
  SECTION("voice note") {
    InboundMessage m = OneMessage(Fixture(*shared, "voice"));
    CHECK(m.kind == InboundKind::kMedia);
    CHECK(Opt(m.media_kind) == "voice");
    CHECK(Opt(m.media_ref) == "AwACAgIAAxkBAAIBexample-voice-0001");
    CHECK(m.text.empty());
    CHECK(m.sender_id == "6100000004");
  }
  SECTION("sticker: the sticker's file id, not its thumbnail's") {
    InboundMessage m = OneMessage(Fixture(*shared, "sticker"));
    CHECK(m.kind == InboundKind::kMedia);
    CHECK(Opt(m.media_kind) == "sticker");
    CHECK(Opt(m.media_ref) == "CAACAgIAAxkBAAIBexample-sticker-0001");
    CHECK(m.sender_id == "6100000004");
  }
}

TEST_CASE("A shared location carries its coordinates", "[webhooks][telegram]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "location"));
  CHECK(m.kind == InboundKind::kLocation);
  REQUIRE(m.location.has_value());
  CHECK(m.location->lat == Approx(52.520008));
  CHECK(m.location->lon == Approx(13.404954));
  CHECK(m.sender_id == "6100000002");
  CHECK(m.platform_message_id == "810000007");
}

TEST_CASE("The sender's own contact card gives their number in E.164", "[webhooks][telegram]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "contact"));
  CHECK(m.kind == InboundKind::kContact);
  CHECK(m.sender_id == "6100000001");
  CHECK(Opt(m.contact_phone) == "+447700900123");
}

TEST_CASE("A contact card of someone else never gives a phone number", "[webhooks][telegram]") {
  // Amira (6100000001) shares the card of another Telegram user (6100000009).
  const std::string someone_else = R"({
    "update_id": 810000101,
    "message": {
      "message_id": 130,
      "from": {"id": 6100000001, "is_bot": false, "first_name": "Amira"},
      "chat": {"id": 6100000001, "first_name": "Amira", "type": "private"},
      "date": 1781000900,
      "contact": {"phone_number": "+447700900654", "first_name": "Samir", "user_id": 6100000009}
    }
  })";
  InboundMessage m = OneMessage(someone_else);
  CHECK(m.kind == InboundKind::kContact);
  CHECK(m.sender_id == "6100000001");
  CHECK(Opt(m.contact_phone) == kNone);

  // A card of someone who is not on Telegram has no user_id at all.
  const std::string not_on_telegram = R"({
    "update_id": 810000102,
    "message": {
      "message_id": 131,
      "from": {"id": 6100000001, "is_bot": false, "first_name": "Amira"},
      "chat": {"id": 6100000001, "first_name": "Amira", "type": "private"},
      "date": 1781000910,
      "contact": {"phone_number": "+447700900655", "first_name": "Nour"}
    }
  })";
  InboundMessage n = OneMessage(not_on_telegram);
  CHECK(n.kind == InboundKind::kContact);
  CHECK(Opt(n.contact_phone) == kNone);
}

TEST_CASE("A reply names the message it answers", "[webhooks][telegram]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "reply_to_message"));
  CHECK(m.kind == InboundKind::kText);
  CHECK(m.text == "Leipzig");
  CHECK(Opt(m.reply_to) == "109");
  CHECK(m.sender_id == "6100000002");
  CHECK(m.platform_message_id == "810000010");
}

TEST_CASE("Edited messages, channel posts and unknown update kinds are ignored, not errors",
          "[webhooks][telegram]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  for (const char* name : {"edited_message", "channel_post", "unknown_update_kind"}) {
    INFO(name);
    InboundEvent e = ParseOne(Fixture(*shared, name));
    REQUIRE(std::holds_alternative<IgnoredUpdate>(e));
    const IgnoredUpdate& ignored = std::get<IgnoredUpdate>(e);
    CHECK_FALSE(ignored.reason.empty());
    // The reason is logged: no names or text from the update.
    CHECK_THAT(ignored.reason, !Catch::Contains("Amira") && !Catch::Contains("WorkMatch jobs"));
  }
}

TEST_CASE("Blocking and unblocking the bot change the person's reachability",
          "[webhooks][telegram]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundEvent blocked = ParseOne(Fixture(*shared, "my_chat_member_blocked"));
  REQUIRE(std::holds_alternative<ReachabilityChange>(blocked));
  CHECK(std::get<ReachabilityChange>(blocked).channel == "telegram");
  CHECK(std::get<ReachabilityChange>(blocked).sender_id == "6100000004");
  CHECK_FALSE(std::get<ReachabilityChange>(blocked).reachable);

  InboundEvent unblocked = ParseOne(Fixture(*shared, "my_chat_member_unblocked"));
  REQUIRE(std::holds_alternative<ReachabilityChange>(unblocked));
  CHECK(std::get<ReachabilityChange>(unblocked).channel == "telegram");
  CHECK(std::get<ReachabilityChange>(unblocked).sender_id == "6100000004");
  CHECK(std::get<ReachabilityChange>(unblocked).reachable);
}

TEST_CASE("A command in a group loses the bot's username and keeps the group chat",
          "[webhooks][telegram]") {
  auto shared = testing::SharedDir();
  if (!shared) return;
  InboundMessage m = OneMessage(Fixture(*shared, "group_message"));
  CHECK(m.kind == InboundKind::kText);
  CHECK(m.chat_type == "group");  // a supergroup is a group to us
  CHECK(m.chat_id == "-1001234567890");
  CHECK(m.sender_id == "6100000005");
  CHECK(Opt(m.command) == "close");
  CHECK(m.text == "case 318");
  CHECK(Opt(m.referral) == kNone);
  CHECK(m.platform_message_id == "810000014");
}

TEST_CASE("Bodies that are not a Telegram Update are malformed", "[webhooks][telegram]") {
  struct Case {
    const char* what;
    const char* body;
  };
  const Case cases[] = {
      {"not JSON", R"({"update_id": 810000201, "message": )"},
      {"a JSON array", R"([{"update_id": 810000202}])"},
      {"no update_id",
       R"({"message": {"message_id": 1, "from": {"id": 6100000001, "first_name": "Amira"},
           "chat": {"id": 6100000001, "type": "private"}, "date": 1781000000, "text": "hi"}})"},
      {"update_id a string",
       R"({"update_id": "810000204", "message": {"message_id": 1,
           "from": {"id": 6100000001, "first_name": "Amira"},
           "chat": {"id": 6100000001, "type": "private"}, "date": 1781000000, "text": "hi"}})"},
      {"a message without chat",
       R"({"update_id": 810000205, "message": {"message_id": 1,
           "from": {"id": 6100000001, "first_name": "Amira"}, "date": 1781000000,
           "text": "Amira's secret text"}})"},
      {"a location without latitude",
       R"({"update_id": 810000206, "message": {"message_id": 1,
           "from": {"id": 6100000001, "first_name": "Amira"},
           "chat": {"id": 6100000001, "type": "private"}, "date": 1781000000,
           "location": {"longitude": 13.404954}}})"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto r = ParseTelegramUpdate(c.body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "telegram.malformed");
    CHECK_FALSE(r.error().message.empty());
    CHECK_THAT(r.error().message, !Catch::Contains("Amira"));  // never the content
  }
}

}  // namespace
}  // namespace workmatch
