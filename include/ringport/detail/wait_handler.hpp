// The template shell of a timer wait: the handler and the work it holds. Its memory goes
// back to the handler's allocator before the handler runs, so a handler that waits again
// reuses the same block.
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/detail/binder1.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/handler_work.hpp"
#include "ringport/detail/wait_op.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"

#include <cassert>
#include <cstddef>
#include <utility>

namespace ringport::detail {

template <typename Handler, typename IoExecutor>
class wait_handler final : public wait_op {
 public:
  template <typename H>
  wait_handler(H&& handler, const IoExecutor& io_ex, const execution_context& io_ctx)
      : wait_op(&wait_handler::do_complete),
        handler_(std::forward<H>(handler)),
        work_(handler_, io_ex, io_ctx) {}

  static void do_complete(void* owner, scheduler_operation* base, const error_code& ec,
                          std::size_t) {
    auto* op = static_cast<wait_handler*>(base);
    assert(op->canceller_ == nullptr && "a wait left its timer without detaching its canceller");
    auto alloc = get_associated_allocator(op->handler_);
    handler_work<Handler, IoExecutor> work(std::move(op->work_));
    // `ec` may refer into the op: copy it before the memory goes.
    binder1<Handler, error_code> bound(std::move(op->handler_), ec);
    deallocate_op(alloc, op);
    if (owner) work.complete(bound, alloc);
  }

 private:
  Handler handler_;
  handler_work<Handler, IoExecutor> work_;
};

}  // namespace ringport::detail
