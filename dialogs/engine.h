// The dialog engine: a pure function from (flows, session, input, context) to
// (new session, effects). No I/O, no clock, no globals: the host stores the
// session (a JSON value), passes the time in the context, and carries out the
// effects in one transaction (ARCHITECTURE.md).
//
// Session JSON: {"flow", "node", "entered_at_ms", "status" (active | waiting |
// ended | expired | failed), "vars", "stack" (calls to return from), "retries",
// "reminded", "history" (questions answered, for "back"), "pending" (an
// occupation to confirm)}. "node" and "entered_at_ms" say where the person is
// and since when, for the funnel. An ended, expired or failed session starts
// again at the entry flow with its answers kept (the welcome flow sends a
// known person to the menu); an end node with "reset" forgets them.
//
// Languages: the variable "locale" (set by a language question) overrides the
// context's locale; "second_locale" (a menu setting; "" for off) adds every
// message again in that language under the first, separated by a line.
//
// Global commands (dialogs/commands.h) work whenever a message arrives:
// "start" begins again (with a referral code from "/start CODE"), "menu" goes
// to the menu flow, "back" re-asks the previous question, and help, human,
// language, stop and delete call the flows of those names ("delete" calls
// "erase"), which return to the waiting question when they end.
//
// Execution is bounded: more than kMaxSteps nodes in one step (a loop in a
// flow) fails the session cleanly with an apology instead of hanging.
#ifndef WORKMATCH_DIALOGS_ENGINE_H_
#define WORKMATCH_DIALOGS_ENGINE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/directory.h"
#include "core/messaging/messages.h"
#include "core/text/catalog.h"
#include "dialogs/commands.h"
#include "dialogs/flow.h"
#include "dialogs/taxonomy_lookup.h"

namespace workmatch {

struct DialogInput {
  enum class Kind {
    kStart,   // the person opened the chat (first contact, /start, back after a break)
    kAnswer,  // a message: text, a pressed choice, a location
    kTimer,   // the host's periodic check: reminders and expiry
    kRepeat,  // something that answers nothing (a photo): the waiting question again
  };
  Kind kind = Kind::kAnswer;
  std::string text;
  std::optional<std::string> choice_id;
  std::optional<Coordinates> location;
};

struct DialogContext {
  int64_t now_ms = 0;
  std::string locale = "en";           // the contact's language or the platform's hint
  std::string entry_flow = "welcome";  // where a new session starts
  std::string second_locale;           // shown under each message; "" for none
  const TaxonomyLookup* taxonomy = nullptr;
};

struct DialogAction {
  std::string name;  // "find_matches", "search_services", "request_mentor", ...
  nlohmann::json args = nlohmann::json::object();
};

struct DialogEffects {
  std::vector<OutboundMessage> messages;
  nlohmann::json profile = nlohmann::json::object();  // fields to change
  std::vector<std::string> journey;                   // steps reached
  std::vector<DialogAction> actions;
  std::optional<std::string> handoff;  // reason, when a person is needed
};

struct StepResult {
  nlohmann::json session;
  DialogEffects effects;
};

class Engine {
 public:
  static constexpr int kMaxSteps = 100;
  static constexpr int64_t kReminderAfterMs = 24LL * 3600 * 1000;
  static constexpr int64_t kExpireAfterMs = 7LL * 24 * 3600 * 1000;
  // After a break this long, an answer that does not fit is met with "welcome
  // back" and the question again, not with "I did not understand".
  static constexpr int64_t kBreakAfterMs = 12LL * 3600 * 1000;
  static constexpr size_t kHistory = 30;          // questions "back" can return to
  static constexpr size_t kOccupationChoices = 3;  // candidates offered to confirm
  static constexpr size_t kSkillChoices = 8;
  static constexpr size_t kSkillsNamed = 3;  // skills linked from the person's own words, at most

  // Both must outlive the engine.
  Engine(const FlowSet& flows, const Catalog& catalog)
      : flows_(flows), catalog_(catalog), commands_(catalog) {}

  StepResult Step(const nlohmann::json& session, const DialogInput& input,
                  const DialogContext& context) const;

 private:
  const FlowSet& flows_;
  const Catalog& catalog_;
  CommandWords commands_;
};

}  // namespace workmatch

#endif  // WORKMATCH_DIALOGS_ENGINE_H_
