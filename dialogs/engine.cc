#include "dialogs/engine.h"

#include <algorithm>
#include <regex>

#include "core/text/normalize.h"
#include "core/vocabulary.h"
#include "dialogs/answer_matcher.h"

namespace workmatch {
namespace {

using nlohmann::json;

// English names of the product's languages, so that "Arabic" is understood
// whatever language the person is using.
const std::map<std::string, std::string> kEnglishLanguageNames = {
    {"en", "English"},  {"ar", "Arabic"},   {"fa", "Dari Farsi Persian"},
    {"ps", "Pashto"},   {"uk", "Ukrainian"}, {"ru", "Russian"},
    {"ti", "Tigrinya"}, {"so", "Somali"},   {"tr", "Turkish"},
    {"fr", "French"},   {"es", "Spanish"},  {"ro", "Romanian"},
    {"fi", "Finnish"},  {"de", "German"}};

// The flows that global commands call.
const std::map<std::string, std::string> kCommandFlows = {
    {"help", "help"}, {"human", "human"}, {"language", "language"},
    {"stop", "stop"}, {"delete", "erase"}};

// One possible answer to a question, as shown and as understood.
struct Option {
  std::string id;
  std::string label;                // shown, in the person's language
  std::vector<std::string> aliases;  // also understood (English, codes)
  json value;                       // what the answer stores
};

// One run of the engine over a session: walks nodes and collects effects.
class Run {
 public:
  Run(const FlowSet& flows, const Catalog& catalog, const CommandWords& commands,
      const DialogContext& ctx, json session)
      : flows_(flows), catalog_(catalog), commands_(commands), ctx_(ctx), s_(std::move(session)) {}

  StepResult Step(const DialogInput& input) {
    const std::string status = s_.is_object() ? s_.value("status", "") : "";
    const bool fresh = !s_.is_object() || !s_.contains("flow") || status == "ended" ||
                       status == "expired" || status == "failed";
    if (input.kind == DialogInput::Kind::kTimer) {
      if (!fresh && status == "waiting") Timer();
      return Done();
    }
    if (input.kind == DialogInput::Kind::kRepeat) {
      if (const Node* n = Current(); n && !fresh && status == "waiting") Ask(*n);
      return Done();
    }
    std::optional<Command> command;
    if (input.kind == DialogInput::Kind::kAnswer && !input.choice_id) {
      command = commands_.Recognize(input.text, Locale());
    }
    if (fresh || (command && command->name == "start")) {
      Restart(input, command);
      return Done();
    }
    if (command && RunCommand(*command)) return Done();
    if (!Current()) {
      // The flows changed under a stored session (a new version removed its
      // node): begin again at the entry flow, answers kept, rather than fail.
      Restart(DialogInput{DialogInput::Kind::kStart, "", {}, {}}, std::nullopt);
      return Done();
    }
    if (input.kind == DialogInput::Kind::kStart) {
      // Back after a break: say so and ask the waiting question again.
      Say("dialog.welcome_back", json::object());
      if (const Node* n = Current()) Ask(*n);
      return Done();
    }
    if (s_.value("status", "") == "waiting") {
      Answer(*Current(), input);
    } else {
      Walk();
    }
    return Done();
  }

 private:
  // --- session state ------------------------------------------------------

  std::string Start(const std::string& flow) const {
    const Flow* f = flows_.Find(flow);
    return f ? f->start : "";
  }
  const Node* Current() const { return flows_.Find(s_.value("flow", ""), s_.value("node", "")); }
  json& Vars() { return s_["vars"]; }
  const json& Var(const std::string& name) const {
    static const json kNull;
    if (!s_.is_object() || !s_.contains("vars")) return kNull;
    const json& vars = s_["vars"];
    return vars.is_object() && vars.contains(name) ? vars[name] : kNull;
  }
  void Enter(const std::string& flow, const std::string& node) {
    s_["flow"] = flow;
    s_["node"] = node;
    s_["entered_at_ms"] = ctx_.now_ms;
    s_["status"] = "active";
    s_["retries"] = 0;
    s_["reminded"] = false;
    s_.erase("pending");
  }
  void Go(const std::string& node) { Enter(s_.value("flow", ""), node); }
  void Fail() {
    s_["status"] = "failed";
    fx_.messages.clear();
    Say("dialog.error", json::object());
    fx_.handoff = "engine_error";
  }

  // A new conversation, or "start" again: answers are kept, the place is not.
  void Restart(const DialogInput& input, const std::optional<Command>& command) {
    // A session whose node is gone counts as known: its answers are kept.
    json vars = s_.is_object() && s_.contains("vars") && s_["vars"].is_object() ? s_["vars"]
                                                                                 : json::object();
    const bool known = s_.is_object() && s_.contains("flow");
    s_ = json{{"vars", vars}, {"stack", json::array()}, {"history", json::array()}};
    if (command && command->name == "start") {
      if (known) fx_.actions.push_back({"opt_in", json::object()});
      if (!command->payload.empty()) {
        fx_.actions.push_back({"referral", {{"code", command->payload}}});
      }
    } else if (!known && input.kind == DialogInput::Kind::kAnswer && !input.text.empty()) {
      // A first message may carry a referral code (a WhatsApp link's prefilled text).
      fx_.actions.push_back({"referral", {{"text", input.text}}});
    }
    Enter(ctx_.entry_flow, Start(ctx_.entry_flow));
    Walk();
  }

  // True when the command was carried out; false when this flow set lacks it.
  bool RunCommand(const Command& c) {
    if (c.name == "menu") {
      if (!flows_.Find("menu")) return false;
      s_["stack"] = json::array();
      Enter("menu", Start("menu"));
      Walk();
      return true;
    }
    if (c.name == "back") {
      json& history = s_["history"];
      if (!history.is_array() || history.empty()) {
        Say("dialog.back_none", json::object());
        if (const Node* n = Current(); n && s_.value("status", "") == "waiting") Ask(*n);
        return true;
      }
      json to = history.back();
      history.erase(history.size() - 1);
      s_["stack"] = to.value("stack", json::array());
      Enter(to.value("flow", ""), to.value("node", ""));
      Walk();
      return true;
    }
    auto flow = kCommandFlows.find(c.name);
    if (flow == kCommandFlows.end() || !flows_.Find(flow->second)) return false;
    if (s_.value("status", "") == "waiting") {
      // Come back to the waiting question afterwards.
      s_["stack"].push_back({{"flow", s_["flow"]}, {"next", s_["node"]}});
    }
    Enter(flow->second, Start(flow->second));
    Walk();
    return true;
  }

  // --- texts --------------------------------------------------------------

  std::string Locale() const {
    const json& v = Var("locale");
    if (v.is_string() && catalog_.HasLocale(v.get<std::string>())) return v.get<std::string>();
    return ctx_.locale;
  }
  std::string SecondLocale() const {
    const json& v = Var("second_locale");
    std::string second = v.is_string() ? v.get<std::string>() : ctx_.second_locale;
    if (second.empty() || second == Locale() || !catalog_.HasLocale(second)) return "";
    return second;
  }

  // A value, or "$name" for a session variable ("$_locale_name": the language's name).
  json Resolve(const json& v) const {
    if (v.is_object() || v.is_array()) {
      json out = v;
      for (auto& [k, e] : out.items()) e = Resolve(e);
      return out;
    }
    if (!v.is_string()) return v;
    const std::string s = v.get<std::string>();
    if (s.size() < 2 || s[0] != '$') return v;
    if (s == "$_locale") return Locale();
    if (s == "$_locale_name") return catalog_.LanguageName(Locale());
    if (s.size() > 10 && s.ends_with(":language")) {  // "$code:language": the language's name
      const json& code = Var(s.substr(1, s.size() - 10));
      return code.is_string() ? json(catalog_.LanguageName(code.get<std::string>())) : json();
    }
    return Var(s.substr(1));
  }
  // How a stored answer reads inside a sentence: a concept by its label, the
  // person's own words as written, a language with its level, a list joined.
  std::string Display(const json& v) const {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object()) {
      if (v.contains("label") && v["label"].is_string()) return v["label"].get<std::string>();
      if (v.contains("text") && v["text"].is_string()) return v["text"].get<std::string>();
      if (v.contains("language") && v["language"].is_string()) {
        std::string out = catalog_.LanguageName(v["language"].get<std::string>());
        if (v.contains("cefr") && v["cefr"].is_string()) {
          out += " (" + catalog_.Format(Locale(), "dialog.level." + v["cefr"].get<std::string>()) + ")";
        }
        return out;
      }
      if (v.contains("lat")) return catalog_.Format(Locale(), "dialog.shared_location");
      return "";
    }
    if (v.is_array()) {
      std::string out;
      for (const json& e : v) {
        std::string d = Display(e);
        if (d.empty()) continue;
        if (!out.empty()) out += ", ";
        out += d;
      }
      return out.empty() ? "–" : out;
    }
    if (v.is_boolean()) return catalog_.Format(Locale(), v.get<bool>() ? "dialog.yes" : "dialog.no");
    return v.is_null() ? "–" : v.dump();
  }
  MessageArgs Args(const json& args) const {
    MessageArgs out;
    for (const auto& [name, raw] : args.items()) {
      json v = Resolve(raw);
      if (v.is_number_integer())
        out.emplace_back(name, v.get<int64_t>());
      else if (v.is_number())
        out.emplace_back(name, v.get<double>());
      else
        out.emplace_back(name, Display(v));
    }
    return out;
  }
  // The message in the person's language, and under it in the second language.
  std::string Text(const std::string& key, const json& args,
                   const std::string& prefix_key = "", const json& prefix_args = {}) const {
    auto one = [&](const std::string& locale) {
      std::string t = catalog_.Format(locale, key, Args(args));
      if (!prefix_key.empty()) t = catalog_.Format(locale, prefix_key, Args(prefix_args)) + "\n" + t;
      return t;
    };
    std::string text = one(Locale());
    if (std::string second = SecondLocale(); !second.empty()) text += "\n\n― ― ―\n" + one(second);
    return text;
  }
  void Say(const std::string& key, const json& args) {
    OutboundMessage m;
    m.text = Text(key, args);
    fx_.messages.push_back(std::move(m));
  }

  // --- questions ----------------------------------------------------------

  std::vector<Option> Options(const Node& n) const {
    std::vector<Option> out;
    const std::string locale = Locale();
    if (s_.contains("pending")) {
      // Confirming an occupation: the candidates, then "other" (keeps the words).
      const json& p = s_["pending"];
      int i = 0;
      for (const json& c : p["candidates"]) {
        out.push_back({"c" + std::to_string(i++), c["label"], {}, c});
      }
      out.push_back({"other", catalog_.Format(locale, "dialog.occupation_other"),
                     {catalog_.Format("en", "dialog.occupation_other")},
                     json{{"text", p["text"]}}});
      return out;
    }
    const std::string& type = n.answer.type;
    if (type == "yes_no") {
      for (bool yes : {true, false}) {
        const std::string key = yes ? "dialog.yes" : "dialog.no";
        out.push_back({yes ? "yes" : "no", catalog_.Format(locale, key),
                       {catalog_.Format("en", key)}, json(yes)});
      }
    } else if (type == "language") {
      for (const std::string& code : catalog_.Locales()) {
        std::vector<std::string> aliases = {code};
        if (auto e = kEnglishLanguageNames.find(code); e != kEnglishLanguageNames.end()) {
          aliases.push_back(e->second);
        }
        out.push_back({code, catalog_.LanguageName(code), aliases, json(code)});
      }
    } else if (type == "skills") {
      const json occupation = n.args.contains("occupation") ? Resolve(n.args["occupation"]) : json();
      if (ctx_.taxonomy && occupation.is_object() && occupation.contains("uri")) {
        int i = 0;
        for (const ConceptLabel& c : ctx_.taxonomy->OccupationSkills(
                 occupation["uri"].get<std::string>(), locale, Engine::kSkillChoices)) {
          out.push_back({"s" + std::to_string(i++), c.label, {}, {{"uri", c.uri}, {"label", c.label}}});
        }
      }
    } else {
      for (const FlowChoice& c : n.answer.choices) {
        out.push_back({c.id, catalog_.Format(locale, c.label), {catalog_.Format("en", c.label), c.id},
                       json(c.id)});
      }
    }
    if (n.skippable) {
      out.push_back({"skip", catalog_.Format(locale, "dialog.skip"),
                     {catalog_.Format("en", "dialog.skip")}, json()});
    }
    return out;
  }

  void Ask(const Node& n) {
    OutboundMessage m;
    std::vector<Option> options = Options(n);
    if (s_.contains("pending")) {
      m.text = Text("dialog.occupation_confirm", {{"text", s_["pending"]["text"]}});
    } else if (n.progress_of > 0) {
      m.text = Text(n.text, n.args, "dialog.progress",
                    {{"step", n.progress_step}, {"of", n.progress_of}});
    } else {
      m.text = Text(n.text, n.args);
    }
    if (n.answer.type == "skills" && !s_.contains("pending")) {
      // Several may be chosen: the skills are listed in the text, to answer with numbers.
      int i = 1;
      for (const Option& o : options) {
        if (o.id == "skip") continue;
        if (i == 1) m.text += "\n\n" + catalog_.Format(Locale(), "dialog.skills_list");
        m.text += "\n" + std::to_string(i++) + ". " + o.label;
      }
      options.erase(std::remove_if(options.begin(), options.end(),
                                   [](const Option& o) { return o.id != "skip"; }),
                    options.end());
    }
    for (const Option& o : options) m.choices.push_back({o.id, o.label});
    if (n.answer.type == "location" && !s_.contains("pending")) {
      m.request_location = true;
      m.location_button = catalog_.Format(Locale(), "dialog.share_location");
    }
    if (!m.choices.empty()) {
      m.fallback_hint = catalog_.Format(Locale(), "choices.fallback", {{"example", int64_t{1}}});
      if (m.choices.size() > 3) {
        m.as_list = true;
        m.list_button = catalog_.Format(Locale(), "dialog.choose");
      }
    }
    fx_.messages.push_back(std::move(m));
    s_["status"] = "waiting";
  }

  static std::vector<ChoiceLabels> Labels(const std::vector<Option>& options) {
    std::vector<ChoiceLabels> out;
    for (const Option& o : options) {
      std::vector<std::string> labels = {o.label};
      labels.insert(labels.end(), o.aliases.begin(), o.aliases.end());
      out.push_back({o.id, labels});
    }
    return out;
  }
  static std::optional<size_t> Pick(const std::vector<Option>& options, const DialogInput& in) {
    if (in.choice_id) {
      for (size_t k = 0; k < options.size(); ++k) {
        if (options[k].id == *in.choice_id) return k;
      }
    }
    return MatchChoice(in.text, Labels(options));
  }
  // The parts of an answer that lists several things: "1, 3 and 5", "1 3 5".
  static std::vector<std::string> Parts(std::string text) {
    for (size_t at; (at = text.find("\u060C")) != std::string::npos;) {
      text.replace(at, 2, ",");  // the Arabic comma
    }
    std::vector<std::string> out;
    std::string part;
    for (char c : text + ",") {
      if (c == ',' || c == ';' || c == '\n' || c == ' ') {
        if (!part.empty()) out.push_back(part);
        part.clear();
      } else {
        part += c;
      }
    }
    return out;
  }

  // The value an answer gives, or nullopt when it does not fit the question.
  std::optional<json> Understand(const Node& n, const DialogInput& in) const {
    const std::vector<Option> options = Options(n);
    auto skip = std::find_if(options.begin(), options.end(),
                             [](const Option& o) { return o.id == "skip"; });
    if (skip != options.end()) {
      // "skip" by its button or its word, in the person's language or English.
      if ((in.choice_id && *in.choice_id == "skip") ||
          (!in.choice_id && !ParseWholeNumber(in.text) && Pick({*skip}, in))) {
        return json();
      }
    }
    if (s_.contains("pending")) {
      auto i = Pick(options, in);
      if (!i) return std::nullopt;
      return options[*i].value;
    }
    const std::string& type = n.answer.type;
    if (type == "choice" || type == "yes_no" || type == "language") {
      auto i = Pick(options, in);
      if (!i) return std::nullopt;
      return options[*i].value;
    }
    if (type == "cefr") {
      std::string f = FoldForMatching(in.choice_id ? *in.choice_id : in.text);
      for (char& c : f) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (CefrRank(f)) return json(f);
      auto i = Pick(options, in);
      if (!i) return std::nullopt;
      return options[*i].value;
    }
    if (type == "multi_choice" || type == "skills") {
      json picked = json::array();
      std::string rest;
      if (in.choice_id) {
        if (auto i = Pick(options, in)) picked.push_back(options[*i].value);
      } else {
        std::vector<Option> pickable = options;
        pickable.erase(std::remove_if(pickable.begin(), pickable.end(),
                                      [](const Option& o) { return o.id == "skip"; }),
                       pickable.end());
        for (const std::string& part : Parts(in.text)) {
          auto i = MatchChoice(part, Labels(pickable));
          if (i && std::find(picked.begin(), picked.end(), pickable[*i].value) == picked.end()) {
            picked.push_back(pickable[*i].value);
          } else if (!i) {
            rest += (rest.empty() ? "" : " ") + part;
          }
        }
      }
      if (type == "skills" && !FoldForMatching(rest).empty()) {
        // The person's own words are kept alongside what they picked, with
        // the skills they name when the taxonomy links them.
        std::vector<ConceptLabel> named;
        if (ctx_.taxonomy) named = ctx_.taxonomy->LinkSkills(rest, Locale(), Engine::kSkillsNamed);
        if (named.empty()) {
          picked.push_back(json{{"text", picked.empty() ? in.text : rest}});
        } else {
          for (const ConceptLabel& c : named) {
            picked.push_back(json{{"uri", c.uri}, {"label", c.label}});
          }
          picked.back()["text"] = rest;
        }
      }
      if (picked.empty()) return std::nullopt;
      return picked;
    }
    if (type == "number") {
      auto v = FirstNumber(in.text);
      if (!v || (n.answer.min && *v < *n.answer.min) || (n.answer.max && *v > *n.answer.max)) {
        return std::nullopt;
      }
      return json(*v);
    }
    if (type == "date") return UnderstandDate(in.text);
    if (type == "location") {
      if (in.location) return json{{"lat", in.location->lat}, {"lon", in.location->lon}};
      if (FoldForMatching(in.text).empty()) return std::nullopt;
      return json{{"text", in.text}};
    }
    if (in.choice_id) {
      auto i = Pick(options, in);
      if (i) return options[*i].value;
    }
    if (FoldForMatching(in.text).empty()) return std::nullopt;
    if (type == "occupation") {
      if (ParseWholeNumber(in.text)) return std::nullopt;  // a number is not a job
      return json{{"text", in.text}};
    }
    return json(in.text);  // text
  }

  static std::optional<json> UnderstandDate(const std::string& text) {
    static const std::regex iso(R"((\d{4})-(\d{1,2})-(\d{1,2}))");
    static const std::regex dmy(R"((\d{1,2})[ ./-](\d{1,2})[ ./-](\d{4}))");
    std::string f = FoldForMatching(text);
    std::smatch m;
    int y = 0, mo = 0, d = 0;
    if (std::regex_match(f, m, iso)) {
      y = std::stoi(m[1]), mo = std::stoi(m[2]), d = std::stoi(m[3]);
    } else if (std::regex_match(f, m, dmy)) {
      d = std::stoi(m[1]), mo = std::stoi(m[2]), y = std::stoi(m[3]);
    } else {
      return std::nullopt;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return std::nullopt;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
    return json(buf);
  }

  void Answer(const Node& n, const DialogInput& in) {
    std::optional<json> value = Understand(n, in);
    if (!value) {
      if (ctx_.now_ms - s_.value("entered_at_ms", int64_t{0}) >= Engine::kBreakAfterMs) {
        // Back after a long break with something else on their mind: remind, do not scold.
        Say("dialog.welcome_back", json::object());
        Ask(n);
        return;
      }
      const int retries = s_.value("retries", 0) + 1;
      s_["retries"] = retries;
      if (retries > n.max_retries) {
        fx_.handoff = "retry_limit";
        Say("dialog.offer_human", json::object());
        s_["retries"] = 0;
      } else {
        Say(n.retry.empty() ? "dialog.retry" : n.retry, json::object());
      }
      Ask(n);
      return;
    }
    if (n.answer.type == "occupation" && !s_.contains("pending") && ctx_.taxonomy &&
        value->is_object() && value->contains("text")) {
      // Linked to the taxonomy, then confirmed by the person.
      auto candidates = ctx_.taxonomy->LinkOccupation((*value)["text"].get<std::string>(), Locale(),
                                                      Engine::kOccupationChoices);
      if (!candidates.empty()) {
        json list = json::array();
        for (const ConceptLabel& c : candidates) list.push_back({{"uri", c.uri}, {"label", c.label}});
        s_["pending"] = {{"text", (*value)["text"]}, {"candidates", list}};
        s_["retries"] = 0;
        Ask(n);
        return;
      }
    }
    if (value->is_object() && s_.contains("pending")) (*value)["text"] = s_["pending"]["text"];
    json& history = s_["history"];
    if (!history.is_array()) history = json::array();
    history.push_back({{"flow", s_["flow"]}, {"node", s_["node"]}, {"stack", s_["stack"]}});
    if (history.size() > Engine::kHistory) history.erase(history.begin());
    if (!n.save.empty()) Vars()[n.save] = *value;
    s_["status"] = "active";
    Go(n.next);
    Walk();
  }

  void Timer() {
    const int64_t since = ctx_.now_ms - s_.value("entered_at_ms", int64_t{0});
    if (since >= Engine::kExpireAfterMs) {
      s_["status"] = "expired";
      return;
    }
    if (since >= Engine::kReminderAfterMs && !s_.value("reminded", false)) {
      s_["reminded"] = true;
      Say("dialog.reminder", json::object());
      if (const Node* n = Current()) Ask(*n);
    }
  }

  bool Matches(const BranchCase& c) const {
    const json& v = Var(c.var);
    if (v.is_null()) return false;
    return !c.equals || v == *c.equals;
  }

  void RunSet(const Node& n) {
    for (const auto& [k, v] : n.vars.items()) Vars()[k] = Resolve(v);
    for (const auto& [k, v] : n.append.items()) {
      json& list = Vars()[k];
      if (!list.is_array()) list = json::array();
      list.push_back(Resolve(v));
    }
    for (const auto& [k, v] : n.profile.items()) fx_.profile[k] = Resolve(v);
    if (!n.journey.empty()) fx_.journey.push_back(n.journey);
  }

  void RunAction(const Node& n) {
    json args = json::object();
    for (const auto& [k, v] : n.args.items()) args[k] = Resolve(v);
    if (n.action == "handoff") {
      fx_.handoff = args.value("reason", "requested");
    } else {
      fx_.actions.push_back({n.action, args});
    }
  }

  // Runs nodes until a question waits, the session ends, or the step budget is spent.
  void Walk() {
    for (int steps = 0; steps < Engine::kMaxSteps; ++steps) {
      const Node* n = Current();
      if (!n) {
        Fail();
        return;
      }
      if (n->kind == "say") {
        Say(n->text, n->args);
        Go(n->next);
      } else if (n->kind == "ask") {
        Ask(*n);
        return;
      } else if (n->kind == "set") {
        RunSet(*n);
        Go(n->next);
      } else if (n->kind == "branch") {
        std::string to = n->otherwise;
        for (const BranchCase& c : n->cases) {
          if (Matches(c)) {
            to = c.next;
            break;
          }
        }
        Go(to);
      } else if (n->kind == "action") {
        RunAction(*n);
        Go(n->next);
      } else if (n->kind == "goto") {
        Enter(n->flow, n->flow_node.empty() ? Start(n->flow) : n->flow_node);
      } else if (n->kind == "call") {
        s_["stack"].push_back({{"flow", s_["flow"]}, {"next", n->next}});
        Enter(n->flow, n->flow_node.empty() ? Start(n->flow) : n->flow_node);
      } else if (n->kind == "end") {
        if (n->reset) s_["vars"] = json::object();
        if (n->end_all || n->reset) s_["stack"] = json::array();
        if (!s_["stack"].empty()) {
          json back = s_["stack"].back();
          s_["stack"].erase(s_["stack"].size() - 1);
          Enter(back["flow"], back["next"]);
        } else {
          s_["status"] = "ended";
          if (n->reset) s_["history"] = json::array();
          return;
        }
      }
    }
    Fail();  // a loop in the flows
  }

  StepResult Done() { return {std::move(s_), std::move(fx_)}; }

  const FlowSet& flows_;
  const Catalog& catalog_;
  const CommandWords& commands_;
  const DialogContext& ctx_;
  json s_;
  DialogEffects fx_;
};

}  // namespace

StepResult Engine::Step(const nlohmann::json& session, const DialogInput& input,
                        const DialogContext& context) const {
  return Run(flows_, catalog_, commands_, context, session).Step(input);
}

}  // namespace workmatch
