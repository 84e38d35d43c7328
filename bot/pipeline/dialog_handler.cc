#include "bot/pipeline/dialog_handler.h"

namespace workmatch {

DialogContext DialogHandler::Context(const SenderContext& c) const {
  DialogContext ctx;
  ctx.now_ms = c.now_ms;
  ctx.locale = c.locale;
  ctx.second_locale = c.second_locale;
  ctx.taxonomy = taxonomy_;
  return ctx;
}

HandlerOutput DialogHandler::FromStep(StepResult r) {
  HandlerOutput out;
  out.replies = std::move(r.effects.messages);
  out.journey_steps = std::move(r.effects.journey);
  out.profile = std::move(r.effects.profile);
  for (DialogAction& a : r.effects.actions) out.actions.emplace_back(a.name, std::move(a.args));
  out.handoff = std::move(r.effects.handoff);
  out.session = std::move(r.session);
  return out;
}

HandlerOutput DialogHandler::Handle(const InboundMessage& m, const SenderContext& ctx) {
  DialogInput in;
  switch (m.kind) {
    case InboundKind::kText:
      // A slash command comes parsed ("start" + payload); the engine reads it as written.
      in.text = m.command ? "/" + *m.command + (m.text.empty() ? "" : " " + m.text) : m.text;
      break;
    case InboundKind::kChoice:
      in.choice_id = m.choice_id;
      in.text = m.text;
      break;
    case InboundKind::kLocation:
      in.location = m.location;
      break;
    case InboundKind::kMedia:
    case InboundKind::kUnsupported:
    case InboundKind::kContact: {
      HandlerOutput out;
      if (ctx.is_new) out.journey_steps.push_back("first_contact");
      OutboundMessage reply;
      reply.text = m.kind == InboundKind::kMedia
                       ? catalog_.Format(ctx.locale, "media.received",
                                         {{"kind", m.media_kind.value_or("other")}})
                       : catalog_.Format(ctx.locale, "unsupported.received");
      out.replies.push_back(std::move(reply));
      if (!ctx.session.is_null()) {
        // Then the waiting question again.
        HandlerOutput again = FromStep(engine_.Step(
            ctx.session, DialogInput{DialogInput::Kind::kRepeat, "", {}, {}}, Context(ctx)));
        for (OutboundMessage& r : again.replies) out.replies.push_back(std::move(r));
        out.session = std::move(again.session);
      }
      return out;
    }
    case InboundKind::kReaction:
    case InboundKind::kSystem:
      return {};
  }
  HandlerOutput out = FromStep(engine_.Step(ctx.session, in, Context(ctx)));
  if (ctx.is_new) out.journey_steps.insert(out.journey_steps.begin(), "first_contact");
  if (ctx.is_new && m.referral && !m.referral->empty() && !m.command) {
    // An ad or link referral the platform reported beside the text ("/start
    // CODE" is the engine's: it emits its own).
    out.actions.emplace_back("referral", nlohmann::json{{"code", *m.referral}});
  }
  return out;
}

HandlerOutput DialogHandler::Tick(const SenderContext& ctx) {
  return FromStep(engine_.Step(ctx.session, DialogInput{DialogInput::Kind::kTimer, "", {}, {}},
                               Context(ctx)));
}

}  // namespace workmatch
