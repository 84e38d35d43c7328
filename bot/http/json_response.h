// JSON answers. Every error a client can cause is answered with
//   {"error": {"code": "...", "message": "..."}}
// and the right status; `code` is stable for programs, `message` says what to do.
#ifndef WORKMATCH_BOT_HTTP_JSON_RESPONSE_H_
#define WORKMATCH_BOT_HTTP_JSON_RESPONSE_H_

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string_view>

namespace workmatch {

void SendJson(httplib::Response& res, int status, const nlohmann::json& body);
void SendError(httplib::Response& res, int status, std::string_view code, std::string_view message);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_HTTP_JSON_RESPONSE_H_
