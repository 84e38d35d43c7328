// What each channel can show, so that the pipeline splits and shapes messages
// before they reach a sender (PLATFORMS.md 1.6, 2.3, 3).
#ifndef WORKMATCH_WEBHOOKS_CHANNEL_LIMITS_H_
#define WORKMATCH_WEBHOOKS_CHANNEL_LIMITS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/messaging/messages.h"

namespace workmatch {

// The longest text of one message, in UTF-16 code units. WhatsApp allows 4096
// for plain text but 1024 for the body of a message with buttons or a list.
size_t TextLimit(std::string_view channel, bool with_choices);

// Cuts a message that is too long into several, in order: the text is split
// (core/text/split.h) and choices, location request and document stay on the
// last part.
std::vector<OutboundMessage> FitToChannel(std::string_view channel, const OutboundMessage& m);

// "text\n\n1. Yes\n2. No\n\nhint": the fallback when choices cannot be buttons.
// The numbers are the choices' 1-based positions, which the answer parser accepts.
std::string NumberedText(const OutboundMessage& m);

}  // namespace workmatch

#endif  // WORKMATCH_WEBHOOKS_CHANNEL_LIMITS_H_
