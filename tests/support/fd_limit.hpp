// Raises the soft RLIMIT_NOFILE for tests that hold thousands of descriptors, and puts the
// old limit back when it goes out of scope. A hard limit below what the test needs is a
// failure with the numbers, never a silent skip.
#pragma once

#if defined(__linux__)

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace ringport::test {

class fd_limit_guard {
 public:
  // `needed`: descriptors the test will hold at once (plus what the process already has).
  explicit fd_limit_guard(rlim_t needed) {
    if (::getrlimit(RLIMIT_NOFILE, &saved_) != 0) {
      error_ = std::string("getrlimit(RLIMIT_NOFILE) failed: ") + std::strerror(errno);
      return;
    }
    if (saved_.rlim_cur != RLIM_INFINITY && saved_.rlim_cur >= needed) return;
    if (saved_.rlim_cur == RLIM_INFINITY) return;
    if (saved_.rlim_max != RLIM_INFINITY && saved_.rlim_max < needed) {
      error_ = "RLIMIT_NOFILE hard limit is " + std::to_string(saved_.rlim_max) +
               " but this test needs " + std::to_string(needed) +
               " descriptors; raise it (ulimit -Hn) to run the test";
      return;
    }
    rlimit raised = saved_;
    raised.rlim_cur = needed;
    if (::setrlimit(RLIMIT_NOFILE, &raised) != 0) {
      error_ = std::string("setrlimit(RLIMIT_NOFILE) to ") + std::to_string(needed) +
               " failed: " + std::strerror(errno);
      return;
    }
    restore_ = true;
  }
  fd_limit_guard(const fd_limit_guard&) = delete;
  fd_limit_guard& operator=(const fd_limit_guard&) = delete;
  ~fd_limit_guard() {
    if (restore_) ::setrlimit(RLIMIT_NOFILE, &saved_);
  }

  // Empty when the limit is high enough now; otherwise why not.
  const std::string& error() const noexcept { return error_; }

 private:
  rlimit saved_{};
  bool restore_ = false;
  std::string error_;
};

}  // namespace ringport::test

#endif  // __linux__
