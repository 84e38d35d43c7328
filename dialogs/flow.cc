#include "dialogs/flow.h"

#include <fmt/format.h>

#include <deque>
#include <set>

#include "core/vocabulary.h"

namespace workmatch {
namespace {

using nlohmann::json;

const std::map<std::string, std::set<std::string>> kFields = {
    {"say", {"kind", "text", "args", "next"}},
    {"ask",
     {"kind", "text", "args", "answer", "save", "next", "retry", "max_retries", "skippable",
      "progress"}},
    {"set", {"kind", "vars", "append", "profile", "journey", "next"}},
    {"branch", {"kind", "cases", "else"}},
    {"action", {"kind", "action", "args", "next"}},
    {"goto", {"kind", "flow", "node"}},
    {"call", {"kind", "flow", "node", "next"}},
    {"end", {"kind", "all", "reset"}},
};
const std::set<std::string> kRequiresNext = {"say", "ask", "set", "action", "call"};
const std::set<std::string> kAnswerTypes = {"choice",     "multi_choice", "text",     "number",
                                            "yes_no",     "date",         "location", "language",
                                            "occupation", "skills",       "cefr"};
const std::set<std::string> kAnswerFields = {"type", "choices", "min", "max"};

class Problems {
 public:
  explicit Problems(std::string file) : file_(std::move(file)) {}
  void Add(const std::string& node, const std::string& what) {
    lines_.push_back(node.empty() ? fmt::format("{}: {}", file_, what)
                                  : fmt::format("{}: node \"{}\": {}", file_, node, what));
  }
  std::vector<std::string>& lines() { return lines_; }

 private:
  std::string file_;
  std::vector<std::string> lines_;
};

std::string Str(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

Node ParseNode(const std::string& id, const json& j, Problems& p) {
  Node n;
  n.id = id;
  if (!j.is_object()) {
    p.Add(id, "is not a JSON object");
    return n;
  }
  n.kind = Str(j, "kind");
  auto fields = kFields.find(n.kind);
  if (fields == kFields.end()) {
    p.Add(id,
          fmt::format("unknown kind \"{}\"; use say, ask, set, branch, action, goto, call or end",
                      n.kind));
    return n;
  }
  for (const auto& [key, value] : j.items()) {
    if (!fields->second.count(key)) {
      p.Add(id, fmt::format("unknown field \"{}\" for a {} node", key, n.kind));
    }
  }
  n.text = Str(j, "text");
  n.next = Str(j, "next");
  n.save = Str(j, "save");
  n.retry = Str(j, "retry");
  n.journey = Str(j, "journey");
  n.action = Str(j, "action");
  n.flow = Str(j, "flow");
  n.flow_node = Str(j, "node");
  n.otherwise = Str(j, "else");
  if (j.contains("args")) n.args = j["args"];
  if (j.contains("vars")) n.vars = j["vars"];
  if (j.contains("profile")) n.profile = j["profile"];
  if (j.contains("append")) n.append = j["append"];
  for (const char* key : {"vars", "append", "profile", "args"}) {
    if (j.contains(key) && !j[key].is_object()) p.Add(id, fmt::format("\"{}\" must be an object", key));
  }
  n.end_all = j.contains("all") && j["all"].is_boolean() && j["all"].get<bool>();
  n.reset = j.contains("reset") && j["reset"].is_boolean() && j["reset"].get<bool>();
  if (j.contains("progress")) {
    const json& pr = j["progress"];
    if (!pr.is_array() || pr.size() != 2 || !pr[0].is_number_integer() ||
        !pr[1].is_number_integer() || pr[0].get<int>() < 1 || pr[0].get<int>() > pr[1].get<int>()) {
      p.Add(id, "progress must be [step, of] with 1 <= step <= of");
    } else {
      n.progress_step = pr[0].get<int>();
      n.progress_of = pr[1].get<int>();
    }
  }
  if (j.contains("skippable"))
    n.skippable = j["skippable"].is_boolean() && j["skippable"].get<bool>();
  if (j.contains("max_retries")) {
    if (!j["max_retries"].is_number_integer() || j["max_retries"].get<int>() < 0 ||
        j["max_retries"].get<int>() > 10) {
      p.Add(id, "max_retries must be a whole number from 0 to 10");
    } else {
      n.max_retries = j["max_retries"].get<int>();
    }
  }
  if (!n.journey.empty() && !IsIn(JourneySteps(), n.journey)) {
    p.Add(id, fmt::format("journey step \"{}\" is not in core/vocabulary.h", n.journey));
  }
  if ((n.kind == "say" || n.kind == "ask") && n.text.empty())
    p.Add(id, "needs \"text\" (a catalog key)");
  if (kRequiresNext.count(n.kind) && n.next.empty()) p.Add(id, "needs \"next\"");
  if ((n.kind == "goto" || n.kind == "call") && n.flow.empty()) p.Add(id, "needs \"flow\"");
  if (n.kind == "action" && n.action.empty()) p.Add(id, "needs \"action\" (a name the host knows)");
  if (n.kind == "branch") {
    if (!j.contains("cases") || !j["cases"].is_array() || j["cases"].empty()) {
      p.Add(id,
            "needs \"cases\": a list of {\"if\": {\"var\", \"equals\" | \"is_set\"}, \"next\"}");
    } else {
      for (const json& c : j["cases"]) {
        BranchCase bc;
        const json cond = c.is_object() && c.contains("if") ? c["if"] : json();
        bc.var = cond.is_object() ? Str(cond, "var") : "";
        bc.next = c.is_object() ? Str(c, "next") : "";
        if (cond.is_object() && cond.contains("equals")) bc.equals = cond["equals"];
        if (bc.var.empty() || bc.next.empty())
          p.Add(id, "a case needs \"if\": {\"var\"} and \"next\"");
        n.cases.push_back(std::move(bc));
      }
    }
    if (n.otherwise.empty()) p.Add(id, "needs \"else\"");
  }
  if (n.kind == "ask") {
    const json a = j.contains("answer") ? j["answer"] : json();
    if (!a.is_object()) {
      p.Add(id, "needs \"answer\": {\"type\": ...}");
    } else {
      for (const auto& [key, value] : a.items()) {
        if (!kAnswerFields.count(key)) p.Add(id, fmt::format("unknown answer field \"{}\"", key));
      }
      n.answer.type = Str(a, "type");
      if (!kAnswerTypes.count(n.answer.type)) {
        p.Add(id, fmt::format("unknown answer type \"{}\"", n.answer.type));
      }
      if (a.contains("min") && a["min"].is_number_integer()) n.answer.min = a["min"].get<int64_t>();
      if (a.contains("max") && a["max"].is_number_integer()) n.answer.max = a["max"].get<int64_t>();
      std::set<std::string> ids;
      if (a.contains("choices") && a["choices"].is_array()) {
        for (const json& c : a["choices"]) {
          FlowChoice fc{c.is_object() ? Str(c, "id") : "", c.is_object() ? Str(c, "label") : ""};
          if (fc.id.empty() || fc.label.empty()) p.Add(id, "a choice needs \"id\" and \"label\"");
          if (fc.id.size() > 64)
            p.Add(id, fmt::format("choice id \"{}\" is longer than 64 bytes", fc.id));
          if (!ids.insert(fc.id).second)
            p.Add(id, fmt::format("choice id \"{}\" appears twice", fc.id));
          n.answer.choices.push_back(std::move(fc));
        }
      }
      if ((n.answer.type == "choice" || n.answer.type == "multi_choice") &&
          n.answer.choices.empty()) {
        p.Add(id, fmt::format("a {} answer needs \"choices\"", n.answer.type));
      }
    }
  }
  return n;
}

void CheckKey(const std::string& node, const std::string& key, const Catalog& catalog,
              Problems& p) {
  for (const std::string& locale : catalog.Locales()) {
    if (!catalog.Patterns(locale).count(key)) {
      p.Add(node, fmt::format("text \"{}\" has no translation in locale \"{}\"", key, locale));
    }
  }
}

}  // namespace

Result<FlowSet> FlowSet::Load(const std::vector<std::pair<std::string, std::string>>& files,
                              const Catalog& catalog) {
  FlowSet set;
  std::vector<std::string> all;
  std::map<std::string, std::string> file_of;
  for (const auto& [file, text] : files) {
    Problems p(file);
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      p.Add("", "is not a JSON object");
    } else {
      for (const auto& [key, value] : j.items()) {
        if (key != "flow" && key != "version" && key != "start" && key != "nodes") {
          p.Add("", fmt::format("unknown field \"{}\"", key));
        }
      }
      Flow flow;
      flow.name = Str(j, "flow");
      flow.start = Str(j, "start");
      flow.version =
          j.contains("version") && j["version"].is_number_integer() ? j["version"].get<int>() : 0;
      if (flow.name.empty()) p.Add("", "needs \"flow\": its name");
      if (flow.version < 1) p.Add("", "needs \"version\": 1 or more");
      if (!j.contains("nodes") || !j["nodes"].is_object() || j["nodes"].empty()) {
        p.Add("", "needs \"nodes\": an object of nodes by id");
      } else {
        for (const auto& [id, node] : j["nodes"].items()) flow.nodes[id] = ParseNode(id, node, p);
      }
      if (!flow.nodes.empty() && !flow.nodes.count(flow.start)) {
        p.Add("", fmt::format("start \"{}\" is not a node", flow.start));
      }
      if (set.flows_.count(flow.name))
        p.Add("", fmt::format("flow \"{}\" is defined twice", flow.name));
      file_of[flow.name] = file;
      set.flows_[flow.name] = std::move(flow);
    }
    all.insert(all.end(), p.lines().begin(), p.lines().end());
  }
  // Nodes other flows enter directly (goto / call with "node") are starts too.
  std::map<std::string, std::vector<std::string>> entries;
  for (const auto& [name, flow] : set.flows_) {
    for (const auto& [id, n] : flow.nodes) {
      if (!n.flow_node.empty()) entries[n.flow].push_back(n.flow_node);
    }
  }
  // Links, reachability and texts, once every flow is known.
  for (const auto& [name, flow] : set.flows_) {
    Problems p(file_of[name]);
    auto link = [&](const Node& n, const char* what, const std::string& to) {
      if (!to.empty() && !flow.nodes.count(to)) {
        p.Add(n.id, fmt::format("\"{}\" goes to \"{}\", which is not a node of flow \"{}\"", what,
                                to, name));
      }
    };
    for (const auto& [id, n] : flow.nodes) {
      link(n, "next", n.next);
      link(n, "else", n.otherwise);
      for (const BranchCase& c : n.cases) link(n, "cases.next", c.next);
      if (!n.flow.empty() && !set.flows_.count(n.flow)) {
        p.Add(id, fmt::format("flow \"{}\" does not exist", n.flow));
      } else if (!n.flow_node.empty() && !set.flows_.at(n.flow).nodes.count(n.flow_node)) {
        p.Add(id, fmt::format("node \"{}\" is not a node of flow \"{}\"", n.flow_node, n.flow));
      }
      if (!n.text.empty()) CheckKey(id, n.text, catalog, p);
      if (n.kind == "ask") CheckKey(id, n.retry.empty() ? "dialog.retry" : n.retry, catalog, p);
      for (const FlowChoice& c : n.answer.choices) {
        if (!c.label.empty()) CheckKey(id, c.label, catalog, p);
      }
    }
    std::set<std::string> seen;
    std::deque<std::string> todo;
    if (flow.nodes.count(flow.start)) todo.push_back(flow.start);
    for (const std::string& entry : entries[name]) todo.push_back(entry);
    while (!todo.empty()) {
      std::string id = todo.front();
      todo.pop_front();
      if (!seen.insert(id).second || !flow.nodes.count(id)) continue;
      const Node& n = flow.nodes.at(id);
      for (const std::string& to : {n.next, n.otherwise}) {
        if (!to.empty()) todo.push_back(to);
      }
      for (const BranchCase& c : n.cases) todo.push_back(c.next);
    }
    for (const auto& [id, n] : flow.nodes) {
      if (!seen.count(id)) p.Add(id, "cannot be reached from the start");
    }
    all.insert(all.end(), p.lines().begin(), p.lines().end());
  }
  if (!all.empty()) return Error{"flow.invalid", fmt::format("{}", fmt::join(all, "\n"))};
  return set;
}

const Flow* FlowSet::Find(std::string_view flow) const {
  auto it = flows_.find(flow);
  return it == flows_.end() ? nullptr : &it->second;
}

const Node* FlowSet::Find(std::string_view flow, std::string_view node) const {
  const Flow* f = Find(flow);
  if (!f) return nullptr;
  auto it = f->nodes.find(std::string(node));
  return it == f->nodes.end() ? nullptr : &it->second;
}

}  // namespace workmatch
