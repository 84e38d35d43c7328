#include "webhooks/whatsapp/whatsapp_api.h"

#include <algorithm>
#include <set>

#include "core/text/split.h"
#include "webhooks/channel_limits.h"

namespace workmatch {
namespace {

using nlohmann::json;

bool AllFit(const std::vector<Choice>& choices, size_t max_title, size_t max_id) {
  std::set<std::string> titles;
  for (const Choice& c : choices) {
    if (c.id.empty() || c.id.size() > max_id || c.label.empty() ||
        Utf16Length(c.label) > max_title || !titles.insert(c.label).second) {
      return false;
    }
  }
  return true;
}

bool FitsButtons(const OutboundMessage& m) {
  return !m.as_list && !m.choices.empty() && m.choices.size() <= 3 && AllFit(m.choices, 20, 256);
}

bool FitsList(const OutboundMessage& m) {
  return !m.choices.empty() && m.choices.size() <= 10 && !m.list_button.empty() &&
         Utf16Length(m.list_button) <= 20 && AllFit(m.choices, 24, 200);
}

}  // namespace

json RenderWhatsApp(const std::string& to, const OutboundMessage& m) {
  json body = {{"messaging_product", "whatsapp"}, {"recipient_type", "individual"}, {"to", to}};
  if (m.reply_to) body["context"] = {{"message_id", *m.reply_to}};
  if (m.document_url) {
    body["type"] = "document";
    json doc = {{"link", *m.document_url}};
    if (!m.text.empty()) doc["caption"] = SplitText(m.text, 1024).front();
    if (m.document_name) doc["filename"] = *m.document_name;
    body["document"] = doc;
  } else if (m.request_location) {
    body["type"] = "interactive";
    body["interactive"] = {{"type", "location_request_message"},
                           {"body", {{"text", m.text}}},
                           {"action", {{"name", "send_location"}}}};
  } else if (FitsButtons(m)) {
    json buttons = json::array();
    for (const Choice& c : m.choices) {
      buttons.push_back({{"type", "reply"}, {"reply", {{"id", c.id}, {"title", c.label}}}});
    }
    body["type"] = "interactive";
    body["interactive"] = {
        {"type", "button"}, {"body", {{"text", m.text}}}, {"action", {{"buttons", buttons}}}};
  } else if (FitsList(m)) {
    json rows = json::array();
    for (const Choice& c : m.choices) rows.push_back({{"id", c.id}, {"title", c.label}});
    body["type"] = "interactive";
    body["interactive"] = {
        {"type", "list"},
        {"body", {{"text", m.text}}},
        {"action", {{"button", m.list_button}, {"sections", json::array({{{"rows", rows}}})}}}};
  } else {
    body["type"] = "text";
    body["text"] = {{"body", m.choices.empty() ? m.text : NumberedText(m)}, {"preview_url", false}};
  }
  return body;
}

SendOutcome ClassifyWhatsAppErrorCode(int code) {
  switch (code) {
    case 130429:  // throughput
    case 4:
    case 80007:  // app / WABA call-rate limits
      return SendOutcome::kChannelRateLimited;
    case 131056:  // pair rate: this person too often
      return SendOutcome::kChatRateLimited;
    case 131026:  // undeliverable
      return SendOutcome::kUnreachable;
    case 190:  // token
    case 0:
    case 3:
    case 10:
    case 368:     // policy block
    case 131031:  // account locked
      return SendOutcome::kChannelDown;
    case 131000:
    case 131016:
    case 1:
    case 2:
      return SendOutcome::kRetry;
    default:
      if (code >= 200 && code <= 299) return SendOutcome::kChannelDown;  // permissions
      return SendOutcome::kRejected;  // 131047 window, 100/131008/131009 our bug, 132xxx, 131048-50
  }
}

SendResult ClassifyWhatsAppAnswer(int status, std::string_view body) {
  SendResult r;
  if (status == 0) {
    r.outcome = SendOutcome::kRetry;
    r.error_code = "network";
    return r;
  }
  json answer = json::parse(body, nullptr, false);
  if (status == 200 && answer.is_object() && answer.contains("messages") &&
      answer["messages"].is_array()) {
    r.outcome = SendOutcome::kSent;
    for (const json& m : answer["messages"]) {
      if (m.is_object() && m.contains("id") && m["id"].is_string()) {
        r.platform_message_ids.push_back(m["id"].get<std::string>());
      }
    }
    return r;
  }
  int code = -1;
  if (answer.is_object() && answer.contains("error") && answer["error"].is_object()) {
    const json& e = answer["error"];
    if (e.contains("code") && e["code"].is_number_integer()) code = e["code"].get<int>();
    if (e.contains("message") && e["message"].is_string()) {
      r.detail = e["message"].get<std::string>().substr(0, 200);
    }
  }
  r.error_code = code >= 0 ? std::to_string(code) : std::to_string(status);
  if (code >= 0) {
    r.outcome = ClassifyWhatsAppErrorCode(code);
  } else if (status >= 500) {
    r.outcome = SendOutcome::kRetry;
  } else if (status == 429) {
    r.outcome = SendOutcome::kChannelRateLimited;
  } else if (status == 401 || status == 403) {
    r.outcome = SendOutcome::kChannelDown;
  } else {
    r.outcome = SendOutcome::kRejected;
  }
  if (r.outcome == SendOutcome::kChatRateLimited) r.retry_after = std::chrono::seconds(6);
  return r;
}

}  // namespace workmatch
