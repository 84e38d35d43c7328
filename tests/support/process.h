// Running the real workmatch binary from tests: a Child with pipes for stdout
// and stderr, its own environment, and signals.
#ifndef WORKMATCH_TESTS_SUPPORT_PROCESS_H_
#define WORKMATCH_TESTS_SUPPORT_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace workmatch::testing {

// The workmatch binary under test (set by CMake).
std::string WorkmatchBinary();

struct Finished {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
};

// Environment for a child: a clean one (PATH, HOME, TMPDIR kept) plus `vars`.
using Env = std::map<std::string, std::string>;

// Runs to completion (killed after `timeout`).
Finished Run(const std::vector<std::string>& args, const Env& vars = {},
             std::chrono::seconds timeout = std::chrono::seconds(60));

// A running child whose stderr is read line by line.
class Child {
 public:
  Child(const std::vector<std::string>& args, const Env& vars = {});
  ~Child();  // kills the child if still running
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // Reads stderr until a line contains `needle`; returns that line, or nullopt
  // at end of output or after `timeout`.
  std::optional<std::string> WaitForLine(const std::string& needle,
                                         std::chrono::milliseconds timeout);
  void Signal(int sig);
  // Waits for exit; returns the exit code (-1 when killed or on timeout).
  int Wait(std::chrono::milliseconds timeout);
  // Everything read from stderr so far.
  const std::string& err() const { return err_; }

 private:
  pid_t pid_ = -1;
  int err_fd_ = -1;
  std::string err_;
  size_t scanned_ = 0;
  std::optional<int> exit_code_;
};

}  // namespace workmatch::testing

#endif  // WORKMATCH_TESTS_SUPPORT_PROCESS_H_
