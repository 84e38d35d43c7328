// HttpServer: cpp-httplib configured for a service that platforms call.
//
// What it changes from cpp-httplib 0.11's defaults, and why:
//   - TCP_NODELAY on: with Nagle, every keep-alive answer stalls ~40 ms.
//   - a bounded pool: `threads` workers and at most `max_queued` accepted
//     connections waiting; beyond that accept() waits and the kernel backlog
//     (SOMAXCONN, not 5) holds new connections.
//   - a body limit (413 above it), short read/write timeouts so that slow
//     clients cannot hold every worker, and keep-alive for many requests.
//     Measured on 0.11: a client that sends part of a request and stalls holds
//     its worker for the keep-alive timeout, whatever the read timeout; both
//     are therefore short (tests/bot/http_server_test.cc proves the bound).
//   - SIGPIPE ignored: a peer that disconnects mid-write is an error, not a kill.
//   - JSON error bodies for every 4xx/5xx (404, 405 with Allow, 413, 500, ...).
//   - metrics per route pattern (never per raw path) and a latency histogram.
// Stop() stops accepting, lets in-flight requests finish, then Run() returns.
//
// Register routes before Bind(); Stop() may be called from any thread.
#ifndef WORKMATCH_BOT_HTTP_SERVER_H_
#define WORKMATCH_BOT_HTTP_SERVER_H_

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <regex>
#include <string>

#include "bot/observe/metrics.h"
#include "core/result.h"

namespace workmatch {

struct HttpOptions {
  std::string host = "127.0.0.1";       // Default: 127.0.0.1
  int port = 8080;                      // 0: any free port. Default: 8080
  int threads = 64;                     // worker threads. Default: 64
  size_t max_queued = 1024;             // accepted connections waiting for a worker. Default: 1024
  size_t max_body_bytes = 1024 * 1024;  // Default: 1 MiB
  std::chrono::milliseconds read_timeout{5000};   // Default: 5 s
  std::chrono::milliseconds write_timeout{5000};  // Default: 5 s
  size_t keep_alive_max_requests = 100000;        // per connection. Default: 100000
  int keep_alive_timeout_s = 5;                   // idle keep-alive. Default: 5 s
};

class HttpServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  HttpServer(HttpOptions options, Metrics& metrics);
  ~HttpServer();

  // `pattern` is a cpp-httplib pattern (a regex over the path); `route` names
  // it in metrics and logs ("/webhooks/telegram").
  void Get(const std::string& pattern, const std::string& route, Handler handler);
  void Post(const std::string& pattern, const std::string& route, Handler handler);

  // Binds the listening socket. Returns the port (useful with port 0).
  // Error "http.bind" names the address and what to do.
  Result<int> Bind();
  // Serves until Stop(); returns once in-flight requests are answered.
  // REQUIRES: Bind() succeeded.
  void Run();
  void Stop();

  // Connections accepted and waiting for a worker (a gauge).
  size_t QueuedConnections() const;

 private:
  struct Route {
    std::string method;
    std::regex pattern;
    std::string label;
  };
  class Pool;

  void Add(const std::string& method, const std::string& pattern, const std::string& route,
           Handler handler);
  void Configure();

  HttpOptions options_;
  Metrics& metrics_;
  httplib::Server server_;
  std::deque<Route> routes_;    // stable addresses: handlers point at their label
  std::unique_ptr<Pool> pool_;  // shut down when Run() ends
  std::atomic<int> listen_fd_{-1};
  std::atomic<bool> running_{false};
  std::atomic<bool> stop_requested_{false};
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_HTTP_SERVER_H_
