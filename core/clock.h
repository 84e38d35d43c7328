// Clock: the only way code below bot/ learns the time.
//
// core and dialogs never read a clock themselves; the host passes a Clock (or a
// time point) in. Production uses bot's SystemClock; tests use a fake that they
// advance by hand. Implementations must be thread-safe.
#ifndef WORKMATCH_CORE_CLOCK_H_
#define WORKMATCH_CORE_CLOCK_H_

#include <chrono>
#include <cstdint>

namespace workmatch {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// Milliseconds since the Unix epoch: how times are stored in the database.
inline int64_t ToUnixMillis(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
inline TimePoint FromUnixMillis(int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

}  // namespace workmatch

#endif  // WORKMATCH_CORE_CLOCK_H_
