// ShutdownSignals: turns SIGTERM and SIGINT into a call, on a thread of its own.
//
// Construct it before any other thread starts: it blocks both signals in the
// calling thread, and threads created later inherit the mask, so only its
// watcher receives them (with sigtimedwait; no async-signal-safety traps).
#ifndef WORKMATCH_BOT_CLI_SHUTDOWN_SIGNALS_H_
#define WORKMATCH_BOT_CLI_SHUTDOWN_SIGNALS_H_

#include <atomic>
#include <functional>
#include <thread>

namespace workmatch {

class ShutdownSignals {
 public:
  ShutdownSignals();
  // Stops watching and restores the signal mask.
  ~ShutdownSignals();

  // Starts watching; `on_signal` runs once, on the watcher, with the signal's name.
  void Watch(std::function<void(const char* signal_name)> on_signal);

 private:
  std::atomic<bool> done_{false};
  std::thread watcher_;
};

}  // namespace workmatch

#endif  // WORKMATCH_BOT_CLI_SHUTDOWN_SIGNALS_H_
