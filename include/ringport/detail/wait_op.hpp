// The non-template base of a timer wait: which timer it waits on and, when the handler has a
// connected cancellation slot, the link to the cancellation handler installed there.
#pragma once

#include "ringport/detail/scheduler_operation.hpp"

#include <atomic>

namespace ringport::detail {

class per_timer_data;

class wait_op : public scheduler_operation {
 public:
  // The timer this op waits on; kept current when the timer object is moved. Guarded by the
  // scheduler mutex.
  per_timer_data* timer_ = nullptr;

  // The cancellation handler's pointer back to this op, or null. Guarded by the scheduler
  // mutex on this side.
  std::atomic<wait_op*>* canceller_ = nullptr;

  // Called with the scheduler mutex held whenever the op leaves its timer (expiry, cancel,
  // shutdown). TRICKY: from here on the slot's handler no longer reaches the op, so an emit
  // after this point finds nothing to cancel, and the op's memory may be freed.
  void detach_canceller() noexcept {
    if (canceller_ != nullptr) {
      canceller_->store(nullptr, std::memory_order_release);
      canceller_ = nullptr;
    }
  }

 protected:
  explicit wait_op(func_type func) noexcept : scheduler_operation(func) {}
  ~wait_op() = default;
};

}  // namespace ringport::detail
