// The part of a timer object that its timer queue links: the timer's pending waits and its
// position in the queue's heap. It lives inside the timer's implementation; the scheduler's
// mutex guards it while the timer has pending waits.
#pragma once

#include "ringport/detail/op_queue.hpp"
#include "ringport/detail/scheduler_operation.hpp"

#include <cstddef>

namespace ringport::detail {

class per_timer_data {
 public:
  per_timer_data() noexcept = default;
  per_timer_data(const per_timer_data&) = delete;
  per_timer_data& operator=(const per_timer_data&) = delete;

  // True while the timer sits in its queue's heap, i.e. has at least one pending wait.
  bool in_queue() const noexcept { return heap_index_ != npos; }

 private:
  template <typename>
  friend class timer_queue;

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // The pending wait_ops in the order they were started (they share one deadline).
  op_queue<scheduler_operation> ops_;
  std::size_t heap_index_ = npos;
};

}  // namespace ringport::detail
