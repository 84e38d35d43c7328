// The dialog engine in the pipeline: what a conversation decides is stored in
// the database (sessions, profiles, actions, handoffs, referrals, opting out,
// erasure), and the timer's reminders and expiry.
#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/demo/demo.h"
#include "bot/locales.h"
#include "bot/pipeline/dialog_handler.h"
#include "bot/pipeline/dialog_timer.h"
#include "bot/pipeline/inbox_processor.h"
#include "bot/storage/dialog_store.h"
#include "bot/storage/message_store.h"
#include "dialogs/builtin_flows.h"
#include "tests/support/fake_clock.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_database.h"

namespace workmatch {
namespace {

using nlohmann::json;
using std::chrono::hours;

struct Host {
  testing::TempDir dir;
  std::unique_ptr<Database> db = testing::OpenTestDatabase(dir);
  Catalog catalog = LoadBuiltinCatalog().value();
  FlowSet flows = LoadBuiltinFlows(catalog).value();
  testing::FakeClock clock;
  DialogHandler handler{flows, catalog, nullptr};
  InboxProcessor processor{*db, handler, catalog, clock, {}, nullptr};
  int serial = 0;

  InboundMessage Message(const std::string& sender, const std::string& text) {
    InboundMessage m;
    m.channel = "telegram";
    m.sender_id = sender;
    m.chat_id = sender;
    m.platform_message_id = sender + "-" + std::to_string(++serial);
    m.text = text;
    m.language_hint = "en";
    return m;
  }
  // Stores and processes messages of one batch, as a lane does.
  void Send(const std::vector<InboundMessage>& messages) {
    std::vector<InboxItem> items;
    REQUIRE(db->Write([&](SQLite::Database& c) {
      for (const InboundMessage& m : messages) {
        items.push_back({*InsertInbox(c, m, ToUnixMillis(clock.Now())), m});
      }
    }));
    processor.ProcessBatch(items);
  }
  void Say(const std::string& sender, const std::string& text) { Send({Message(sender, text)}); }
  int64_t Count(const std::string& sql) { return testing::QueryInt(*db, sql); }
  // The texts queued for a person, oldest first.
  std::vector<std::string> Texts(const std::string& sender) {
    std::vector<std::string> out;
    REQUIRE(db->Read([&](SQLite::Database& c) {
      SQLite::Statement q(c, "SELECT payload FROM outbox WHERE chat_id = ? ORDER BY id");
      q.bind(1, sender);
      while (q.executeStep()) out.push_back(json::parse(q.getColumn(0).getString())["text"]);
    }));
    return out;
  }
};

TEST_CASE("A deep link's referral code attaches the person and is confirmed first",
          "[bot][dialogs]") {
  Host h;
  REQUIRE(LoadDemo(*h.db, h.clock).ok());
  InboundMessage start = h.Message("amal", "LEEDSNGO");
  start.command = "start";
  h.Send({start});
  CHECK(h.Count("SELECT COUNT(*) FROM contacts c JOIN organizations o ON o.id = "
                "c.organization_id WHERE c.external_id = 'amal' AND o.referral_code = "
                "'LEEDSNGO'") == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM journey_events WHERE step = 'referred'") == 1);
  auto texts = h.Texts("amal");
  REQUIRE(texts.size() == 2);
  CHECK_THAT(texts[0], Catch::Contains("You are now connected with"));
  CHECK_THAT(texts[1], Catch::Contains("Shall we write in English?"));

  // A WhatsApp-style first message with the code among its words, in any case.
  h.Say("bilal", "Hi, my code is leedsngo thanks");
  CHECK(h.Count("SELECT COUNT(*) FROM contacts WHERE external_id = 'bilal' AND "
                "organization_id IS NOT NULL") == 1);
  // An unknown code attaches nobody and is not an error.
  h.Say("chen", "/start NOSUCHCODE");
  CHECK(h.Count("SELECT COUNT(*) FROM contacts WHERE external_id = 'chen' AND "
                "organization_id IS NULL") == 1);
}

TEST_CASE("Answers in one batch each see the session the previous one left",
          "[bot][dialogs]") {
  Host h;
  h.Send({h.Message("dana", "hi"), h.Message("dana", "yes"), h.Message("dana", "yes"),
          h.Message("dana", "electrician"), h.Message("dana", "12")});
  CHECK(h.Count("SELECT COUNT(*) FROM dialog_sessions WHERE flow = 'intake' AND node = 'skills' "
                "AND status = 'waiting'") == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM consents WHERE granted = 1") == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM contacts WHERE locale = 'en'") == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM journey_events WHERE step IN ('first_contact', "
                "'language_chosen', 'consent_given', 'intake_started')") == 4);
}

TEST_CASE("The intake's answers become the profile", "[bot][dialogs]") {
  Host h;
  for (const char* text : {"hi", "yes", "yes", "electrician", "12", "wiring houses", "skip",
                           "Arabic", "native", "yes", "English", "B1", "no", "vocational",
                           "yes", "in progress", "Leeds", "up to 15 km", "part time", "no",
                           "within a month", "waiting", "1, 3", "yes it is right"}) {
    h.Say("eli", text);
  }
  CHECK(h.Count("SELECT COUNT(*) FROM profiles WHERE education_level = 'vocational' AND "
                "foreign_qualification = 'yes' AND recognition_status = 'in_progress' AND "
                "location_text = 'Leeds' AND max_travel_km = 15 AND availability = 'part_time' "
                "AND shifts_ok = 0 AND available_from IS NOT NULL AND right_to_work = 'waiting' "
                "AND looking_for = '[\"job\",\"language_course\"]' AND "
                "intake_completed_at IS NOT NULL") == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM profile_occupations WHERE position = 0 AND free_text = "
                "'electrician' AND years = 12") == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM profile_skills WHERE free_text = 'wiring houses'") == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM profile_languages") == 2);
  CHECK(h.Count("SELECT COUNT(*) FROM profile_languages WHERE language = 'en' AND cefr = 'B1'") ==
        1);
  CHECK(h.Count("SELECT COUNT(*) FROM dialog_actions WHERE name = 'recognition_route'") == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM dialog_actions WHERE name = 'find_matches' AND status = "
                "'pending'") == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM dialog_sessions WHERE flow = 'menu'") == 1);
}

TEST_CASE("Asking for a person opens one handoff, however often asked", "[bot][dialogs]") {
  Host h;
  h.Say("farah", "hi");
  h.Say("farah", "human");
  h.Say("farah", "talk to a person");
  CHECK(h.Count("SELECT COUNT(*) FROM handoffs WHERE status = 'open' AND reason = "
                "'requested'") == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM journey_events WHERE step = 'handoff_opened'") == 1);
}

TEST_CASE("Stop opts out until start, and the answer to stop is still sent", "[bot][dialogs]") {
  Host h;
  h.Say("gul", "hi");
  h.Say("gul", "stop");
  CHECK(h.Count("SELECT COUNT(*) FROM contacts WHERE status = 'opted_out'") == 1);
  // The confirmation answers the person's message: the dispatcher may send it.
  std::vector<OutboxRow> due;
  REQUIRE(h.db->Read([&](SQLite::Database& c) {
    due = DueOutbox(c, ToUnixMillis(h.clock.Now()) + 1, 100, {"telegram"});
  }));
  REQUIRE_FALSE(due.empty());
  CHECK(due.front().is_reply);
  h.Say("gul", "start");
  CHECK(h.Count("SELECT COUNT(*) FROM contacts WHERE status = 'active'") == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM journey_events WHERE step IN ('opted_out', "
                "'opted_in')") == 2);
}

TEST_CASE("Deleting my data removes the profile and message texts, keeps the figures",
          "[bot][dialogs]") {
  Host h;
  for (const char* text : {"hi", "yes", "yes", "I was a teacher in Kabul", "8"}) h.Say("hamid", text);
  REQUIRE(h.Count("SELECT COUNT(*) FROM profiles") == 1);
  h.Say("hamid", "skip");
  h.Say("hamid", "delete");
  h.Say("hamid", "yes");
  CHECK(h.Count("SELECT COUNT(*) FROM contacts WHERE status = 'erased' AND display_name IS "
                "NULL") == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM dialog_sessions") == 0);
  CHECK(h.Count("SELECT COUNT(*) FROM inbox WHERE payload LIKE '%teacher%'") == 0);
  CHECK(h.Count("SELECT COUNT(*) FROM outbox WHERE payload LIKE '%teacher%' AND status = "
                "'sent'") == 0);
  CHECK(h.Count("SELECT COUNT(*) FROM consents WHERE granted = 0") == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM journey_events WHERE step = 'data_erased'") == 1);
  CHECK_THAT(h.Texts("hamid").back(), Catch::Contains("Your data is being deleted"));
  // Writing again is a new start.
  h.Say("hamid", "hello");
  CHECK(h.Count("SELECT COUNT(*) FROM contacts WHERE status = 'active'") == 1);
  CHECK_THAT(h.Texts("hamid").back(), Catch::Contains("Shall we write in English?"));
}

TEST_CASE("A photo mid-intake is explained and the question asked again", "[bot][dialogs]") {
  Host h;
  for (const char* text : {"hi", "yes", "yes"}) h.Say("ines", text);
  InboundMessage photo = h.Message("ines", "");
  photo.kind = InboundKind::kMedia;
  photo.media_kind = "photo";
  h.Send({photo});
  auto texts = h.Texts("ines");
  CHECK_THAT(texts[texts.size() - 2], Catch::Contains("Thank you for the photo"));
  CHECK_THAT(texts.back(), Catch::Contains("What work did you do before?"));
}

TEST_CASE("The timer reminds once after a day and expires after a week, and an answer wins",
          "[bot][dialogs]") {
  Host h;
  DialogTimer timer(*h.db, h.handler, h.clock, nullptr);
  for (const char* text : {"hi", "yes", "yes"}) h.Say("jana", text);
  const size_t before = h.Texts("jana").size();
  CHECK(timer.RunOnce() == 0);
  h.clock.Advance(hours(23));
  CHECK(timer.RunOnce() == 0);
  h.clock.Advance(hours(2));
  CHECK(timer.RunOnce() == 1);
  auto texts = h.Texts("jana");
  REQUIRE(texts.size() == before + 2);
  CHECK_THAT(texts[before], Catch::Contains("We did not finish yet"));
  CHECK(h.Count("SELECT COUNT(*) FROM outbox WHERE inbox_id IS NULL") == 2);  // not replies
  CHECK(h.Count("SELECT COUNT(*) FROM dialog_sessions WHERE reminder_sent_at IS NOT NULL") == 1);
  h.clock.Advance(hours(1));
  CHECK(timer.RunOnce() == 0);  // once only

  // A session written after the timer read it is not overwritten.
  json session;
  int64_t read_at = 0;
  REQUIRE(h.db->Read([&](SQLite::Database& c) {
    auto due = DueSessions(c, ToUnixMillis(h.clock.Now()) + 8 * 24 * 3600 * 1000LL,
                           Engine::kReminderAfterMs, 10);
    REQUIRE(due.size() == 1);
    session = due[0].session;
    read_at = due[0].updated_at;
  }));
  h.clock.Advance(hours(1));
  h.Say("jana", "plumber");
  bool replaced = true;
  REQUIRE(h.db->Write([&](SQLite::Database& c) {
    replaced = SaveSession(c, 1, session, ToUnixMillis(h.clock.Now()), read_at);
  }));
  CHECK_FALSE(replaced);
  CHECK(h.Count("SELECT COUNT(*) FROM dialog_sessions WHERE node = 'years'") == 1);

  h.clock.Advance(hours(7 * 24));
  CHECK(timer.RunOnce() == 1);
  CHECK(h.Count("SELECT COUNT(*) FROM dialog_sessions WHERE status = 'expired'") == 1);
}

}  // namespace
}  // namespace workmatch
