#include "webhooks/whatsapp/webhook_parser.h"

#include <array>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "webhooks/json_fields.h"

namespace workmatch {
namespace {

using nlohmann::json;

struct Malformed {
  std::string what;
};

constexpr auto Str = StringField;
constexpr auto OptStr = OptionalStringField;

// Meta sends Unix seconds as a string.
int64_t Millis(const json& j) {
  std::string s = Str(j, "timestamp");
  int64_t secs = 0;
  std::from_chars(s.data(), s.data() + s.size(), secs);
  return secs * 1000;
}

struct Person {
  std::optional<std::string> name;
  std::optional<std::string> country;
};

// contacts[] by wa_id and by user_id (BSUID).
std::map<std::string, Person> People(const json& value) {
  std::map<std::string, Person> people;
  if (!value.contains("contacts") || !value["contacts"].is_array()) return people;
  for (const json& c : value["contacts"]) {
    Person p;
    if (c.contains("profile")) {
      p.name = OptStr(c["profile"], "name");
      p.country = OptStr(c["profile"], "country_code");
    }
    for (const char* key : {"wa_id", "user_id"}) {
      std::string id = Str(c, key);
      if (!id.empty()) people[id] = p;
    }
  }
  return people;
}

void ReadMedia(const json& msg, const std::string& type, InboundMessage& m) {
  const json& media = msg.contains(type) ? msg[type] : json::object();
  m.kind = InboundKind::kMedia;
  m.media_kind = type == "image" ? "photo" : type;
  if (type == "audio" && media.value("voice", false)) m.media_kind = "voice";
  m.media_ref = OptStr(media, "id");
  m.text = Str(media, "caption");
}

InboundMessage FromMessage(const json& msg, const std::map<std::string, Person>& people) {
  if (!msg.is_object()) throw Malformed{"a message is not an object"};
  InboundMessage m;
  m.channel = "whatsapp";
  m.platform_message_id = Str(msg, "id");
  if (m.platform_message_id.empty()) throw Malformed{"a message has no id"};
  std::string wa_id = Str(msg, "from");
  std::string user_id = Str(msg, "from_user_id");
  m.sender_id = !wa_id.empty() ? wa_id : user_id;
  if (m.sender_id.empty()) throw Malformed{"a message has neither from nor from_user_id"};
  m.chat_id = m.sender_id;
  m.sent_at_ms = Millis(msg);
  for (const std::string& id : {wa_id, user_id}) {
    auto it = people.find(id);
    if (it == people.end()) continue;
    m.display_name = it->second.name;
    break;
  }
  if (!wa_id.empty()) m.language_hint = LanguageFromPhone(wa_id);
  if (msg.contains("context") && msg["context"].is_object())
    m.reply_to = OptStr(msg["context"], "id");
  if (msg.contains("referral") && msg["referral"].is_object()) {
    const json& r = msg["referral"];
    std::string source = Str(r, "source_type");
    std::string id = Str(r, "source_id");
    m.referral = (source.empty() ? std::string("ad") : source) + ":" + id;
  }

  const std::string type = Str(msg, "type");
  if (type == "text") {
    m.kind = InboundKind::kText;
    m.text = msg.contains("text") ? Str(msg["text"], "body") : "";
  } else if (type == "interactive") {
    const json& i = msg.contains("interactive") ? msg["interactive"] : json::object();
    std::string itype = Str(i, "type");
    m.kind = InboundKind::kChoice;
    if (itype == "button_reply" || itype == "list_reply") {
      const json& reply = i.contains(itype) ? i[itype] : json::object();
      m.choice_id = Str(reply, "id");
      m.text = Str(reply, "title");
    } else {
      m.kind = InboundKind::kUnsupported;  // nfm_reply (Flows) and later kinds
    }
  } else if (type == "button") {
    m.kind = InboundKind::kChoice;
    const json& b = msg.contains("button") ? msg["button"] : json::object();
    m.choice_id = Str(b, "payload");
    m.text = Str(b, "text");
  } else if (type == "location") {
    const json& loc = msg.contains("location") ? msg["location"] : json::object();
    if (!loc.contains("latitude") || !loc["latitude"].is_number() || !loc.contains("longitude") ||
        !loc["longitude"].is_number()) {
      throw Malformed{"a location message needs latitude and longitude"};
    }
    m.kind = InboundKind::kLocation;
    m.location = Coordinates{loc["latitude"].get<double>(), loc["longitude"].get<double>()};
    m.text = Str(loc, "name");
  } else if (type == "image" || type == "video" || type == "audio" || type == "document" ||
             type == "sticker") {
    ReadMedia(msg, type, m);
  } else if (type == "reaction") {
    m.kind = InboundKind::kReaction;
    const json& r = msg.contains("reaction") ? msg["reaction"] : json::object();
    m.text = Str(r, "emoji");
    m.reply_to = OptStr(r, "message_id");
  } else if (type == "contacts") {
    m.kind = InboundKind::kContact;  // someone else's card: never the sender's number
  } else if (type == "system") {
    m.kind = InboundKind::kSystem;
  } else {
    m.kind = InboundKind::kUnsupported;  // "unsupported", "unknown", and types added later
  }
  return m;
}

DeliveryReceipt FromStatus(const json& s) {
  if (!s.is_object()) throw Malformed{"a status is not an object"};
  DeliveryReceipt r;
  r.channel = "whatsapp";
  r.platform_message_id = Str(s, "id");
  r.status = Str(s, "status");
  if (r.platform_message_id.empty() || r.status.empty())
    throw Malformed{"a status needs id and status"};
  r.at_ms = Millis(s);
  if (s.contains("errors") && s["errors"].is_array() && !s["errors"].empty()) {
    const json& e = s["errors"][0];
    if (e.contains("code") && e["code"].is_number_integer()) r.error_code = e["code"].get<int>();
    r.error_title = OptStr(e, "title");
  }
  return r;
}

}  // namespace

std::optional<std::string> LanguageFromPhone(std::string_view wa_id) {
  // Calling codes of the countries most newcomers write from, longest first
  // where codes share a prefix. A hint only: the person's choice wins.
  static const std::array<std::pair<std::string_view, std::string_view>, 33> kCodes = {{
      {"963", "ar"}, {"964", "ar"}, {"962", "ar"}, {"961", "ar"}, {"249", "ar"}, {"218", "ar"},
      {"212", "ar"}, {"213", "ar"}, {"216", "ar"}, {"20", "ar"},  {"970", "ar"}, {"966", "ar"},
      {"93", "fa"},  {"98", "fa"},  {"992", "fa"}, {"380", "uk"}, {"375", "ru"}, {"7", "ru"},
      {"291", "ti"}, {"252", "so"}, {"90", "tr"},  {"33", "fr"},  {"243", "fr"}, {"224", "fr"},
      {"225", "fr"}, {"34", "es"},  {"58", "es"},  {"57", "es"},  {"40", "ro"},  {"373", "ro"},
      {"358", "fi"}, {"49", "de"},  {"43", "de"},
  }};
  for (const auto& [code, lang] : kCodes) {
    if (wa_id.substr(0, code.size()) == code) return std::string(lang);
  }
  return std::nullopt;
}

Result<std::vector<InboundEvent>> ParseWhatsAppWebhook(std::string_view body) {
  json root = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return Error{"whatsapp.malformed", "the body is not JSON"};
  if (!root.is_object() || !root.contains("entry") || !root["entry"].is_array()) {
    return Error{"whatsapp.malformed", "the body has no entry list"};
  }
  try {
    std::vector<InboundEvent> events;
    for (const json& entry : root["entry"]) {
      if (!entry.is_object() || !entry.contains("changes") || !entry["changes"].is_array()) {
        throw Malformed{"an entry has no changes list"};
      }
      for (const json& change : entry["changes"]) {
        if (!change.is_object() || !change.contains("value") || !change["value"].is_object()) {
          throw Malformed{"a change has no value"};
        }
        if (Str(change, "field") != "messages") {
          events.push_back(IgnoredUpdate{"field:" + Str(change, "field").substr(0, 40)});
          continue;
        }
        const json& value = change["value"];
        auto people = People(value);
        if (value.contains("messages") && value["messages"].is_array()) {
          for (const json& msg : value["messages"]) events.push_back(FromMessage(msg, people));
        }
        if (value.contains("statuses") && value["statuses"].is_array()) {
          for (const json& s : value["statuses"]) events.push_back(FromStatus(s));
        }
        if (value.contains("errors") && value["errors"].is_array() && !value["errors"].empty()) {
          events.push_back(IgnoredUpdate{"system_errors"});
        }
      }
    }
    return events;
  } catch (const Malformed& m) {
    return Error{"whatsapp.malformed", m.what};
  } catch (const json::exception& e) {
    return Error{"whatsapp.malformed", e.what()};
  }
}

}  // namespace workmatch
