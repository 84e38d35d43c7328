// The dialog engine: a pure function from (flows, session, input, context) to
// (new session, effects). No I/O, no clock, no globals: the host stores the
// session (a JSON value), passes the time in the context, and carries out the
// effects in one transaction (ARCHITECTURE.md).
//
// Session JSON: {"flow", "node", "entered_at_ms", "status" (active | waiting |
// ended | expired | failed), "vars", "stack" (calls to return from), "retries",
// "reminded"}. "node" and "entered_at_ms" say where the person is and since
// when, for the funnel.
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
#include "dialogs/flow.h"

namespace workmatch {

struct DialogInput {
  enum class Kind {
    kStart,   // the person opened the chat (first contact, /start, back after a break)
    kAnswer,  // a message: text, a pressed choice, a location
    kTimer,   // the host's periodic check: reminders and expiry
  };
  Kind kind = Kind::kAnswer;
  std::string text;
  std::optional<std::string> choice_id;
  std::optional<Coordinates> location;
};

struct DialogContext {
  int64_t now_ms = 0;
  std::string locale = "en";
  std::string entry_flow = "welcome";  // where a new session starts
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

  // Both must outlive the engine.
  Engine(const FlowSet& flows, const Catalog& catalog) : flows_(flows), catalog_(catalog) {}

  StepResult Step(const nlohmann::json& session, const DialogInput& input,
                  const DialogContext& context) const;

 private:
  const FlowSet& flows_;
  const Catalog& catalog_;
};

}  // namespace workmatch

#endif  // WORKMATCH_DIALOGS_ENGINE_H_
