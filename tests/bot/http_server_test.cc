#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "bot/http/json_response.h"
#include "bot/http/server.h"

namespace workmatch {
namespace {

using nlohmann::json;

// A server on a free loopback port, running on its own thread.
class RunningServer {
 public:
  explicit RunningServer(HttpOptions options = {}) {
    options.port = 0;
    server_ = std::make_unique<HttpServer>(options, metrics_);
  }
  ~RunningServer() { Stop(); }

  HttpServer& server() { return *server_; }
  Metrics& metrics() { return metrics_; }

  void Start() {
    auto port = server_->Bind();
    REQUIRE(port.ok());
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
    // Wait until it answers.
    for (int i = 0; i < 200; ++i) {
      httplib::Client c = Client();
      if (c.Get("/__ping")) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL("server did not start");
  }
  void Stop() {
    if (!thread_.joinable()) return;
    server_->Stop();
    thread_.join();
  }
  int port() const { return port_; }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(std::chrono::seconds(10));
    return c;
  }

 private:
  Metrics metrics_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};

json Body(const httplib::Result& r) { return json::parse(r->body); }

void CheckJsonError(const httplib::Result& r, int status, const std::string& code) {
  REQUIRE(r);
  CHECK(r->status == status);
  CHECK_THAT(r->get_header_value("Content-Type"), Catch::StartsWith("application/json"));
  json body = Body(r);
  CHECK(body["error"]["code"] == code);
  CHECK_FALSE(body["error"]["message"].get<std::string>().empty());
}

TEST_CASE("Unknown paths get a JSON 404", "[bot][http]") {
  RunningServer s;
  s.Start();
  CheckJsonError(s.Client().Get("/no/such/thing"), 404, "not_found");
}

TEST_CASE("A known path with another method gets a JSON 405 with Allow", "[bot][http]") {
  RunningServer s;
  s.server().Get("/thing", "/thing", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, {{"ok", true}});
  });
  s.Start();
  auto r = s.Client().Post("/thing", "{}", "application/json");
  CheckJsonError(r, 405, "method_not_allowed");
  CHECK(r->get_header_value("Allow") == "GET");
  auto d = s.Client().Delete("/thing");
  CheckJsonError(d, 405, "method_not_allowed");
}

TEST_CASE("A body over the limit gets a JSON 413 and the server keeps serving", "[bot][http]") {
  HttpOptions options;
  options.max_body_bytes = 4096;
  RunningServer s(options);
  bool handler_ran = false;
  s.server().Post("/in", "/in", [&](const httplib::Request&, httplib::Response& res) {
    handler_ran = true;
    SendJson(res, 200, {{"ok", true}});
  });
  s.Start();
  auto r = s.Client().Post("/in", std::string(5000, 'x'), "application/json");
  CheckJsonError(r, 413, "payload_too_large");
  CHECK_FALSE(handler_ran);
  auto ok = s.Client().Post("/in", std::string(100, 'x'), "application/json");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(handler_ran);
}

TEST_CASE("A handler that throws gets a JSON 500 and the server keeps serving", "[bot][http]") {
  RunningServer s;
  s.server().Get("/boom", "/boom", [](const httplib::Request&, httplib::Response&) {
    throw std::runtime_error("broken invariant");
  });
  s.server().Get("/fine", "/fine", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, {{"ok", true}});
  });
  s.Start();
  CheckJsonError(s.Client().Get("/boom"), 500, "internal");
  auto r = s.Client().Get("/fine");
  REQUIRE(r);
  CHECK(r->status == 200);
}

TEST_CASE("Requests are counted by route pattern, not by raw path", "[bot][http]") {
  RunningServer s;
  s.server().Get(R"(/items/(\d+))", "/items/:id",
                 [](const httplib::Request&, httplib::Response& res) {
                   SendJson(res, 200, {{"ok", true}});
                 });
  s.Start();
  auto c = s.Client();
  REQUIRE(c.Get("/items/1"));
  REQUIRE(c.Get("/items/2"));
  REQUIRE(c.Get("/missing"));
  // cpp-httplib counts a request after its answer is written: wait for the last one.
  std::string text;
  for (int i = 0; i < 100; ++i) {
    text = s.metrics().Render();
    if (text.find(R"(route="unmatched",method="GET",status="404")") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK_THAT(
      text,
      Catch::Contains(
          R"(workmatch_http_requests_total{route="/items/:id",method="GET",status="200"} 2)"));
  CHECK_THAT(text, Catch::Contains(R"(route="unmatched",method="GET",status="404")"));
  CHECK_THAT(text, Catch::Contains(
                       R"(workmatch_http_request_duration_seconds_count{route="/items/:id"} 2)"));
  CHECK_THAT(text, !Catch::Contains("/items/1"));
}

TEST_CASE("Many keep-alive requests are answered on one connection", "[bot][http]") {
  RunningServer s;
  s.server().Get("/x", "/x", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, {{"ok", true}});
  });
  s.Start();
  httplib::Client c = s.Client();
  c.set_keep_alive(true);
  for (int i = 0; i < 50; ++i) {
    auto r = c.Get("/x");
    REQUIRE(r);
    REQUIRE(r->status == 200);
  }
}

// A raw TCP connection that sends part of a request and then stalls.
int StallingClient(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  const char partial[] = "POST /x HTTP/1.1\r\nHost: a\r\n";
  REQUIRE(::send(fd, partial, sizeof partial - 1, 0) > 0);
  return fd;
}

TEST_CASE("Slow clients cannot hold every worker: the read timeout frees them", "[bot][http]") {
  HttpOptions options;
  options.threads = 2;
  options.read_timeout = std::chrono::milliseconds(300);
  options.keep_alive_timeout_s = 1;
  RunningServer s(options);
  s.server().Get("/x", "/x", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, {{"ok", true}});
  });
  s.Start();
  int a = StallingClient(s.port());
  int b = StallingClient(s.port());
  auto started = std::chrono::steady_clock::now();
  auto r = s.Client().Get("/x");
  auto waited = std::chrono::steady_clock::now() - started;
  ::close(a);
  ::close(b);
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(waited < std::chrono::seconds(3));  // the stalled workers were freed
}

TEST_CASE("Stop lets an in-flight request finish before Run returns", "[bot][http]") {
  RunningServer s;
  std::promise<void> entered, release;
  auto released = release.get_future().share();
  s.server().Get("/slow", "/slow", [&](const httplib::Request&, httplib::Response& res) {
    entered.set_value();
    released.wait();
    SendJson(res, 200, {{"finished", true}});
  });
  s.Start();
  auto answer = std::async(std::launch::async, [&] { return s.Client().Get("/slow"); });
  entered.get_future().wait();
  auto stopped = std::async(std::launch::async, [&] { s.Stop(); });
  // The server is stopping but must not drop the request in progress.
  CHECK(stopped.wait_for(std::chrono::milliseconds(200)) == std::future_status::timeout);
  release.set_value();
  auto r = answer.get();
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(Body(r)["finished"] == true);
  stopped.get();
  // And after Stop nothing is accepted.
  CHECK_FALSE(s.Client().Get("/slow"));
}

}  // namespace
}  // namespace workmatch
