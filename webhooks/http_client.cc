#include "webhooks/http_client.h"

#include <httplib.h>

namespace workmatch {

Result<std::unique_ptr<HttpClient>> HttpClient::Create(const std::string& base_url,
                                                       std::chrono::milliseconds timeout) {
  size_t scheme_end = base_url.find("://");
  if (scheme_end == std::string::npos) {
    return Error{"http.base_url", "the API base URL must start with http:// or https://"};
  }
  size_t path_start = base_url.find('/', scheme_end + 3);
  std::string host = base_url.substr(0, path_start);
  std::string prefix = path_start == std::string::npos ? "" : base_url.substr(path_start);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return std::unique_ptr<HttpClient>(new HttpClient(host, prefix, timeout));
}

HttpClient::HttpClient(std::string scheme_host_port, std::string prefix,
                       std::chrono::milliseconds timeout)
    : scheme_host_port_(std::move(scheme_host_port)),
      prefix_(std::move(prefix)),
      timeout_(timeout) {}

HttpClient::~HttpClient() = default;

std::unique_ptr<httplib::Client> HttpClient::Take() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  auto c = std::make_unique<httplib::Client>(scheme_host_port_);
  c->set_keep_alive(true);
  c->set_tcp_nodelay(true);
  c->set_connection_timeout(timeout_);
  c->set_read_timeout(timeout_);
  c->set_write_timeout(timeout_);
  return c;
}

void HttpClient::Give(std::unique_ptr<httplib::Client> client) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(client));
}

HttpAnswer HttpClient::PostJson(const std::string& path, const nlohmann::json& body,
                                const std::string& bearer) {
  auto client = Take();
  httplib::Headers headers;
  if (!bearer.empty()) headers.emplace("Authorization", "Bearer " + bearer);
  auto res = client->Post(prefix_ + path, headers,
                          body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                          "application/json");
  HttpAnswer answer;
  if (!res) {
    answer.network_error = httplib::to_string(res.error());
    return answer;  // a broken connection is not returned to the pool
  }
  answer.status = res->status;
  answer.body = res->body;
  Give(std::move(client));
  return answer;
}

}  // namespace workmatch
