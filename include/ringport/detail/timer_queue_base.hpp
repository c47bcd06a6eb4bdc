// What the scheduler needs from a queue of timers of one clock: the time to the nearest
// deadline, and the operations whose deadline has passed. The scheduler's mutex guards every
// call.
#pragma once

#include "ringport/detail/op_queue.hpp"
#include "ringport/detail/scheduler_operation.hpp"

namespace ringport::detail {

class timer_queue_base {
 public:
  virtual ~timer_queue_base() = default;
  // Nanoseconds until the earliest deadline, at most `max_ns`; max_ns when empty.
  virtual long long wait_duration_ns(long long max_ns) const = 0;
  // Moves the operations of every expired timer to `ops` (their ec_ left as success).
  virtual void get_ready_timers(op_queue<scheduler_operation>& ops) = 0;
  // Moves every pending operation to `ops` (shutdown).
  virtual void get_all_timers(op_queue<scheduler_operation>& ops) = 0;

  timer_queue_base* next_ = nullptr;
};

}  // namespace ringport::detail
