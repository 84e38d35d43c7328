#include "bot/http/json_response.h"

namespace workmatch {

void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  // Replace invalid UTF-8 rather than throw: an answer must always go out.
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, std::string_view code,
               std::string_view message) {
  SendJson(res, status, {{"error", {{"code", code}, {"message", message}}}});
}

}  // namespace workmatch
