// TokenBucket: `rate_per_second` on average with bursts of `burst`, on the
// caller's clock (milliseconds), so that tests step it with a fake clock.
// Not thread-safe; the dispatcher guards its buckets.
#ifndef WORKMATCH_BOT_PIPELINE_RATE_LIMITER_H_
#define WORKMATCH_BOT_PIPELINE_RATE_LIMITER_H_

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <mutex>
#include <string>

namespace workmatch {

class TokenBucket {
 public:
  TokenBucket(double rate_per_second, double burst, int64_t now_ms)
      : rate_per_ms_(rate_per_second / 1000.0),
        burst_(std::max(1.0, burst)),
        tokens_(burst_),
        last_ms_(now_ms) {}

  // Takes one token if there is one.
  bool TryTake(int64_t now_ms) {
    Refill(now_ms);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

  // When the next token will be there (now_ms if it already is).
  int64_t ReadyAt(int64_t now_ms) {
    Refill(now_ms);
    if (tokens_ >= 1.0 || rate_per_ms_ <= 0) return now_ms;
    return now_ms + static_cast<int64_t>((1.0 - tokens_) / rate_per_ms_) + 1;
  }

  // True when the bucket is full (it can be forgotten).
  bool Full(int64_t now_ms) {
    Refill(now_ms);
    return tokens_ >= burst_;
  }

 private:
  void Refill(int64_t now_ms) {
    if (now_ms > last_ms_) {
      tokens_ = std::min(burst_, tokens_ + static_cast<double>(now_ms - last_ms_) * rate_per_ms_);
      last_ms_ = now_ms;
    }
  }

  double rate_per_ms_;
  double burst_;
  double tokens_;
  int64_t last_ms_;
};

// One TokenBucket per key (a session, an address), thread-safe; idle keys are
// forgotten once there are many.
class KeyedRateLimiter {
 public:
  KeyedRateLimiter(double rate_per_second, double burst) : rate_(rate_per_second), burst_(burst) {}

  bool Allow(const std::string& key, int64_t now_ms) {
    std::lock_guard lock(mutex_);
    if (buckets_.size() > 50000) {
      for (auto it = buckets_.begin(); it != buckets_.end();) {
        it = it->second.Full(now_ms) ? buckets_.erase(it) : std::next(it);
      }
    }
    return buckets_.try_emplace(key, rate_, burst_, now_ms).first->second.TryTake(now_ms);
  }

 private:
  const double rate_;
  const double burst_;
  std::mutex mutex_;
  std::map<std::string, TokenBucket> buckets_;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_PIPELINE_RATE_LIMITER_H_
