// thread: Asio's minimal thread class (start a function on a new thread, join it), offered for
// code written before std::thread. Unlike std::thread, destroying a thread that was not joined
// detaches it instead of terminating the program, as Asio's does.
#pragma once

#include "ringport/detail/config.hpp"

#include <thread>
#include <utility>

namespace ringport {

/// Asio's minimal thread class (start a function on a new thread, join it), offered for code
/// written before std::thread.
///
/// Unlike std::thread, destroying a thread that was not joined detaches it instead of
/// terminating the program, as Asio's does. It can be neither copied nor moved.
class thread {
 public:
  /// Starts a new thread that runs `f()`.
  template <typename Function>
  explicit thread(Function f) : thread_(std::move(f)) {}

  thread(const thread&) = delete;
  thread& operator=(const thread&) = delete;

  ~thread() {
    if (thread_.joinable()) thread_.detach();
  }

  /// Waits for the function to return. A second call does nothing.
  void join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::thread thread_;
};

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
