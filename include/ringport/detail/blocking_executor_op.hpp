// The operation behind execute() with blocking.always from outside a pool: it lives on the
// submitting thread's stack, and that thread waits until a pool thread has run it (or the
// pool has destroyed it at shutdown).
#pragma once

#include "ringport/detail/scheduler_operation.hpp"

#include <condition_variable>
#include <mutex>

namespace ringport::detail {

template <typename Function>
class blocking_executor_op final : public scheduler_operation {
 public:
  explicit blocking_executor_op(Function& f)
      : scheduler_operation(&blocking_executor_op::do_complete), function_(f) {}

  void wait() {
    std::unique_lock lock(mutex_);
    done_cv_.wait(lock, [this] { return done_; });
  }

 private:
  // TRICKY: once done_ is set the waiter may return and destroy this op (it is on its stack),
  // so signal() is the last thing that touches the op, and it notifies under the lock.
  struct signal_on_exit {
    blocking_executor_op* op;
    ~signal_on_exit() {
      std::lock_guard lock(op->mutex_);
      op->done_ = true;
      op->done_cv_.notify_all();
    }
  };

  static void do_complete(void* owner, scheduler_operation* base, const std::error_code&,
                          std::size_t) {
    auto* op = static_cast<blocking_executor_op*>(base);
    signal_on_exit signal{op};
    if (owner) op->function_();
  }

  Function& function_;
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
};

}  // namespace ringport::detail
