// FakeClock: a Clock that moves only when a test advances it.
#ifndef WORKMATCH_TESTS_SUPPORT_FAKE_CLOCK_H_
#define WORKMATCH_TESTS_SUPPORT_FAKE_CLOCK_H_

#include <mutex>

#include "core/clock.h"

namespace workmatch::testing {

class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start = FromUnixMillis(1'800'000'000'000)) : now_(start) {}
  TimePoint Now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void Advance(std::chrono::milliseconds by) {
    std::lock_guard lock(mutex_);
    now_ += by;
  }

 private:
  mutable std::mutex mutex_;
  TimePoint now_;
};

}  // namespace workmatch::testing

#endif  // WORKMATCH_TESTS_SUPPORT_FAKE_CLOCK_H_
