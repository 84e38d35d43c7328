#include "webhooks/channel_limits.h"

#include "core/text/split.h"

namespace workmatch {

size_t TextLimit(std::string_view channel, bool with_choices) {
  if (channel == "whatsapp" && with_choices) return 1024;
  return 4096;  // Telegram, WhatsApp text, and the web chat (which mirrors WhatsApp)
}

std::vector<OutboundMessage> FitToChannel(std::string_view channel, const OutboundMessage& m) {
  const bool has_extras = !m.choices.empty() || m.request_location;
  // The numbered fallback adds lines; keep room for them in the last part.
  size_t reserve = 0;
  if (!m.choices.empty()) reserve = Utf16Length(NumberedText(m)) - Utf16Length(m.text);
  size_t limit = TextLimit(channel, has_extras);
  if (m.document_url) limit = 1024;  // a document's caption, on every platform
  size_t last_limit = limit > reserve + 64 ? limit - reserve : limit;
  if (Utf16Length(m.text) <= last_limit) return {m};

  std::vector<std::string> parts = SplitText(m.text, TextLimit(channel, false));
  // The last part carries the extras: make sure it also fits their limit.
  std::vector<std::string> tail = SplitText(parts.back(), last_limit);
  parts.pop_back();
  parts.insert(parts.end(), tail.begin(), tail.end());

  std::vector<OutboundMessage> out;
  for (size_t i = 0; i < parts.size(); ++i) {
    OutboundMessage part;
    if (i + 1 == parts.size()) part = m;
    part.text = parts[i];
    if (i == 0)
      part.reply_to = m.reply_to;
    else if (i + 1 == parts.size())
      part.reply_to.reset();
    out.push_back(std::move(part));
  }
  return out;
}

std::string NumberedText(const OutboundMessage& m) {
  std::string out = m.text;
  if (!out.empty()) out += "\n\n";
  for (size_t i = 0; i < m.choices.size(); ++i) {
    out += std::to_string(i + 1) + ". " + m.choices[i].label + "\n";
  }
  if (!m.fallback_hint.empty()) out += "\n" + m.fallback_hint;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace workmatch
