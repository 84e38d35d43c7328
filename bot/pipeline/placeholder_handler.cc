#include "bot/pipeline/placeholder_handler.h"

namespace workmatch {

HandlerOutput PlaceholderHandler::Handle(const InboundMessage& m, const SenderContext& ctx) {
  HandlerOutput out;
  if (ctx.is_new) out.journey_steps.push_back("first_contact");
  OutboundMessage reply;
  switch (m.kind) {
    case InboundKind::kMedia:
      reply.text =
          catalog_.Format(ctx.locale, "media.received", {{"kind", m.media_kind.value_or("other")}});
      break;
    case InboundKind::kLocation:
      reply.text = catalog_.Format(ctx.locale, "location.received");
      break;
    case InboundKind::kUnsupported:
    case InboundKind::kContact:
      reply.text = catalog_.Format(ctx.locale, "unsupported.received");
      break;
    case InboundKind::kReaction:
    case InboundKind::kSystem:
      return out;  // nothing to answer
    case InboundKind::kText:
    case InboundKind::kChoice:
      reply.text = catalog_.Format(ctx.locale, "placeholder.reply");
      break;
  }
  out.replies.push_back(std::move(reply));
  return out;
}

}  // namespace workmatch
