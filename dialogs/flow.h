// Flows: conversations as data (dialogs/flows/*.json), loaded and checked.
//
// A flow file:
//   {"flow": "welcome", "version": 1, "start": "language",
//    "nodes": {"language": {"kind": "ask", ...}, ...}}
// Node kinds and their fields (anything else is refused):
//   say    text, args?, next
//   ask    text, args?, answer {type, choices?, min?, max?}, save?, next,
//          retry?, max_retries?, skippable?, progress? [step, of]
//   set    vars?, append? {list var: value}, profile?, journey?, next
//   branch cases [{if {var, equals? | is_set?}, next}], else
//   action action, args?, next
//   goto   flow, node?               (continue in another flow, at its start or node)
//   call   flow, node?, next         (run another flow, then come back to next)
//   end    all? (end every flow being called, not just this one),
//          reset? (forget the session's answers too)
//
// Values in args, vars, append and profile are literals or "$name" for a
// session variable; "$_locale_name" is the name of the person's language.
// An action named "handoff" is the handoff effect (args.reason), not an action.
// Answer types: choice, multi_choice, text, number, yes_no, date, location,
// language, occupation, skills, cefr. `text`, `retry` and choice `label`s are
// catalog keys; loading checks that every locale has them.
#ifndef WORKMATCH_DIALOGS_FLOW_H_
#define WORKMATCH_DIALOGS_FLOW_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/text/catalog.h"

namespace workmatch {

struct FlowChoice {
  std::string id;
  std::string label;  // catalog key
};

struct Answer {
  std::string type;
  std::vector<FlowChoice> choices;
  std::optional<int64_t> min, max;
};

struct BranchCase {
  std::string var;
  std::optional<nlohmann::json> equals;  // else: is_set
  std::string next;
};

struct Node {
  std::string id;
  std::string kind;
  std::string text;                                // catalog key (say, ask)
  nlohmann::json args = nlohmann::json::object();  // {"name": "$var" | literal}
  Answer answer;
  std::string save;  // variable the answer goes to
  std::string next;
  std::string retry;  // catalog key; default "dialog.retry"
  int max_retries = 3;
  bool skippable = false;
  int progress_step = 0, progress_of = 0;  // "3 of 9"; 0 when not shown
  nlohmann::json vars = nlohmann::json::object();
  nlohmann::json append = nlohmann::json::object();
  nlohmann::json profile = nlohmann::json::object();
  std::string journey;
  std::vector<BranchCase> cases;
  std::string otherwise;  // branch "else"
  std::string action;
  std::string flow;         // goto / call target
  std::string flow_node;    // where in it; "" for its start
  bool end_all = false;
  bool reset = false;
};

struct Flow {
  std::string name;
  int version = 1;
  std::string start;
  std::map<std::string, Node> nodes;
};

class FlowSet {
 public:
  // Loads and checks flow files ({file name, JSON text}). Error "flow.invalid"
  // names the file, the node and what is wrong, one problem per line.
  static Result<FlowSet> Load(const std::vector<std::pair<std::string, std::string>>& files,
                              const Catalog& catalog);

  const Flow* Find(std::string_view flow) const;
  const Node* Find(std::string_view flow, std::string_view node) const;

 private:
  std::map<std::string, Flow, std::less<>> flows_;
};

}  // namespace workmatch

#endif  // WORKMATCH_DIALOGS_FLOW_H_
