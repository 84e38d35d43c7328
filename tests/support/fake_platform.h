// FakePlatform: a real HTTP server on 127.0.0.1 standing in for the Telegram
// Bot API or the WhatsApp Cloud API. It records every request and answers from
// a script (status and body per call, in order), or with a success answer.
#ifndef WORKMATCH_TESTS_SUPPORT_FAKE_PLATFORM_H_
#define WORKMATCH_TESTS_SUPPORT_FAKE_PLATFORM_H_

#include <httplib.h>

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace workmatch::testing {

struct RecordedRequest {
  std::string path;
  nlohmann::json body;
  std::string authorization;
};

struct ScriptedAnswer {
  int status = 200;
  std::string body;
};

class FakePlatform {
 public:
  // `success(path, body)` builds the default answer.
  using Success = std::function<ScriptedAnswer(const std::string&, const nlohmann::json&)>;

  explicit FakePlatform(Success success) : success_(std::move(success)) {
    server_.Post(R"(.*)", [this](const httplib::Request& req, httplib::Response& res) {
      RecordedRequest r{req.path, nlohmann::json::parse(req.body, nullptr, false),
                        req.get_header_value("Authorization")};
      ScriptedAnswer answer;
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(r);
        if (!script_.empty() && (script_.front().first.empty() ||
                                 req.path.find(script_.front().first) != std::string::npos)) {
          answer = script_.front().second;
          script_.pop_front();
        } else {
          answer = success_(req.path, r.body);
        }
      }
      res.status = answer.status;
      res.set_content(answer.body, "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 200 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  ~FakePlatform() {
    server_.stop();
    thread_.join();
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // The next call whose path contains `path_part` ("" = any) gets `answer`.
  void Script(const std::string& path_part, ScriptedAnswer answer) {
    std::lock_guard lock(mutex_);
    script_.emplace_back(path_part, std::move(answer));
  }

  std::vector<RecordedRequest> Requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  // Requests whose path contains `part`.
  std::vector<RecordedRequest> Requests(const std::string& part) const {
    std::vector<RecordedRequest> out;
    for (auto& r : Requests()) {
      if (r.path.find(part) != std::string::npos) out.push_back(r);
    }
    return out;
  }
  // Waits until at least `n` requests whose path contains `part` arrived.
  bool WaitFor(const std::string& part, size_t n, std::chrono::milliseconds timeout) const {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (Requests(part).size() >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return Requests(part).size() >= n;
  }

 private:
  Success success_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  std::deque<std::pair<std::string, ScriptedAnswer>> script_;
};

// A Telegram Bot API that accepts every call: sendMessage answers with a
// Message whose message_id counts up.
inline FakePlatform::Success TelegramSuccess() {
  auto counter = std::make_shared<int>(1000);
  return [counter](const std::string&, const nlohmann::json& body) {
    nlohmann::json result = {{"message_id", ++*counter},
                             {"chat", {{"id", body.value("chat_id", nlohmann::json(0))}}},
                             {"date", 1781000000}};
    return ScriptedAnswer{200, nlohmann::json({{"ok", true}, {"result", result}}).dump()};
  };
}

// A WhatsApp Cloud API that accepts every message with a fresh wamid.
inline FakePlatform::Success WhatsAppSuccess() {
  auto counter = std::make_shared<int>(0);
  return [counter](const std::string&, const nlohmann::json& body) {
    if (body.value("status", "") == "read") return ScriptedAnswer{200, R"({"success":true})"};
    nlohmann::json answer = {
        {"messaging_product", "whatsapp"},
        {"contacts", {{{"input", body.value("to", "")}, {"wa_id", body.value("to", "")}}}},
        {"messages", {{{"id", "wamid.FAKE" + std::to_string(++*counter)}}}}};
    return ScriptedAnswer{200, answer.dump()};
  };
}

}  // namespace workmatch::testing

#endif  // WORKMATCH_TESTS_SUPPORT_FAKE_PLATFORM_H_
