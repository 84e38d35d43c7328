// ingest_bench: how fast `workmatch serve` accepts webhook deliveries and
// queues the replies, against a bare cpp-httplib server in the same run.
//
// Sends Telegram and WhatsApp text updates from 1,000 distinct people over
// keep-alive connections. Prints, for WorkMatch and for the bare server:
// accepted updates/s at full speed, p50/p99 acknowledgement latency at full
// speed and at a fixed 1,000 updates/s, and for WorkMatch the time from
// acceptance to the reply in the outbox (from the database). Progress goes to
// stderr on a terminal only.
//
//   ingest_bench [--updates N] [--connections C] [--rate R]
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <httplib.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"
#include "webhooks/signature.h"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr int kPeople = 1000;
constexpr const char* kSecret = "bench-telegram-secret";
constexpr const char* kAppSecret = "bench-app-secret";

struct Delivery {
  std::string path;
  httplib::Headers headers;
  std::string body;
};

// Update i: Telegram for even i, WhatsApp for odd i; person i % 1000.
Delivery MakeDelivery(int i, int run) {
  const int person = i % kPeople;
  if (i % 2 == 0) {
    json u = {{"update_id", 900000000 + run * 10000000 + i},
              {"message",
               {{"message_id", i},
                {"from",
                 {{"id", 5000000000LL + person},
                  {"is_bot", false},
                  {"first_name", "P"},
                  {"language_code", "uk"}}},
                {"chat", {{"id", 5000000000LL + person}, {"type", "private"}}},
                {"date", 1781000000},
                {"text", "I worked as a welder for six years"}}}};
    return {"/webhooks/telegram", {{"X-Telegram-Bot-Api-Secret-Token", kSecret}}, u.dump()};
  }
  std::string wa_id = std::to_string(447700000000LL + person);
  json w = {
      {"object", "whatsapp_business_account"},
      {"entry",
       {{{"id", "1"},
         {"changes",
          {{{"field", "messages"},
            {"value",
             {{"messaging_product", "whatsapp"},
              {"metadata", {{"display_phone_number", "447700900001"}, {"phone_number_id", "1"}}},
              {"contacts", {{{"profile", {{"name", "P"}}}, {"wa_id", wa_id}}}},
              {"messages",
               {{{"from", wa_id},
                 {"id", "wamid.bench" + std::to_string(run) + "." + std::to_string(i)},
                 {"timestamp", "1781000000"},
                 {"type", "text"},
                 {"text", {{"body", "Ich war Krankenpfleger"}}}}}}}}}}}}}}};
  std::string body = w.dump();
  return {"/webhooks/whatsapp",
          {{"X-Hub-Signature-256", "sha256=" + workmatch::HmacSha256Hex(kAppSecret, body)}},
          body};
}

struct Stats {
  double seconds = 0;
  size_t ok = 0;
  size_t failed = 0;
  std::vector<double> latencies_ms;
  double Rate() const { return static_cast<double>(ok) / seconds; }
  double Percentile(double p) {
    if (latencies_ms.empty()) return 0;
    std::sort(latencies_ms.begin(), latencies_ms.end());
    return latencies_ms[static_cast<size_t>(p * static_cast<double>(latencies_ms.size() - 1))];
  }
};

// Sends `n` deliveries over `connections` keep-alive connections; `rate` > 0
// paces the sends to that many per second in total.
Stats Drive(int port, const std::vector<Delivery>& deliveries, int connections, double rate,
            const char* label) {
  Stats stats;
  std::atomic<size_t> next{0}, ok{0}, failed{0};
  std::vector<std::vector<double>> lat(static_cast<size_t>(connections));
  const bool tty = isatty(STDERR_FILENO);
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(std::chrono::seconds(30));
      for (;;) {
        size_t i = next++;
        if (i >= deliveries.size()) return;
        if (rate > 0) {
          auto due = start + std::chrono::duration<double>(static_cast<double>(i) / rate);
          std::this_thread::sleep_until(due);
        }
        const Delivery& d = deliveries[i];
        auto t0 = Clock::now();
        auto r = client.Post(d.path, d.headers, d.body, "application/json");
        auto t1 = Clock::now();
        if (r && r->status == 200) {
          ++ok;
          lat[static_cast<size_t>(c)].push_back(
              std::chrono::duration<double, std::milli>(t1 - t0).count());
        } else {
          ++failed;
        }
      }
    });
  }
  if (tty) {
    while (next < deliveries.size()) {
      std::fprintf(stderr, "\r  %-28s %zu/%zu", label, std::min(next.load(), deliveries.size()),
                   deliveries.size());
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  for (auto& t : threads) t.join();
  if (tty) std::fprintf(stderr, "\r%60s\r", "");
  stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  stats.ok = ok;
  stats.failed = failed;
  for (auto& v : lat) stats.latencies_ms.insert(stats.latencies_ms.end(), v.begin(), v.end());
  return stats;
}

// A bare cpp-httplib server answering 200, with Nagle off like ours.
class BareServer {
 public:
  BareServer() {
    server_.set_tcp_nodelay(true);
    server_.set_keep_alive_max_count(1000000);
    server_.Post(".*", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"ok":true})", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~BareServer() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

// A platform API that swallows replies (so the dispatcher's sends succeed).
class SinkPlatform {
 public:
  SinkPlatform() {
    server_.set_tcp_nodelay(true);
    server_.Post(".*", [](const httplib::Request& req, httplib::Response& res) {
      if (req.path.find("/bot") == 0) {
        res.set_content(R"({"ok":true,"result":{"message_id":1,"date":1,"chat":{"id":1}}})",
                        "application/json");
      } else {
        res.set_content(R"({"messaging_product":"whatsapp","messages":[{"id":"wamid.x"}]})",
                        "application/json");
      }
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~SinkPlatform() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

std::vector<double> AcceptToOutboxMs(const std::string& db_path) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  SQLite::Statement q(db,
                      "SELECT MIN(o.created_at) - i.received_at FROM inbox i JOIN outbox o ON "
                      "o.inbox_id = i.id GROUP BY i.id");
  std::vector<double> out;
  while (q.executeStep()) out.push_back(static_cast<double>(q.getColumn(0).getInt64()));
  return out;
}

int64_t Pending(const std::string& db_path) {
  SQLite::Database db(db_path, SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "SELECT COUNT(*) FROM inbox WHERE status = 'pending'");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

int ArgInt(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == name) return std::atoi(argv[i + 1]);
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const int updates = ArgInt(argc, argv, "--updates", 20000);
  const int connections = ArgInt(argc, argv, "--connections", 32);
  const int rate = ArgInt(argc, argv, "--rate", 1000);

  workmatch::testing::TempDir dir;
  SinkPlatform platform;
  workmatch::testing::Child serve({workmatch::testing::WorkmatchBinary(), "serve"},
                                  {{"WORKMATCH_DB", dir.File("bench.db")},
                                   {"WORKMATCH_LISTEN", "127.0.0.1:0"},
                                   {"WORKMATCH_LOG_LEVEL", "info"},
                                   {"TELEGRAM_BOT_TOKEN", "1:bench"},
                                   {"TELEGRAM_WEBHOOK_SECRET", kSecret},
                                   {"TELEGRAM_API_BASE", platform.url()},
                                   {"WHATSAPP_ACCESS_TOKEN", "bench"},
                                   {"WHATSAPP_PHONE_NUMBER_ID", "1"},
                                   {"WHATSAPP_APP_SECRET", kAppSecret},
                                   {"WHATSAPP_VERIFY_TOKEN", "bench"},
                                   {"WHATSAPP_API_BASE", platform.url()}});
  auto line = serve.WaitForLine("listening", std::chrono::seconds(30));
  if (!line) {
    std::fprintf(stderr, "workmatch serve did not start:\n%s\n", serve.err().c_str());
    return 1;
  }
  std::smatch m;
  std::regex_search(*line, m, std::regex(R"(addr=127\.0\.0\.1:(\d+))"));
  const int port = std::stoi(m[1]);
  BareServer bare;

  std::vector<Delivery> full, paced, warm;
  for (int i = 0; i < 2000; ++i) warm.push_back(MakeDelivery(i, 0));
  for (int i = 0; i < updates; ++i) full.push_back(MakeDelivery(i, 1));
  for (int i = 0; i < std::min(updates, rate * 10); ++i) paced.push_back(MakeDelivery(i, 2));

  Drive(port, warm, connections, 0, "warm-up");
  Drive(bare.port(), warm, connections, 0, "warm-up (bare)");
  Stats wm_full = Drive(port, full, connections, 0, "workmatch, full speed");
  Stats bare_full = Drive(bare.port(), full, connections, 0, "bare, full speed");
  Stats wm_paced = Drive(port, paced, connections, rate, "workmatch, paced");
  Stats bare_paced = Drive(bare.port(), paced, connections, rate, "bare, paced");

  // Let the lanes finish, then read acceptance -> outbox from the database.
  for (int i = 0; i < 600 && Pending(dir.File("bench.db")) > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  Stats to_outbox;
  to_outbox.latencies_ms = AcceptToOutboxMs(dir.File("bench.db"));
  serve.Signal(SIGTERM);
  serve.Wait(std::chrono::seconds(60));

  std::printf(
      "ingest_bench: %d updates (Telegram and WhatsApp alternating) from %d people, "
      "%d keep-alive connections\n\n",
      updates, kPeople, connections);
  std::printf("%-34s %12s %12s %10s\n", "", "workmatch", "bare httplib", "ratio");
  std::printf("%-34s %12.0f %12.0f %9.2fx\n", "accepted updates/s (full speed)", wm_full.Rate(),
              bare_full.Rate(), wm_full.Rate() / bare_full.Rate());
  std::printf("%-34s %12.2f %12.2f %9.2fx\n", "ack p50 ms (full speed)", wm_full.Percentile(0.5),
              bare_full.Percentile(0.5), wm_full.Percentile(0.5) / bare_full.Percentile(0.5));
  std::printf("%-34s %12.2f %12.2f %9.2fx\n", "ack p99 ms (full speed)", wm_full.Percentile(0.99),
              bare_full.Percentile(0.99), wm_full.Percentile(0.99) / bare_full.Percentile(0.99));
  std::printf("%-34s %12.2f %12.2f %9.2fx\n",
              (std::string("ack p50 ms at ") + std::to_string(rate) + "/s").c_str(),
              wm_paced.Percentile(0.5), bare_paced.Percentile(0.5),
              wm_paced.Percentile(0.5) / bare_paced.Percentile(0.5));
  std::printf("%-34s %12.2f %12.2f %9.2fx\n",
              (std::string("ack p99 ms at ") + std::to_string(rate) + "/s").c_str(),
              wm_paced.Percentile(0.99), bare_paced.Percentile(0.99),
              wm_paced.Percentile(0.99) / bare_paced.Percentile(0.99));
  std::printf("%-34s %12.1f\n", "accept -> reply in outbox p50 ms", to_outbox.Percentile(0.5));
  std::printf("%-34s %12.1f\n", "accept -> reply in outbox p99 ms", to_outbox.Percentile(0.99));
  std::printf("%-34s %12zu %12zu\n", "failed requests", wm_full.failed + wm_paced.failed,
              bare_full.failed + bare_paced.failed);
  std::printf("%-34s %12zu\n", "replies queued", to_outbox.latencies_ms.size());
  return wm_full.failed + wm_paced.failed == 0 ? 0 : 1;
}
