#include "webhooks/webchat/webchat.h"

#include <fmt/format.h>

#include "core/embedded_file.h"
#include "core/text/split.h"
#include "webhooks/signature.h"

namespace workmatch {

std::span<const EmbeddedFile> EmbeddedWebchatFiles();  // generated from webchat/*.html

namespace {

using nlohmann::json;

Error Invalid(std::string message) { return Error{"webchat.invalid", std::move(message)}; }

// Escapes text for an HTML attribute or element.
std::string Html(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void Replace(std::string& page, std::string_view token, const std::string& value) {
  for (size_t at = page.find(token); at != std::string::npos;
       at = page.find(token, at + value.size())) {
    page.replace(at, token.size(), value);
  }
}

}  // namespace

std::string WebchatSenderId(std::string_view session_token) { return Sha256Hex(session_token); }

Result<InboundMessage> ParseWebchatMessage(std::string_view body, const std::string& sender_id,
                                           int64_t now_ms) {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Invalid("the body must be a JSON object");
  if (!j.contains("client_message_id") || !j["client_message_id"].is_string()) {
    return Invalid("\"client_message_id\" (a string, unique per message) is required");
  }
  std::string id = j["client_message_id"].get<std::string>();
  if (id.empty() || id.size() > 100) {
    return Invalid("\"client_message_id\" must be 1 to 100 characters");
  }
  InboundMessage m;
  m.channel = "webchat";
  m.sender_id = sender_id;
  m.chat_id = sender_id;
  m.platform_message_id = sender_id.substr(0, 16) + ":" + id;
  m.sent_at_ms = now_ms;
  if (j.contains("choice") && j["choice"].is_string() && !j["choice"].get<std::string>().empty()) {
    m.kind = InboundKind::kChoice;
    m.choice_id = j["choice"].get<std::string>();
    if (m.choice_id->size() > 256) return Invalid("\"choice\" is longer than 256 bytes");
    if (j.contains("text") && j["text"].is_string()) m.text = j["text"].get<std::string>();
  } else if (j.contains("text") && j["text"].is_string()) {
    m.kind = InboundKind::kText;
    m.text = j["text"].get<std::string>();
    if (m.text.empty()) return Invalid("\"text\" is empty");
  } else {
    return Invalid("send \"text\" (a string) or \"choice\" (a button id)");
  }
  if (Utf16Length(m.text) > 4096) return Invalid("\"text\" is longer than 4096 characters");
  if (j.contains("language") && j["language"].is_string()) {
    m.language_hint = j["language"].get<std::string>().substr(0, 35);
  }
  return m;
}

json RenderWebchat(int64_t id, const OutboundMessage& m) {
  json choices = json::array();
  for (const Choice& c : m.choices) choices.push_back({{"id", c.id}, {"label", c.label}});
  json j = {{"id", id}, {"text", m.text}, {"choices", choices}};
  if (m.as_list) j["as_list"] = true;
  if (m.request_location) j["request_location"] = true;
  if (m.document_url) j["document_url"] = *m.document_url;
  return j;
}

std::string RenderChatPage(const ChatPageText& t) {
  std::string page;
  for (const EmbeddedFile& f : EmbeddedWebchatFiles()) {
    if (f.path == "page.html") page = std::string(f.content);
  }
  json strings = {
      {"title", t.title},       {"intro", t.intro},     {"placeholder", t.input_placeholder},
      {"send", t.send},         {"offline", t.offline}, {"error", t.error},
      {"too_fast", t.too_fast}, {"locale", t.locale}};
  // A JSON text inside <script>: "</" must not close the element.
  std::string strings_js = strings.dump(-1, ' ', false, json::error_handler_t::replace);
  Replace(strings_js, "</", "<\\/");
  Replace(page, "{{lang}}", Html(t.locale));
  Replace(page, "{{dir}}", t.rtl ? "rtl" : "ltr");
  Replace(page, "{{title}}", Html(t.title));
  Replace(page, "{{placeholder}}", Html(t.input_placeholder));
  Replace(page, "{{send}}", Html(t.send));
  Replace(page, "{{strings_json}}", strings_js);
  return page;
}

SendResult WebchatSender::Send(const std::string&, const OutboundMessage&) {
  SendResult r;
  r.outcome = SendOutcome::kSent;
  return r;
}

}  // namespace workmatch
