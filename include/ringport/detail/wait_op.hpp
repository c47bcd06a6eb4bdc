// The non-template base of a timer wait: which timer it waits on and, when the handler has a
// connected cancellation slot, the link to the cancellation handler installed there.
#pragma once

#include "ringport/detail/scheduler_operation.hpp"
#include "ringport/detail/slot_cancellation_link.hpp"

#include <atomic>

namespace ringport::detail {

class per_timer_data;

class wait_op : public scheduler_operation, public slot_link_end<wait_op> {
 public:
  // The timer this op waits on; kept current when the timer object is moved. Guarded by the
  // scheduler mutex.
  per_timer_data* timer_ = nullptr;

 protected:
  explicit wait_op(func_type func) noexcept : scheduler_operation(func) {}
  ~wait_op() = default;
};

}  // namespace ringport::detail
