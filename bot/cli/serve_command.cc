// `workmatch serve`: the composition root of the running service.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>

#include "bot/channels/channel_routes.h"
#include "bot/cli/commands.h"
#include "bot/cli/shutdown_signals.h"
#include "bot/http/health_routes.h"
#include "bot/http/server.h"
#include "bot/locales.h"
#include "bot/observe/log.h"
#include "bot/observe/metrics.h"
#include "bot/pipeline/change_signal.h"
#include "bot/pipeline/dialog_handler.h"
#include "bot/matching/action_worker.h"
#include "bot/pipeline/dialog_timer.h"
#include "bot/pipeline/inbox_processor.h"
#include "bot/pipeline/intake.h"
#include "bot/pipeline/outbox_dispatcher.h"
#include "bot/storage/database.h"
#include "bot/storage/message_store.h"
#include "bot/system_clock.h"
#include "bot/taxonomy/builtin_taxonomy.h"
#include "bot/taxonomy/taxonomy_lookup.h"
#include "bot/version.h"
#include "dialogs/builtin_flows.h"
#include "webhooks/telegram/telegram_sender.h"
#include "webhooks/webchat/webchat.h"
#include "webhooks/whatsapp/whatsapp_sender.h"

namespace workmatch {
namespace {

// A queue depth for /metrics, or -1 when the database cannot be read.
double Depth(Database& db, int64_t QueueDepths::*which) {
  QueueDepths d;
  Status s = db.Read([&](SQLite::Database& conn) { d = ReadQueueDepths(conn); });
  return s ? static_cast<double>(d.*which) : -1;
}

void AddQueueGauges(Metrics& metrics, Database& db, HttpServer& server) {
  metrics.AddGauge("workmatch_inbox_pending", "Accepted messages not yet processed.",
                   [&db] { return Depth(db, &QueueDepths::inbox_pending); });
  metrics.AddGauge("workmatch_outbox_queued", "Messages waiting to be sent.",
                   [&db] { return Depth(db, &QueueDepths::outbox_queued); });
  metrics.AddGauge("workmatch_db_write_queue", "Writes waiting for the database writer.",
                   [&db] { return static_cast<double>(db.PendingWrites()); });
  metrics.AddGauge("workmatch_http_queued_connections",
                   "Accepted connections waiting for a request thread.",
                   [&server] { return static_cast<double>(server.QueuedConnections()); });
}

// The channel senders of this configuration; a channel that is off has none.
struct Senders {
  std::unique_ptr<TelegramSender> telegram;
  std::unique_ptr<WhatsAppSender> whatsapp;
  WebchatSender webchat;
  std::map<std::string, Sender*> by_channel;
};

Result<std::unique_ptr<Senders>> MakeSenders(const Config& config) {
  auto s = std::make_unique<Senders>();
  const auto timeout = std::chrono::seconds(15);
  s->by_channel["webchat"] = &s->webchat;
  if (config.telegram.enabled()) {
    auto tg = TelegramSender::Create(config.telegram.api_base, config.telegram.bot_token, timeout);
    if (!tg) return tg.error();
    s->telegram = std::move(tg).value();
    s->by_channel["telegram"] = s->telegram.get();
  }
  if (config.whatsapp.enabled()) {
    auto wa = WhatsAppSender::Create(config.whatsapp.api_base, config.whatsapp.access_token,
                                     config.whatsapp.phone_number_id, timeout);
    if (!wa) return wa.error();
    s->whatsapp = std::move(wa).value();
    s->by_channel["whatsapp"] = s->whatsapp.get();
  }
  return s;
}

int Fail(const char* what, const Error& error) {
  log::Error("serve", what, {{"error", error.message}});
  std::cerr << "workmatch: " << error.message << "\n";
  return 1;
}

}  // namespace

int RunServe(const Config& config) {
  ShutdownSignals signals;  // first: every thread started below inherits the mask

  log::Info("serve", "starting", {{"version", kWorkmatchVersion}, {"db", config.db_path}});
  DatabaseOptions db_options;
  db_options.path = config.db_path;
  db_options.max_readers = 16;
  if (const char* sync = std::getenv("WORKMATCH_DB_SYNCHRONOUS")) db_options.synchronous = sync;
  auto db = Database::Open(db_options);
  if (!db) return Fail("cannot open the database", db.error());
  auto catalog = LoadBuiltinCatalog();
  if (!catalog) return Fail("cannot load the languages", catalog.error());
  auto senders = MakeSenders(config);
  if (!senders) return Fail("cannot set up the channels", senders.error());

  SystemClock clock;
  Metrics metrics;
  ChangeSignal outbox_signal;
  DispatcherOptions dispatch;
  dispatch.policies["telegram"].per_second = config.telegram.send_rate;
  dispatch.policies["telegram"].chat_per_second = config.telegram.chat_send_rate;
  dispatch.policies["whatsapp"].per_second = config.whatsapp.send_rate;
  dispatch.policies["whatsapp"].chat_per_second = config.whatsapp.chat_send_rate;
  OutboxDispatcher dispatcher(**db, clock, (*senders)->by_channel, metrics, dispatch);
  auto flows = LoadBuiltinFlows(*catalog);
  if (!flows) return Fail("cannot load the conversations", flows.error());
  auto builtin = LoadBuiltinTaxonomyIfEmpty(**db, clock);
  if (!builtin) return Fail("cannot load the default taxonomy", builtin.error());
  auto taxonomy = DatabaseTaxonomy::Load(**db, catalog->Locales());
  if (!taxonomy) return Fail("cannot read the taxonomy", taxonomy.error());
  log::Info("serve", "taxonomy",
            {{"occupations", *taxonomy ? (*taxonomy)->occupations() : 0},
             {"builtin_loaded", builtin->loaded}});
  DialogHandler handler(*flows, *catalog, taxonomy->get());
  ActionWorker actions(**db, *catalog, clock, [&] {
    dispatcher.Notify();
    outbox_signal.Notify();
  });
  InboxProcessor processor(**db, handler, *catalog, clock, (*senders)->by_channel, [&] {
    dispatcher.Notify();
    outbox_signal.Notify();
    actions.Notify();  // the batch may have queued a search
  });
  Intake intake(**db, processor, clock, metrics);
  auto recovered = processor.Start();
  if (!recovered) return Fail("cannot read the inbox", recovered.error());
  dispatcher.Start();
  DialogTimer timer(**db, handler, clock, [&] {
    dispatcher.Notify();
    outbox_signal.Notify();
  });
  timer.Start();
  actions.Start();

  HttpOptions http;
  http.host = config.listen_host;
  http.port = config.listen_port;
  http.threads = config.http_threads;
  http.max_body_bytes = config.max_body_bytes;
  http.read_timeout = std::chrono::milliseconds(config.read_timeout_ms);
  http.keep_alive_timeout_s = std::max(1, (config.read_timeout_ms + 999) / 1000);
  HttpServer server(http, metrics);
  AddHealthRoutes(server, **db, metrics, kWorkmatchVersion);
  ChannelDeps deps{config, **db, intake, *catalog, clock, metrics, outbox_signal, WebchatOptions{}};
  AddTelegramRoutes(server, deps);
  AddWhatsAppRoutes(server, deps);
  AddWebchatRoutes(server, deps);
  AddQueueGauges(metrics, **db, server);
  metrics.AddGauge("workmatch_pipeline_queued", "Accepted messages waiting for a lane.",
                   [&processor] { return static_cast<double>(processor.Queued()); });

  auto port = server.Bind();
  if (!port) return Fail("cannot listen", port.error());
  for (const std::string& line : DescribeChannels(config)) log::Info("serve", line);
  log::Info("serve", "listening",
            {{"addr", fmt::format("{}:{}", config.listen_host, *port)},
             {"schema_version", (*db)->LatestVersion()}});

  signals.Watch([&](const char* name) {
    log::Info("serve", "shutting down", {{"signal", name}});
    outbox_signal.Close();  // long polls answer now instead of holding the shutdown
    server.Stop();
  });
  server.Run();  // returns once in-flight requests are answered
  timer.Stop();
  processor.Stop();
  actions.Stop();
  dispatcher.Stop();
  (*db)->Close();
  log::Info("serve", "stopped");
  return 0;
}

}  // namespace workmatch
