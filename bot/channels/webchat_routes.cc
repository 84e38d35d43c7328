// The web chat: GET /chat/ (the page), POST /chat/sessions, POST and GET /chat/messages.
#include <charconv>
#include <memory>

#include "bot/channels/channel_routes.h"
#include "bot/http/json_response.h"
#include "bot/observe/log.h"
#include "bot/pipeline/rate_limiter.h"
#include "bot/storage/message_store.h"
#include "webhooks/signature.h"
#include "webhooks/webchat/webchat.h"

namespace workmatch {
namespace {

// The first language of an Accept-Language header: "ar-SY,ar;q=0.9,en;q=0.5" -> "ar-SY".
std::string FirstLanguage(const std::string& header) {
  std::string first = header.substr(0, header.find_first_of(",;"));
  while (!first.empty() && first.front() == ' ') first.erase(0, 1);
  return first.empty() ? "en" : first;
}

std::string BearerToken(const httplib::Request& req) {
  const std::string h = req.get_header_value("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (h.size() <= kPrefix.size() || h.compare(0, kPrefix.size(), kPrefix) != 0) return "";
  return h.substr(kPrefix.size());
}

struct WebchatState {
  KeyedRateLimiter messages;
  KeyedRateLimiter sessions;
  WebchatState(const WebchatOptions& o)
      : messages(o.messages_per_second, o.message_burst),
        sessions(o.sessions_per_minute / 60.0, o.sessions_per_minute) {}
};

// The sender id of a valid session, or "" after answering 401.
std::string Authenticate(const ChannelDeps& deps, const httplib::Request& req,
                         httplib::Response& res) {
  const std::string token = BearerToken(req);
  if (token.size() != 32) {
    SendError(res, 401, "unauthorized", "Start a session with POST /chat/sessions first.");
    return "";
  }
  std::string sender = WebchatSenderId(token);
  bool known = false;
  Status s = deps.db.Read(
      [&](SQLite::Database& conn) { known = FindContact(conn, "webchat", sender).has_value(); });
  if (!s) {
    SendError(res, 503, "storage_unavailable", "Please try again in a moment.");
    return "";
  }
  if (!known) {
    SendError(res, 401, "unauthorized", "This session is unknown; start a new one.");
    return "";
  }
  return sender;
}

}  // namespace

void AddWebchatRoutes(HttpServer& server, const ChannelDeps& deps) {
  auto state = std::make_shared<WebchatState>(deps.webchat);

  server.Get("/chat", "/chat", [](const httplib::Request&, httplib::Response& res) {
    res.status = 308;
    res.set_header("Location", "/chat/");
    res.set_content("", "text/plain");
  });
  server.Get("/chat/", "/chat/", [&deps](const httplib::Request& req, httplib::Response& res) {
    const std::string locale =
        deps.catalog.BestLocale(FirstLanguage(req.get_header_value("Accept-Language")));
    auto t = [&](const char* key) { return deps.catalog.Format(locale, key); };
    ChatPageText text{locale,
                      deps.catalog.IsRightToLeft(locale),
                      t("webchat.title"),
                      t("webchat.intro"),
                      t("webchat.input_placeholder"),
                      t("webchat.send"),
                      t("webchat.offline"),
                      t("webchat.error"),
                      t("webchat.too_fast")};
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                   "connect-src 'self'; img-src 'self' data:");
    res.set_header("Content-Language", locale);
    res.set_content(RenderChatPage(text), "text/html; charset=utf-8");
  });

  server.Post("/chat/sessions", "/chat/sessions",
              [&deps, state](const httplib::Request& req, httplib::Response& res) {
                const int64_t now = ToUnixMillis(deps.clock.Now());
                if (!state->sessions.Allow(req.remote_addr, now)) {
                  SendError(res, 429, "rate_limited",
                            "Too many new chats from this address; wait a minute.");
                  return;
                }
                const std::string token = RandomHexToken(16);  // 128 bits
                const std::string locale =
                    deps.catalog.BestLocale(FirstLanguage(req.get_header_value("Accept-Language")));
                Status s = deps.db.Write([&](SQLite::Database& conn) {
                  CreateContact(conn, "webchat", WebchatSenderId(token), locale, now);
                });
                if (!s) {
                  SendError(res, 503, "storage_unavailable", "Please try again in a moment.");
                  return;
                }
                SendJson(res, 201, {{"session", token}});
              });

  server.Post("/chat/messages", "/chat/messages",
              [&deps, state](const httplib::Request& req, httplib::Response& res) {
                const std::string sender = Authenticate(deps, req, res);
                if (sender.empty()) return;
                const int64_t now = ToUnixMillis(deps.clock.Now());
                if (!state->messages.Allow(sender, now)) {
                  SendError(res, 429, "rate_limited", "Slow down a little and send again.");
                  return;
                }
                auto message = ParseWebchatMessage(req.body, sender, now);
                if (!message) {
                  SendError(res, 400, "invalid_message", message.error().message);
                  return;
                }
                auto outcome = deps.intake.Accept({*message});
                if (!outcome) {
                  SendError(res, 503, "storage_unavailable", "Please send again in a moment.");
                  return;
                }
                SendJson(res, 202, {{"accepted", true}, {"duplicate", outcome->duplicates > 0}});
              });

  server.Get("/chat/messages", "/chat/messages",
             [&deps](const httplib::Request& req, httplib::Response& res) {
               const std::string sender = Authenticate(deps, req, res);
               if (sender.empty()) return;
               int64_t after = 0;
               const std::string a = req.get_param_value("after");
               if (!a.empty()) {
                 auto [p, ec] = std::from_chars(a.data(), a.data() + a.size(), after);
                 if (ec != std::errc() || p != a.data() + a.size() || after < 0) {
                   SendError(res, 400, "invalid_cursor",
                             "\"after\" must be a message id (a number).");
                   return;
                 }
               }
               const auto deadline = std::chrono::steady_clock::now() + deps.webchat.long_poll;
               std::vector<ChatRow> rows;
               for (;;) {
                 uint64_t seen = deps.outbox_signal.Generation();
                 Status s = deps.db.Read([&](SQLite::Database& conn) {
                   rows = ChatMessagesAfter(conn, "webchat", sender, after, 50);
                 });
                 if (!s) {
                   SendError(res, 503, "storage_unavailable", "Please try again in a moment.");
                   return;
                 }
                 auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                     deadline - std::chrono::steady_clock::now());
                 if (!rows.empty() || left.count() <= 0) break;
                 if (!deps.outbox_signal.WaitAfter(seen, left)) break;  // shutting down
               }
               nlohmann::json messages = nlohmann::json::array();
               int64_t cursor = after;
               for (const ChatRow& row : rows) {
                 messages.push_back(RenderWebchat(row.id, row.message));
                 cursor = row.id;
               }
               SendJson(res, 200, {{"messages", messages}, {"cursor", cursor}});
             });
}

}  // namespace workmatch
