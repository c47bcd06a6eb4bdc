// The epoll reactor backend (Linux fallback when io_uring is missing or blocked).
// Core part: waiting with nanosecond timeouts (epoll_pwait2) and an eventfd for wake-ups.
#pragma once

#include "ringport/detail/backend.hpp"

#include <atomic>

namespace ringport::detail {

class epoll_backend final : public backend {
 public:
  epoll_backend();  // throws std::system_error
  ~epoll_backend() override;

  backend_kind kind() const noexcept override { return backend_kind::epoll; }
  void wait(long long timeout_ns, op_queue<scheduler_operation>& ready) override;
  void interrupt() noexcept override;
  void shutdown(op_queue<scheduler_operation>& abandoned) override;

  int native_handle() const noexcept { return epoll_fd_; }

 private:
  int epoll_fd_ = -1;
  int event_fd_ = -1;
  bool have_pwait2_ = true;
  // Set by interrupt(), cleared by the waiter: repeated interrupts cost one write.
  std::atomic<bool> interrupt_pending_{false};
};

}  // namespace ringport::detail
