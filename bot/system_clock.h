// SystemClock: the real time, for production.
#ifndef WORKMATCH_BOT_SYSTEM_CLOCK_H_
#define WORKMATCH_BOT_SYSTEM_CLOCK_H_

#include "core/clock.h"

namespace workmatch {

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_SYSTEM_CLOCK_H_
