#include "core/messaging/messages.h"

#include <array>
#include <nlohmann/json.hpp>
#include <utility>

namespace workmatch {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<InboundKind, std::string_view>, 8> kKinds = {{
    {InboundKind::kText, "text"},
    {InboundKind::kChoice, "choice"},
    {InboundKind::kLocation, "location"},
    {InboundKind::kContact, "contact"},
    {InboundKind::kMedia, "media"},
    {InboundKind::kReaction, "reaction"},
    {InboundKind::kUnsupported, "unsupported"},
    {InboundKind::kSystem, "system"},
}};

template <class T>
void PutOpt(json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}

template <class T>
void GetOpt(const json& j, const char* key, std::optional<T>& out) {
  if (j.contains(key) && !j[key].is_null()) out = j[key].get<T>();
}

}  // namespace

std::string_view InboundKindName(InboundKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "text";
}

std::optional<InboundKind> ParseInboundKind(std::string_view name) {
  for (const auto& [k, n] : kKinds) {
    if (n == name) return k;
  }
  return std::nullopt;
}

json ToJson(const InboundMessage& m) {
  json j = {{"channel", m.channel},
            {"sender_id", m.sender_id},
            {"chat_id", m.chat_id},
            {"chat_type", m.chat_type},
            {"platform_message_id", m.platform_message_id},
            {"sent_at_ms", m.sent_at_ms},
            {"kind", InboundKindName(m.kind)},
            {"text", m.text}};
  PutOpt(j, "command", m.command);
  PutOpt(j, "choice_id", m.choice_id);
  if (m.location) j["location"] = {{"lat", m.location->lat}, {"lon", m.location->lon}};
  PutOpt(j, "media_kind", m.media_kind);
  PutOpt(j, "media_ref", m.media_ref);
  PutOpt(j, "language_hint", m.language_hint);
  PutOpt(j, "display_name", m.display_name);
  PutOpt(j, "reply_to", m.reply_to);
  PutOpt(j, "referral", m.referral);
  PutOpt(j, "contact_phone", m.contact_phone);
  PutOpt(j, "callback_id", m.callback_id);
  return j;
}

Result<InboundMessage> InboundFromJson(const json& j) {
  try {
    InboundMessage m;
    m.channel = j.at("channel").get<std::string>();
    m.sender_id = j.at("sender_id").get<std::string>();
    m.chat_id = j.at("chat_id").get<std::string>();
    m.chat_type = j.value("chat_type", "private");
    m.platform_message_id = j.at("platform_message_id").get<std::string>();
    m.sent_at_ms = j.value("sent_at_ms", int64_t{0});
    auto kind = ParseInboundKind(j.at("kind").get<std::string>());
    if (!kind) return Error{"message.invalid", "unknown inbound kind"};
    m.kind = *kind;
    m.text = j.value("text", "");
    GetOpt(j, "command", m.command);
    GetOpt(j, "choice_id", m.choice_id);
    if (j.contains("location")) {
      m.location = Coordinates{j["location"].at("lat").get<double>(),
                               j["location"].at("lon").get<double>()};
    }
    GetOpt(j, "media_kind", m.media_kind);
    GetOpt(j, "media_ref", m.media_ref);
    GetOpt(j, "language_hint", m.language_hint);
    GetOpt(j, "display_name", m.display_name);
    GetOpt(j, "reply_to", m.reply_to);
    GetOpt(j, "referral", m.referral);
    GetOpt(j, "contact_phone", m.contact_phone);
    GetOpt(j, "callback_id", m.callback_id);
    return m;
  } catch (const json::exception& e) {
    return Error{"message.invalid", e.what()};
  }
}

json ToJson(const OutboundMessage& m) {
  json choices = json::array();
  for (const Choice& c : m.choices) choices.push_back({{"id", c.id}, {"label", c.label}});
  json j = {{"text", m.text}, {"choices", choices}};
  if (m.as_list) j["as_list"] = true;
  if (!m.list_button.empty()) j["list_button"] = m.list_button;
  if (!m.fallback_hint.empty()) j["fallback_hint"] = m.fallback_hint;
  if (m.request_location) j["request_location"] = true;
  if (!m.location_button.empty()) j["location_button"] = m.location_button;
  PutOpt(j, "document_url", m.document_url);
  PutOpt(j, "document_name", m.document_name);
  PutOpt(j, "reply_to", m.reply_to);
  return j;
}

Result<OutboundMessage> OutboundFromJson(const json& j) {
  try {
    OutboundMessage m;
    m.text = j.value("text", "");
    if (j.contains("choices")) {
      for (const json& c : j["choices"]) {
        m.choices.push_back({c.at("id").get<std::string>(), c.at("label").get<std::string>()});
      }
    }
    m.as_list = j.value("as_list", false);
    m.list_button = j.value("list_button", "");
    m.fallback_hint = j.value("fallback_hint", "");
    m.request_location = j.value("request_location", false);
    m.location_button = j.value("location_button", "");
    GetOpt(j, "document_url", m.document_url);
    GetOpt(j, "document_name", m.document_name);
    GetOpt(j, "reply_to", m.reply_to);
    return m;
  } catch (const json::exception& e) {
    return Error{"message.invalid", e.what()};
  }
}

}  // namespace workmatch
