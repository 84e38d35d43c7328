#include "dialogs/engine.h"

#include <regex>

#include "core/text/normalize.h"
#include "core/vocabulary.h"
#include "dialogs/answer_matcher.h"

namespace workmatch {
namespace {

using nlohmann::json;

// One run of the engine over a session: walks nodes and collects effects.
class Run {
 public:
  Run(const FlowSet& flows, const Catalog& catalog, const DialogContext& ctx, json session)
      : flows_(flows), catalog_(catalog), ctx_(ctx), s_(std::move(session)) {}

  StepResult Step(const DialogInput& input) {
    const bool fresh = !s_.is_object() || !s_.contains("flow") ||
                       s_.value("status", "") == "ended" || s_.value("status", "") == "expired" ||
                       s_.value("status", "") == "failed";
    if (input.kind == DialogInput::Kind::kTimer) {
      if (!fresh && s_.value("status", "") == "waiting") Timer();
      return Done();
    }
    if (fresh) {
      s_ = json{{"vars", json::object()}, {"stack", json::array()}};
      Enter(ctx_.entry_flow, Start(ctx_.entry_flow));
      Walk();
      return Done();
    }
    if (input.kind == DialogInput::Kind::kStart) {
      // Back after a break: say so and ask the waiting question again.
      Say("dialog.welcome_back", json::object());
      if (const Node* n = Current()) Ask(*n);
      return Done();
    }
    if (s_.value("status", "") == "waiting") {
      if (const Node* n = Current()) Answer(*n, input);
    } else {
      Walk();
    }
    return Done();
  }

 private:
  std::string Start(const std::string& flow) const {
    const Flow* f = flows_.Find(flow);
    return f ? f->start : "";
  }
  const Node* Current() const { return flows_.Find(s_.value("flow", ""), s_.value("node", "")); }
  void Enter(const std::string& flow, const std::string& node) {
    s_["flow"] = flow;
    s_["node"] = node;
    s_["entered_at_ms"] = ctx_.now_ms;
    s_["status"] = "active";
    s_["retries"] = 0;
    s_["reminded"] = false;
  }
  void Fail() {
    s_["status"] = "failed";
    fx_.messages.clear();
    Say("dialog.error", json::object());
    fx_.handoff = "engine_error";
  }

  // A value, or "$name" for a session variable.
  json Resolve(const json& v) const {
    if (v.is_string()) {
      const std::string s = v.get<std::string>();
      if (s.size() > 1 && s[0] == '$') {
        const json& vars = s_["vars"];
        return vars.contains(s.substr(1)) ? vars[s.substr(1)] : json();
      }
    }
    return v;
  }
  MessageArgs Args(const json& args) const {
    MessageArgs out;
    for (const auto& [name, raw] : args.items()) {
      json v = Resolve(raw);
      if (v.is_number_integer())
        out.emplace_back(name, v.get<int64_t>());
      else if (v.is_number())
        out.emplace_back(name, v.get<double>());
      else if (v.is_string())
        out.emplace_back(name, v.get<std::string>());
      else if (v.is_null())
        out.emplace_back(name, std::string());
      else
        out.emplace_back(name, v.dump());
    }
    return out;
  }
  std::string Text(const std::string& key, const json& args) const {
    return catalog_.Format(ctx_.locale, key, Args(args));
  }
  void Say(const std::string& key, const json& args) {
    OutboundMessage m;
    m.text = Text(key, args);
    fx_.messages.push_back(std::move(m));
  }

  std::vector<ChoiceLabels> Labels(const Node& n) const {
    std::vector<ChoiceLabels> out;
    for (const FlowChoice& c : Choices(n)) {
      std::vector<std::string> labels = {catalog_.Format(ctx_.locale, c.label)};
      if (ctx_.locale != "en") labels.push_back(catalog_.Format("en", c.label));
      labels.push_back(c.id);
      out.push_back({c.id, labels});
    }
    return out;
  }
  static std::vector<FlowChoice> Choices(const Node& n) {
    if (n.answer.type == "yes_no") return {{"yes", "dialog.yes"}, {"no", "dialog.no"}};
    return n.answer.choices;
  }

  void Ask(const Node& n) {
    OutboundMessage m;
    m.text = Text(n.text, n.args);
    for (const FlowChoice& c : Choices(n)) {
      m.choices.push_back({c.id, catalog_.Format(ctx_.locale, c.label)});
    }
    if (n.answer.type == "location") m.request_location = true;
    if (!m.choices.empty()) {
      m.fallback_hint = catalog_.Format(ctx_.locale, "choices.fallback", {{"example", int64_t{1}}});
      if (m.choices.size() > 3) {
        m.as_list = true;
        m.list_button = catalog_.Format(ctx_.locale, "dialog.choose");
      }
    }
    fx_.messages.push_back(std::move(m));
    s_["status"] = "waiting";
  }

  // The value an answer gives, or nullopt when it does not fit the question.
  std::optional<json> Understand(const Node& n, const DialogInput& in) const {
    const std::string& type = n.answer.type;
    if (type == "choice" || type == "yes_no") {
      std::optional<size_t> i;
      auto choices = Choices(n);
      for (size_t k = 0; in.choice_id && k < choices.size(); ++k) {
        if (choices[k].id == *in.choice_id) i = k;
      }
      if (!i) i = MatchChoice(in.text, Labels(n));
      if (!i) return std::nullopt;
      if (type == "yes_no") return json(choices[*i].id == "yes");
      return json(choices[*i].id);
    }
    if (type == "multi_choice") {
      json picked = json::array();
      std::string text = in.choice_id ? *in.choice_id : in.text;
      for (const std::string& part : std::vector<std::string>{FoldForMatching(text)}) {
        std::string token;
        std::vector<std::string> tokens;
        for (char c : part + " ") {
          if (c == ' ') {
            if (!token.empty()) tokens.push_back(token);
            token.clear();
          } else {
            token += c;
          }
        }
        for (const std::string& t : tokens) {
          if (auto i = MatchChoice(t, Labels(n))) {
            const std::string id = Choices(n)[*i].id;
            if (std::find(picked.begin(), picked.end(), id) == picked.end()) picked.push_back(id);
          }
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
    if (type == "date") {
      static const std::regex iso(R"((\d{4})-(\d{1,2})-(\d{1,2}))");
      static const std::regex dmy(R"((\d{1,2})[ ./](\d{1,2})[ ./](\d{4}))");
      std::string f = FoldForMatching(in.text);
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
      char buf[11];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
      return json(buf);
    }
    if (type == "location") {
      if (in.location) return json{{"lat", in.location->lat}, {"lon", in.location->lon}};
      if (FoldForMatching(in.text).empty()) return std::nullopt;
      return json{{"text", in.text}};
    }
    if (type == "language") {
      std::vector<ChoiceLabels> languages;
      for (const std::string& code : catalog_.Locales()) {
        languages.push_back({code, {catalog_.LanguageName(code), code}});
      }
      std::optional<size_t> i;
      for (size_t k = 0; in.choice_id && k < languages.size(); ++k) {
        if (languages[k].id == *in.choice_id) i = k;
      }
      if (!i) i = MatchChoice(in.text, languages);
      if (!i) return std::nullopt;
      return json(languages[*i].id);
    }
    if (type == "cefr") {
      std::string f = FoldForMatching(in.choice_id ? *in.choice_id : in.text);
      for (char& c : f) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (CefrRank(f)) return json(f);
      if (auto v = ParseWholeNumber(f); v && *v >= 1 && *v <= 6) {
        return json(std::string(CefrLevels()[static_cast<size_t>(*v - 1)]));
      }
      return std::nullopt;
    }
    // text, occupation, skills: free text (linking to the taxonomy is the host's action).
    if (FoldForMatching(in.text).empty()) return std::nullopt;
    return json(in.text);
  }

  void Answer(const Node& n, const DialogInput& in) {
    std::optional<json> value = Understand(n, in);
    if (!value && n.skippable && in.choice_id && *in.choice_id == "skip") value = json();
    if (!value) {
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
    if (!n.save.empty()) s_["vars"][n.save] = *value;
    s_["status"] = "active";
    Go(n.next);
    Walk();
  }

  void Go(const std::string& node) { Enter(s_.value("flow", ""), node); }

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
    const json& vars = s_["vars"];
    if (!vars.contains(c.var) || vars[c.var].is_null()) return false;
    return !c.equals || vars[c.var] == *c.equals;
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
        for (const auto& [k, v] : n->vars.items()) s_["vars"][k] = Resolve(v);
        for (const auto& [k, v] : n->profile.items()) fx_.profile[k] = Resolve(v);
        if (!n->journey.empty()) fx_.journey.push_back(n->journey);
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
        json args = json::object();
        for (const auto& [k, v] : n->args.items()) args[k] = Resolve(v);
        fx_.actions.push_back({n->action, args});
        Go(n->next);
      } else if (n->kind == "goto") {
        Enter(n->flow, Start(n->flow));
      } else if (n->kind == "call") {
        s_["stack"].push_back({{"flow", s_["flow"]}, {"next", n->next}});
        Enter(n->flow, Start(n->flow));
      } else if (n->kind == "end") {
        if (!s_["stack"].empty()) {
          json back = s_["stack"].back();
          s_["stack"].erase(s_["stack"].size() - 1);
          Enter(back["flow"], back["next"]);
        } else {
          s_["status"] = "ended";
          return;
        }
      }
    }
    Fail();  // a loop in the flows
  }

  StepResult Done() { return {std::move(s_), std::move(fx_)}; }

  const FlowSet& flows_;
  const Catalog& catalog_;
  const DialogContext& ctx_;
  json s_;
  DialogEffects fx_;
};

}  // namespace

StepResult Engine::Step(const nlohmann::json& session, const DialogInput& input,
                        const DialogContext& context) const {
  return Run(flows_, catalog_, context, session).Step(input);
}

}  // namespace workmatch
