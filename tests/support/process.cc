#include "tests/support/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace workmatch::testing {
namespace {

std::vector<std::string> BuildEnv(const Env& vars) {
  Env merged;
  for (const char* keep : {"PATH", "HOME", "TMPDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LANG"}) {
    if (const char* v = std::getenv(keep)) merged[keep] = v;
  }
  for (const auto& [k, v] : vars) merged[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : merged) out.push_back(k + "=" + v);
  return out;
}

pid_t Spawn(const std::vector<std::string>& args, const Env& vars, int out_fd, int err_fd) {
  std::vector<std::string> env = BuildEnv(vars);
  std::vector<char*> argv, envp;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
  // The child gets default signal dispositions and an empty mask, whatever the test runner has.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) throw std::runtime_error("cannot start " + args[0]);
  return pid;
}

int DecodeStatus(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

}  // namespace

std::string WorkmatchBinary() { return WORKMATCH_BINARY; }

Finished Run(const std::vector<std::string>& args, const Env& vars, std::chrono::seconds timeout) {
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe failed");
  }
  pid_t pid = Spawn(args, vars, out_pipe[1], err_pipe[1]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  Finished f;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&f.out, &f.err};
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int open = 2;
  while (open > 0 && std::chrono::steady_clock::now() < deadline) {
    if (::poll(fds, 2, 100) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      char buf[4096];
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open;
      }
    }
  }
  if (open > 0) ::kill(pid, SIGKILL);
  for (auto& p : fds) {
    if (p.fd >= 0) ::close(p.fd);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  f.exit_code = DecodeStatus(status);
  return f;
}

Child::Child(const std::vector<std::string>& args, const Env& vars) {
  int err_pipe[2];
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  int devnull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  pid_ = Spawn(args, vars, devnull, err_pipe[1]);
  ::close(devnull);
  ::close(err_pipe[1]);
  err_fd_ = err_pipe[0];
}

Child::~Child() {
  if (!exit_code_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  if (err_fd_ >= 0) ::close(err_fd_);
}

std::optional<std::string> Child::WaitForLine(const std::string& needle,
                                              std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    size_t found = err_.find(needle, scanned_);
    if (found != std::string::npos) {
      size_t begin = err_.rfind('\n', found);
      begin = begin == std::string::npos ? 0 : begin + 1;
      size_t end = err_.find('\n', found);
      if (end != std::string::npos) {
        scanned_ = end + 1;
        return err_.substr(begin, end - begin);
      }
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || err_fd_ < 0) return std::nullopt;
    pollfd p{err_fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(std::min<long>(left.count(), 100))) <= 0) continue;
    char buf[4096];
    ssize_t n = ::read(err_fd_, buf, sizeof buf);
    if (n <= 0) {
      ::close(err_fd_);
      err_fd_ = -1;
      continue;
    }
    err_.append(buf, static_cast<size_t>(n));
  }
}

void Child::Signal(int sig) {
  if (!exit_code_) ::kill(pid_, sig);
}

int Child::Wait(std::chrono::milliseconds timeout) {
  if (exit_code_) return *exit_code_;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    WaitForLine("\x01never", std::chrono::milliseconds(20));  // keep draining stderr
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      WaitForLine("\x01never", std::chrono::milliseconds(0));
      exit_code_ = DecodeStatus(status);
      return *exit_code_;
    }
  }
  return -1;
}

}  // namespace workmatch::testing
