// HttpClient: JSON over HTTP(S) to one platform API, with a pool of kept-alive
// connections so that concurrent sends do not share one (cpp-httplib's Client
// is not safe for concurrent use).
#ifndef WORKMATCH_WEBHOOKS_HTTP_CLIENT_H_
#define WORKMATCH_WEBHOOKS_HTTP_CLIENT_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"

namespace httplib {
class Client;
}

namespace workmatch {

struct HttpAnswer {
  int status = 0;  // 0 when no answer came (network error, timeout)
  std::string body;
  std::string network_error;  // set when status == 0
};

class HttpClient {
 public:
  // `base_url`: "https://api.telegram.org" or "http://127.0.0.1:9000/v21.0"
  // (a path prefix is kept). Error "http.base_url" when it cannot be parsed.
  static Result<std::unique_ptr<HttpClient>> Create(const std::string& base_url,
                                                    std::chrono::milliseconds timeout);
  ~HttpClient();

  // POSTs `body` as JSON to base path + `path`, with `bearer` as Authorization when set.
  HttpAnswer PostJson(const std::string& path, const nlohmann::json& body,
                      const std::string& bearer = "");

 private:
  HttpClient(std::string scheme_host_port, std::string prefix, std::chrono::milliseconds timeout);
  std::unique_ptr<httplib::Client> Take();
  void Give(std::unique_ptr<httplib::Client> client);

  const std::string scheme_host_port_;
  const std::string prefix_;
  const std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<httplib::Client>> idle_;  // guarded by mutex_
};

}  // namespace workmatch

#endif  // WORKMATCH_WEBHOOKS_HTTP_CLIENT_H_
