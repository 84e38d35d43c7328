#include "webhooks/telegram/update_parser.h"

#include <nlohmann/json.hpp>

#include "webhooks/json_fields.h"

namespace workmatch {
namespace {

using nlohmann::json;

struct Malformed {
  std::string what;
};

std::string IdString(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) throw Malformed{std::string(key) + " is missing"};
  const json& v = j[key];
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_string()) return v.get<std::string>();
  throw Malformed{std::string(key) + " is not an id"};
}

constexpr auto Str = StringField;
constexpr auto OptStr = OptionalStringField;

bool IsDeepLinkPayload(std::string_view p) {
  if (p.empty() || p.size() > 64) return false;
  for (char c : p) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// "+44 7700-900123" / "447700900123" -> "+447700900123".
std::string ToE164(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits.empty() ? "" : "+" + digits;
}

std::string DisplayName(const json& from) {
  std::string name = Str(from, "first_name");
  std::string last = Str(from, "last_name");
  if (!last.empty()) name += (name.empty() ? "" : " ") + last;
  return name;
}

// Fills sender, chat and common fields from a Message object.
InboundMessage FromMessage(const json& msg, const std::string& update_id) {
  if (!msg.is_object()) throw Malformed{"message is not an object"};
  if (!msg.contains("chat")) throw Malformed{"message.chat is missing"};
  InboundMessage m;
  m.channel = "telegram";
  m.platform_message_id = update_id;
  m.chat_id = IdString(msg["chat"], "id");
  m.chat_type = Str(msg["chat"], "type");
  if (m.chat_type == "supergroup") m.chat_type = "group";
  if (m.chat_type.empty()) m.chat_type = "private";
  if (msg.contains("from") && msg["from"].is_object()) {
    const json& from = msg["from"];
    m.sender_id = IdString(from, "id");
    m.language_hint = OptStr(from, "language_code");
    std::string name = DisplayName(from);
    if (!name.empty()) m.display_name = name;
  } else if (msg.contains("sender_chat")) {
    m.sender_id = IdString(msg["sender_chat"], "id");
  } else {
    m.sender_id = m.chat_id;
  }
  if (msg.contains("date") && msg["date"].is_number_integer()) {
    m.sent_at_ms = msg["date"].get<int64_t>() * 1000;
  }
  if (msg.contains("reply_to_message") && msg["reply_to_message"].is_object() &&
      msg["reply_to_message"].contains("message_id")) {
    m.reply_to = IdString(msg["reply_to_message"], "message_id");
  }

  if (msg.contains("text") && msg["text"].is_string()) {
    m.kind = InboundKind::kText;
    m.text = msg["text"].get<std::string>();
    bool command_entity = false;
    if (msg.contains("entities") && msg["entities"].is_array()) {
      for (const json& e : msg["entities"]) {
        if (Str(e, "type") == "bot_command" && e.value("offset", -1) == 0) command_entity = true;
      }
    }
    if (command_entity && m.text.size() > 1 && m.text[0] == '/') {
      size_t space = m.text.find(' ');
      std::string word =
          m.text.substr(1, space == std::string::npos ? std::string::npos : space - 1);
      word = word.substr(0, word.find('@'));  // "/close@bot" in groups
      std::string rest = space == std::string::npos ? "" : m.text.substr(space + 1);
      m.command = word;
      m.text = rest;
      if (word == "start" && IsDeepLinkPayload(rest)) m.referral = rest;
    }
  } else if (msg.contains("location") && msg["location"].is_object()) {
    m.kind = InboundKind::kLocation;
    const json& loc = msg["location"];
    if (!loc.contains("latitude") || !loc["latitude"].is_number() || !loc.contains("longitude") ||
        !loc["longitude"].is_number()) {
      throw Malformed{"message.location needs latitude and longitude"};
    }
    m.location = Coordinates{loc["latitude"].get<double>(), loc["longitude"].get<double>()};
  } else if (msg.contains("contact") && msg["contact"].is_object()) {
    m.kind = InboundKind::kContact;
    const json& c = msg["contact"];
    // Only the sender's own contact tells us their number.
    if (c.contains("user_id") && c["user_id"].is_number_integer() &&
        std::to_string(c["user_id"].get<int64_t>()) == m.sender_id) {
      std::string e164 = ToE164(Str(c, "phone_number"));
      if (!e164.empty()) m.contact_phone = e164;
    }
  } else {
    static const std::pair<const char*, const char*> kMedia[] = {
        {"photo", "photo"},     {"voice", "voice"},      {"video_note", "video"},
        {"video", "video"},     {"animation", "video"},  {"audio", "audio"},
        {"sticker", "sticker"}, {"document", "document"}};
    for (const auto& [field, kind] : kMedia) {
      if (!msg.contains(field)) continue;
      m.kind = InboundKind::kMedia;
      m.media_kind = kind;
      const json& media = msg[field];
      const json& one = media.is_array() && !media.empty() ? media.back() : media;  // largest photo
      m.media_ref = OptStr(one, "file_id");
      if (std::string_view(field) == "sticker") m.text = Str(media, "emoji");
      break;
    }
    if (m.kind != InboundKind::kMedia) {
      m.kind = InboundKind::kUnsupported;  // poll, dice, game, venue, ...
    } else if (msg.contains("caption") && msg["caption"].is_string()) {
      m.text = msg["caption"].get<std::string>();
    }
  }
  return m;
}

InboundEvent FromCallback(const json& cb, const std::string& update_id) {
  if (!cb.is_object()) throw Malformed{"callback_query is not an object"};
  InboundMessage m;
  m.channel = "telegram";
  m.platform_message_id = update_id;
  m.kind = InboundKind::kChoice;
  m.callback_id = IdString(cb, "id");
  if (!cb.contains("from")) throw Malformed{"callback_query.from is missing"};
  m.sender_id = IdString(cb["from"], "id");
  m.language_hint = OptStr(cb["from"], "language_code");
  std::string name = DisplayName(cb["from"]);
  if (!name.empty()) m.display_name = name;
  if (cb.contains("message") && cb["message"].is_object() && cb["message"].contains("chat")) {
    m.chat_id = IdString(cb["message"]["chat"], "id");
    m.reply_to = IdString(cb["message"], "message_id");
    std::string type = Str(cb["message"]["chat"], "type");
    m.chat_type = type == "supergroup" ? "group" : (type.empty() ? "private" : type);
  } else {
    m.chat_id = m.sender_id;  // a button on an inline-mode message: answer privately
  }
  m.choice_id = Str(cb, "data");
  return m;
}

InboundEvent FromChatMember(const json& update) {
  if (!update.is_object() || !update.contains("chat") || !update.contains("new_chat_member")) {
    throw Malformed{"my_chat_member needs chat and new_chat_member"};
  }
  std::string chat_type = Str(update["chat"], "type");
  if (chat_type != "private") return IgnoredUpdate{"my_chat_member_in_group"};
  std::string status = Str(update["new_chat_member"], "status");
  ReachabilityChange r;
  r.channel = "telegram";
  r.sender_id = IdString(update["chat"], "id");
  if (status == "kicked") {
    r.reachable = false;
  } else if (status == "member") {
    r.reachable = true;
  } else {
    return IgnoredUpdate{"my_chat_member_" + status};
  }
  return r;
}

}  // namespace

Result<std::vector<InboundEvent>> ParseTelegramUpdate(std::string_view body) {
  json update = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (update.is_discarded()) return Error{"telegram.malformed", "the body is not JSON"};
  if (!update.is_object()) return Error{"telegram.malformed", "the body is not a JSON object"};
  if (!update.contains("update_id") || !update["update_id"].is_number_integer()) {
    return Error{"telegram.malformed", "update_id is missing or not an integer"};
  }
  const std::string update_id = std::to_string(update["update_id"].get<int64_t>());
  try {
    std::vector<InboundEvent> events;
    if (update.contains("message")) {
      events.push_back(FromMessage(update["message"], update_id));
    } else if (update.contains("callback_query")) {
      events.push_back(FromCallback(update["callback_query"], update_id));
    } else if (update.contains("my_chat_member")) {
      events.push_back(FromChatMember(update["my_chat_member"]));
    } else if (update.contains("edited_message")) {
      events.push_back(IgnoredUpdate{"edited_message"});
    } else if (update.contains("channel_post") || update.contains("edited_channel_post")) {
      events.push_back(IgnoredUpdate{"channel_post"});
    } else {
      std::string kind = "unknown";
      for (const auto& [key, value] : update.items()) {
        if (key != "update_id") kind = key;
      }
      events.push_back(IgnoredUpdate{"unhandled_kind:" + kind});
    }
    return events;
  } catch (const Malformed& m) {
    return Error{"telegram.malformed", m.what};
  } catch (const json::exception& e) {
    return Error{"telegram.malformed", e.what()};
  }
}

}  // namespace workmatch
