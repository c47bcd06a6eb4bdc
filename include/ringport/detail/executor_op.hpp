// The operation that carries a function submitted with execute()/post() to a scheduler.
#pragma once

#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/scheduler_operation.hpp"

#include <utility>

namespace ringport::detail {

template <typename Function, typename Alloc>
class executor_op final : public scheduler_operation {
 public:
  template <typename F>
  executor_op(F&& f, const Alloc& a)
      : scheduler_operation(&executor_op::do_complete), function_(std::forward<F>(f)), alloc_(a) {}

  static void do_complete(void* owner, scheduler_operation* base, const std::error_code&,
                          std::size_t) {
    auto* op = static_cast<executor_op*>(base);
    Alloc alloc(op->alloc_);
    // The memory goes back before the call, so the function can reuse it for its next op.
    Function function(std::move(op->function_));
    deallocate_op(alloc, op);
    if (owner) std::move(function)();
  }

 private:
  Function function_;
  [[no_unique_address]] Alloc alloc_;
};

}  // namespace ringport::detail
