// POST /webhooks/telegram, GET|POST /webhooks/whatsapp.
#include <fmt/format.h>

#include "bot/channels/channel_routes.h"
#include "bot/http/json_response.h"
#include "bot/observe/log.h"
#include "webhooks/signature.h"
#include "webhooks/telegram/update_parser.h"
#include "webhooks/whatsapp/webhook_parser.h"

namespace workmatch {
namespace {

// Stores what a parsed delivery carries and answers the platform.
void AcceptAndAnswer(const ChannelDeps& deps, const char* channel,
                     const Result<std::vector<InboundEvent>>& events, httplib::Response& res) {
  if (!events) {
    deps.metrics.Increment("workmatch_webhook_rejected_total", "reason", "malformed");
    log::Warn("webhook", "malformed delivery",
              {{"channel", channel}, {"error", events.error().message}});
    SendError(res, 400, "malformed", events.error().message);
    return;
  }
  auto outcome = deps.intake.Accept(*events);
  if (!outcome) {
    SendError(res, 503, "storage_unavailable", "The update could not be stored; retry later.");
    return;
  }
  SendJson(res, 200, {{"ok", true}});
}

void ChannelOff(httplib::Response& res, const char* channel, const char* settings) {
  SendError(res, 404, "channel_off",
            fmt::format("{} is not turned on here; set {} to turn it on.", channel, settings));
}

}  // namespace

void AddTelegramRoutes(HttpServer& server, const ChannelDeps& deps) {
  server.Post("/webhooks/telegram", "/webhooks/telegram",
              [&deps](const httplib::Request& req, httplib::Response& res) {
                const TelegramConfig& tg = deps.config.telegram;
                if (!tg.enabled()) {
                  ChannelOff(res, "Telegram", "TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET");
                  return;
                }
                if (!ConstantTimeEquals(req.get_header_value("X-Telegram-Bot-Api-Secret-Token"),
                                        tg.webhook_secret)) {
                  deps.metrics.Increment("workmatch_webhook_rejected_total", "reason", "secret");
                  SendError(res, 401, "unauthorized",
                            "The secret token header is missing or wrong.");
                  return;
                }
                AcceptAndAnswer(deps, "telegram", ParseTelegramUpdate(req.body), res);
              });
}

void AddWhatsAppRoutes(HttpServer& server, const ChannelDeps& deps) {
  server.Get("/webhooks/whatsapp", "/webhooks/whatsapp",
             [&deps](const httplib::Request& req, httplib::Response& res) {
               const WhatsAppConfig& wa = deps.config.whatsapp;
               if (!wa.enabled()) {
                 ChannelOff(res, "WhatsApp", "the WHATSAPP_* settings");
                 return;
               }
               if (req.get_param_value("hub.mode") != "subscribe" ||
                   !ConstantTimeEquals(req.get_param_value("hub.verify_token"), wa.verify_token)) {
                 SendError(res, 403, "forbidden", "The verify token does not match.");
                 return;
               }
               res.set_content(req.get_param_value("hub.challenge"), "text/plain");
             });
  server.Post("/webhooks/whatsapp", "/webhooks/whatsapp",
              [&deps](const httplib::Request& req, httplib::Response& res) {
                const WhatsAppConfig& wa = deps.config.whatsapp;
                if (!wa.enabled()) {
                  ChannelOff(res, "WhatsApp", "the WHATSAPP_* settings");
                  return;
                }
                if (!VerifyHubSignature(req.get_header_value("X-Hub-Signature-256"), req.body,
                                        wa.app_secret)) {
                  deps.metrics.Increment("workmatch_webhook_rejected_total", "reason", "signature");
                  SendError(res, 401, "unauthorized",
                            "The X-Hub-Signature-256 header is missing or does not match.");
                  return;
                }
                AcceptAndAnswer(deps, "whatsapp", ParseWhatsAppWebhook(req.body), res);
              });
}

}  // namespace workmatch
