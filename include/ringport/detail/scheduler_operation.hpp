// The non-template base of every operation: one function pointer for dispatch, an intrusive
// link, and the result a backend stores before it queues the op for completion.
#pragma once

#include "ringport/detail/op_counter.hpp"

#include <cstddef>
#include <system_error>

namespace ringport::detail {

class scheduler_operation {
 public:
  // owner != nullptr: free the op's memory, then invoke the handler.
  // owner == nullptr: free the op's memory without invoking the handler (shutdown/destroy).
  using func_type = void (*)(void* owner, scheduler_operation* op, const std::error_code& ec,
                             std::size_t bytes);

  void complete(void* owner, const std::error_code& ec, std::size_t bytes) {
    func_(owner, this, ec, bytes);
  }
  void complete(void* owner) { func_(owner, this, ec_, bytes_); }
  void destroy() { func_(nullptr, this, std::error_code(), 0); }

  scheduler_operation* next_ = nullptr;
  // Result recorded by the backend (or a cancellation) before the op reaches the ready queue.
  std::error_code ec_;
  std::size_t bytes_ = 0;

 protected:
  explicit scheduler_operation(func_type func) noexcept : func_(func) { op_counter::add(); }
  ~scheduler_operation() { op_counter::remove(); }
  scheduler_operation(const scheduler_operation&) = delete;
  scheduler_operation& operator=(const scheduler_operation&) = delete;

 private:
  func_type func_;
};

}  // namespace ringport::detail
