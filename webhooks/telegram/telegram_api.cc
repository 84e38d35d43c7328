#include "webhooks/telegram/telegram_api.h"

#include <algorithm>

#include "core/text/split.h"
#include "webhooks/channel_limits.h"

namespace workmatch {
namespace {

using nlohmann::json;

constexpr size_t kMaxCallbackBytes = 64;
constexpr size_t kMaxInlineButtons = 12;

json ChatId(const std::string& chat_id) {
  bool numeric = !chat_id.empty() && chat_id != "-" &&
                 std::all_of(chat_id.begin() + (chat_id[0] == '-' ? 1 : 0), chat_id.end(),
                             [](char c) { return c >= '0' && c <= '9'; });
  if (numeric && chat_id.size() < 19) return std::stoll(chat_id);
  return chat_id;
}

bool FitsInlineKeyboard(const OutboundMessage& m) {
  if (m.choices.empty() || m.choices.size() > kMaxInlineButtons) return false;
  return std::all_of(m.choices.begin(), m.choices.end(), [](const Choice& c) {
    return !c.id.empty() && c.id.size() <= kMaxCallbackBytes && !c.label.empty();
  });
}

json InlineKeyboard(const std::vector<Choice>& choices) {
  // Short labels two to a row; a long one gets a row of its own (reads well on a phone).
  json rows = json::array();
  json row = json::array();
  for (const Choice& c : choices) {
    bool long_label = Utf16Length(c.label) > 18;
    if (long_label && !row.empty()) {
      rows.push_back(row);
      row = json::array();
    }
    row.push_back({{"text", c.label}, {"callback_data", c.id}});
    if (long_label || row.size() == 2) {
      rows.push_back(row);
      row = json::array();
    }
  }
  if (!row.empty()) rows.push_back(row);
  return {{"inline_keyboard", rows}};
}

int RetryAfterSeconds(const json& answer) {
  if (answer.contains("parameters") && answer["parameters"].is_object() &&
      answer["parameters"].contains("retry_after") &&
      answer["parameters"]["retry_after"].is_number_integer()) {
    return answer["parameters"]["retry_after"].get<int>();
  }
  return 5;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

SendResult ClassifyTelegramAnswerOrThrow(int status, std::string_view body);

}  // namespace

TelegramRequest RenderTelegram(const std::string& chat_id, const OutboundMessage& m) {
  TelegramRequest r;
  json body = {{"chat_id", ChatId(chat_id)}};
  if (m.reply_to && !m.reply_to->empty() && m.reply_to->size() < 19 &&
      std::all_of(m.reply_to->begin(), m.reply_to->end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    body["reply_parameters"] = {{"message_id", std::stoll(*m.reply_to)},
                                {"allow_sending_without_reply", true}};
  }
  if (m.document_url) {
    r.method = "sendDocument";
    body["document"] = *m.document_url;
    if (!m.text.empty()) body["caption"] = SplitText(m.text, 1024).front();
  } else {
    r.method = "sendMessage";
    body["text"] = FitsInlineKeyboard(m) || m.choices.empty() ? m.text : NumberedText(m);
    body["link_preview_options"] = {{"is_disabled", true}};
  }
  if (m.request_location) {
    body["reply_markup"] = {
        {"keyboard",
         json::array({json::array(
             {{{"text", m.location_button.empty() ? std::string("📍") : m.location_button},
               {"request_location", true}}})})},
        {"resize_keyboard", true},
        {"one_time_keyboard", true}};
  } else if (FitsInlineKeyboard(m)) {
    body["reply_markup"] = InlineKeyboard(m.choices);
  }
  r.body = std::move(body);
  return r;
}

SendResult ClassifyTelegramAnswer(int status, std::string_view body) {
  try {
    return ClassifyTelegramAnswerOrThrow(status, body);
  } catch (const json::exception& e) {
    // An answer of an unexpected shape: judge by the status alone.
    SendResult r;
    r.error_code = std::to_string(status);
    r.detail = "unexpected answer";
    r.outcome = status == 200                    ? SendOutcome::kSent
                : (status == 0 || status >= 500) ? SendOutcome::kRetry
                : status == 429                  ? SendOutcome::kChannelRateLimited
                                                 : SendOutcome::kRejected;
    return r;
  }
}

namespace {
SendResult ClassifyTelegramAnswerOrThrow(int status, std::string_view body) {
  SendResult r;
  r.error_code = std::to_string(status);
  if (status == 0) {
    r.outcome = SendOutcome::kRetry;
    r.detail = "no answer";
    return r;
  }
  json answer = json::parse(body, nullptr, false);
  std::string description;
  if (answer.is_object() && answer.contains("description") && answer["description"].is_string()) {
    description = answer["description"].get<std::string>();
  }
  r.detail = description.substr(0, 200);

  if (status == 200 && answer.is_object() && answer.contains("ok") && answer["ok"].is_boolean() &&
      answer["ok"].get<bool>()) {
    r.outcome = SendOutcome::kSent;
    if (answer.contains("result") && answer["result"].is_object() &&
        answer["result"].contains("message_id") && answer["result"]["message_id"].is_number()) {
      r.platform_message_ids.push_back(
          std::to_string(answer["result"]["message_id"].get<int64_t>()));
    }
    return r;
  }
  if (status == 429) {
    // Flood control is per bot: slow the whole channel, as asked.
    r.outcome = SendOutcome::kChannelRateLimited;
    r.retry_after = std::chrono::seconds(RetryAfterSeconds(answer));
    return r;
  }
  if (status == 403) {
    r.outcome = SendOutcome::kUnreachable;  // blocked, deactivated, kicked, can't initiate
    return r;
  }
  if (status == 400) {
    if (answer.is_object() && answer.contains("parameters") && answer["parameters"].is_object() &&
        answer["parameters"].contains("migrate_to_chat_id")) {
      r.outcome = SendOutcome::kRetry;
      r.new_chat_id = std::to_string(answer["parameters"]["migrate_to_chat_id"].get<int64_t>());
      r.retry_after = std::chrono::milliseconds(0);
      return r;
    }
    r.outcome = StartsWith(description, "Bad Request: chat not found") ||
                        StartsWith(description, "Bad Request: user not found")
                    ? SendOutcome::kUnreachable
                    : SendOutcome::kRejected;
    return r;
  }
  if (status == 401 || status == 404) {
    r.outcome = SendOutcome::kChannelDown;  // bad token (404 is how a wrong token path answers)
    return r;
  }
  if (status == 409) {
    r.outcome = SendOutcome::kChannelDown;
    return r;
  }
  r.outcome = status >= 500 ? SendOutcome::kRetry : SendOutcome::kRejected;
  return r;
}

}  // namespace

}  // namespace workmatch
