#include "bot/cli/shutdown_signals.h"

#include <pthread.h>
#include <signal.h>

#include <ctime>

namespace workmatch {
namespace {

sigset_t ShutdownSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

ShutdownSignals::ShutdownSignals() {
  sigset_t set = ShutdownSet();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

ShutdownSignals::~ShutdownSignals() {
  done_.store(true);
  if (watcher_.joinable()) watcher_.join();
  sigset_t set = ShutdownSet();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

void ShutdownSignals::Watch(std::function<void(const char*)> on_signal) {
  watcher_ = std::thread([this, cb = std::move(on_signal)] {
    sigset_t set = ShutdownSet();
    const timespec tick{0, 100'000'000};  // re-check done_ every 100 ms
    while (!done_.load()) {
      int sig = sigtimedwait(&set, nullptr, &tick);
      if (sig == SIGTERM || sig == SIGINT) {
        cb(sig == SIGTERM ? "SIGTERM" : "SIGINT");
        return;
      }
    }
  });
}

}  // namespace workmatch
