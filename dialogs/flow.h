// Flows: conversations as data (dialogs/flows/*.json), loaded and checked.
//
// A flow file:
//   {"flow": "welcome", "version": 1, "start": "language",
//    "nodes": {"language": {"kind": "ask", ...}, ...}}
// Node kinds and their fields (anything else is refused):
//   say    text, args?, next
//   ask    text, args?, answer {type, choices?, min?, max?}, save?, next,
//          retry?, max_retries?, skippable?
//   set    vars?, profile?, journey?, next
//   branch cases [{if {var, equals? | is_set?}, next}], else
//   action action, args?, next
//   goto   flow                      (continue in another flow's start)
//   call   flow, next                (run another flow, then come back to next)
//   end
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
  nlohmann::json vars = nlohmann::json::object();
  nlohmann::json profile = nlohmann::json::object();
  std::string journey;
  std::vector<BranchCase> cases;
  std::string otherwise;  // branch "else"
  std::string action;
  std::string flow;  // goto / call target
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
