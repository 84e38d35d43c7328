// ChangeSignal: "something new was queued" for long-polling readers. Readers
// remember the generation they saw and wait for a newer one.
#ifndef WORKMATCH_BOT_PIPELINE_CHANGE_SIGNAL_H_
#define WORKMATCH_BOT_PIPELINE_CHANGE_SIGNAL_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace workmatch {

class ChangeSignal {
 public:
  uint64_t Generation() const {
    std::lock_guard lock(mutex_);
    return generation_;
  }
  void Notify() {
    {
      std::lock_guard lock(mutex_);
      ++generation_;
    }
    cv_.notify_all();
  }
  // Waits until the generation passes `seen` or `timeout` elapses. Returns
  // false once Close() was called (stop waiting for good).
  bool WaitAfter(uint64_t seen, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, timeout, [&] { return closed_ || generation_ != seen; });
    return !closed_;
  }
  // Wakes every waiter for good (shutdown).
  void Close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    cv_.notify_all();
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  uint64_t generation_ = 0;
  bool closed_ = false;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_PIPELINE_CHANGE_SIGNAL_H_
