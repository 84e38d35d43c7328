#include "bot/http/server.h"

#include <fmt/format.h>
#include <sys/socket.h>

#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>
#include <vector>

#include "bot/http/json_response.h"
#include "bot/observe/log.h"

namespace workmatch {

// A fixed set of workers with a bounded queue: enqueue() waits when the queue
// is full, which holds the accept loop back (backpressure to the kernel backlog).
class HttpServer::Pool : public httplib::TaskQueue {
 public:
  Pool(size_t threads, size_t max_queued) : max_queued_(max_queued) {
    for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { Work(); });
  }

  void enqueue(std::function<void()> fn) override {
    {
      std::unique_lock lock(mutex_);
      not_full_.wait(lock, [this] { return jobs_.size() < max_queued_ || shutdown_; });
      jobs_.push_back(std::move(fn));
    }
    not_empty_.notify_one();
  }

  ~Pool() override { shutdown(); }

  // Finishes every queued job, then joins the workers. Idempotent.
  void shutdown() override {
    {
      std::lock_guard lock(mutex_);
      shutdown_ = true;
    }
    not_empty_.notify_all();
    not_full_.notify_all();
    for (auto& t : workers_) {
      if (t.joinable()) t.join();
    }
  }

  size_t Queued() const {
    std::lock_guard lock(mutex_);
    return jobs_.size();
  }

 private:
  void Work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [this] { return shutdown_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      not_full_.notify_one();
      job();
    }
  }

  const size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<std::function<void()>> jobs_;
  bool shutdown_ = false;
  std::vector<std::thread> workers_;
};

// What cpp-httplib owns and deletes: a handle onto our pool, which outlives it.
class PoolHandle : public httplib::TaskQueue {
 public:
  explicit PoolHandle(httplib::TaskQueue& pool) : pool_(pool) {}
  void enqueue(std::function<void()> fn) override { pool_.enqueue(std::move(fn)); }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::TaskQueue& pool_;
};

namespace {

// Set per request on the worker thread that serves it (cpp-httplib serves a
// request start to end on one thread): the route label and the start time.
thread_local const std::string* t_route = nullptr;
thread_local std::chrono::steady_clock::time_point t_start;

const std::string kUnmatched = "unmatched";

std::string_view ErrorCode(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 408:
      return "timeout";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 415:
      return "unsupported_media_type";
    case 429:
      return "rate_limited";
    case 503:
      return "unavailable";
    default:
      return status >= 500 ? "internal" : "error";
  }
}

std::string ErrorMessage(int status, size_t max_body) {
  switch (status) {
    case 400:
      return "The request could not be read; check the method, headers and body.";
    case 404:
      return "No such endpoint; see /healthz, /readyz and /metrics.";
    case 405:
      return "This endpoint does not take that method; see the Allow header.";
    case 413:
      return fmt::format("The body is larger than {} bytes; send a smaller one.", max_body);
    case 414:
      return "The URL is too long.";
    case 503:
      return "The service is not ready; retry shortly.";
    default:
      return status >= 500 ? "Something went wrong on our side; retry later."
                           : "The request was refused.";
  }
}

}  // namespace

HttpServer::HttpServer(HttpOptions options, Metrics& metrics)
    : options_(std::move(options)),
      metrics_(metrics),
      pool_(std::make_unique<Pool>(static_cast<size_t>(options_.threads), options_.max_queued)) {
  Configure();
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Configure() {
  server_.new_task_queue = [this] { return new PoolHandle(*pool_); };
  server_.set_tcp_nodelay(true);
  server_.set_payload_max_length(options_.max_body_bytes);
  server_.set_keep_alive_max_count(options_.keep_alive_max_requests);
  server_.set_keep_alive_timeout(options_.keep_alive_timeout_s);
  server_.set_read_timeout(options_.read_timeout);
  server_.set_write_timeout(options_.write_timeout);
  server_.set_socket_options([this](socket_t sock) {
    int yes = 1;
    // SO_REUSEADDR only: SO_REUSEPORT would let a second server share the port silently.
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listen_fd_.store(sock);
  });
  server_.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_start = std::chrono::steady_clock::now();
    t_route = nullptr;
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server_.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // the handler wrote its own JSON error
    // A known path asked with another method is a 405, whether cpp-httplib
    // found no handler (404) or refused the request before routing (400).
    if (res.status == 404 || res.status == 400) {
      std::vector<std::string> allowed;
      bool method_known = false;
      for (const Route& r : routes_) {
        if (!std::regex_match(req.path, r.pattern)) continue;
        allowed.push_back(r.method);
        method_known |= r.method == req.method || (r.method == "GET" && req.method == "HEAD");
      }
      if (!allowed.empty() && !method_known) {
        res.status = 405;
        res.set_header("Allow", fmt::format("{}", fmt::join(allowed, ", ")));
      }
    }
    SendError(res, res.status, ErrorCode(res.status),
              ErrorMessage(res.status, options_.max_body_bytes));
  });
  server_.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        log::Error("http", "handler failed",
                   {{"route", t_route ? *t_route : kUnmatched}, {"error", what}});
        SendError(res, 500, "internal", "Something went wrong on our side; retry later.");
      });
  server_.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    const std::string& route = t_route ? *t_route : kUnmatched;
    double seconds = 0;
    if (t_start.time_since_epoch().count() != 0) {
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
    }
    metrics_.ObserveRequest(route, req.method, res.status, seconds);
    log::Debug(
        "http", "request",
        {{"method", req.method}, {"route", route}, {"status", res.status}, {"ms", seconds * 1000}});
    t_route = nullptr;
    t_start = {};
  });
}

void HttpServer::Add(const std::string& method, const std::string& pattern,
                     const std::string& route, Handler handler) {
  routes_.push_back(Route{method, std::regex(pattern), route});
  const std::string* label = &routes_.back().label;
  Handler wrapped = [label, h = std::move(handler)](const httplib::Request& req,
                                                    httplib::Response& res) {
    t_route = label;
    h(req, res);
  };
  if (method == "GET") server_.Get(pattern, std::move(wrapped));
  if (method == "POST") server_.Post(pattern, std::move(wrapped));
}

void HttpServer::Get(const std::string& pattern, const std::string& route, Handler handler) {
  Add("GET", pattern, route, std::move(handler));
}

void HttpServer::Post(const std::string& pattern, const std::string& route, Handler handler) {
  Add("POST", pattern, route, std::move(handler));
}

Result<int> HttpServer::Bind() {
  int port = options_.port;
  if (port == 0) {
    port = server_.bind_to_any_port(options_.host);
    if (port <= 0) port = -1;
  } else if (!server_.bind_to_port(options_.host, port)) {
    port = -1;
  }
  if (port < 0) {
    return Error{"http.bind",
                 fmt::format("cannot listen on {}:{}: the address is in use or not on this "
                             "machine; set WORKMATCH_LISTEN to a free host:port",
                             options_.host, options_.port)};
  }
  // cpp-httplib listens with a backlog of 5; listen() again raises it.
  if (int fd = listen_fd_.load(); fd >= 0) ::listen(fd, SOMAXCONN);
  return port;
}

void HttpServer::Run() {
  std::signal(SIGPIPE, SIG_IGN);
  running_.store(true);
  if (!stop_requested_.load()) server_.listen_after_bind();
  running_.store(false);
}

void HttpServer::Stop() {
  stop_requested_.store(true);
  // Run() may be between its check and the accept loop: wait for it to start.
  for (int i = 0; i < 200 && running_.load() && !server_.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (server_.is_running()) server_.stop();
}

size_t HttpServer::QueuedConnections() const { return pool_->Queued(); }

}  // namespace workmatch
