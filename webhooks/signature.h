// Request authentication helpers (OpenSSL): constant-time comparison and the
// HMAC-SHA256 that signs WhatsApp deliveries.
#ifndef WORKMATCH_WEBHOOKS_SIGNATURE_H_
#define WORKMATCH_WEBHOOKS_SIGNATURE_H_

#include <string>
#include <string_view>

namespace workmatch {

// True when a and b are equal; the time taken does not depend on where they
// differ (only on their lengths, which are not secret here).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Lowercase hex HMAC-SHA256 of `data` keyed with `key`.
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// Checks an X-Hub-Signature-256 header ("sha256=<64 hex>") against the raw body.
// False for a missing, malformed, wrong-length or wrong signature.
bool VerifyHubSignature(std::string_view header, std::string_view raw_body,
                        std::string_view app_secret);

// A random token of `bytes` bytes, hex encoded (OpenSSL RAND_bytes).
std::string RandomHexToken(size_t bytes);

// Lowercase hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace workmatch

#endif  // WORKMATCH_WEBHOOKS_SIGNATURE_H_
