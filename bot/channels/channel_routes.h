// The HTTP face of the channels: the Telegram and WhatsApp webhooks and the
// web chat. Handlers are thin: verify, parse (webhooks/), Intake::Accept, answer.
//
//   POST /webhooks/telegram   X-Telegram-Bot-Api-Secret-Token must match (else 401)
//   GET  /webhooks/whatsapp   subscription check (hub.challenge echoed, else 403)
//   POST /webhooks/whatsapp   X-Hub-Signature-256 must match (else 401)
//   GET  /chat/  POST /chat/sessions  POST /chat/messages  GET /chat/messages
// A channel that is off answers 404 with a JSON error saying so.
#ifndef WORKMATCH_BOT_CHANNELS_CHANNEL_ROUTES_H_
#define WORKMATCH_BOT_CHANNELS_CHANNEL_ROUTES_H_

#include <chrono>

#include "bot/config/config.h"
#include "bot/http/server.h"
#include "bot/observe/metrics.h"
#include "bot/pipeline/change_signal.h"
#include "bot/pipeline/intake.h"
#include "bot/storage/database.h"
#include "core/clock.h"
#include "core/text/catalog.h"

namespace workmatch {

struct WebchatOptions {
  std::chrono::milliseconds long_poll{25000};  // longest wait of GET /chat/messages. Default: 25 s
  double messages_per_second = 1;              // per session, on average. Default: 1
  double message_burst = 8;                    // per session, at once. Default: 8
  double sessions_per_minute = 20;             // new sessions per client address. Default: 20
};

struct ChannelDeps {
  const Config& config;
  Database& db;
  Intake& intake;
  const Catalog& catalog;
  const Clock& clock;
  Metrics& metrics;
  ChangeSignal& outbox_signal;
  WebchatOptions webchat;
};

void AddTelegramRoutes(HttpServer& server, const ChannelDeps& deps);
void AddWhatsAppRoutes(HttpServer& server, const ChannelDeps& deps);
void AddWebchatRoutes(HttpServer& server, const ChannelDeps& deps);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_CHANNELS_CHANNEL_ROUTES_H_
