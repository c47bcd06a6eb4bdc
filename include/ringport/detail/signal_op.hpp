// A signal wait: the non-template base (which set it waits on, the link to its cancellation
// handler) and the handler shell. The signal number travels in bytes_; the completion
// signature is void(error_code, int).
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/detail/binder2.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/handler_work.hpp"
#include "ringport/detail/scheduler_operation.hpp"
#include "ringport/detail/slot_cancellation_link.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"

#include <atomic>
#include <cassert>
#include <cstddef>
#include <utility>

namespace ringport::detail {

struct signal_set_impl;

class signal_op : public scheduler_operation, public slot_link_end<signal_op> {
 public:
  // The set the wait is queued on (guarded by the process-wide signal mutex).
  signal_set_impl* set_ = nullptr;

 protected:
  explicit signal_op(func_type func) noexcept : scheduler_operation(func) {}
  ~signal_op() = default;
};

template <typename Handler, typename IoExecutor>
class signal_handler final : public signal_op {
 public:
  template <typename H>
  signal_handler(H&& handler, const IoExecutor& io_ex, const execution_context& io_ctx)
      : signal_op(&signal_handler::do_complete),
        handler_(std::forward<H>(handler)),
        work_(handler_, io_ex, io_ctx) {}

  static void do_complete(void* owner, scheduler_operation* base, const error_code& ec,
                          std::size_t signal_number) {
    auto* op = static_cast<signal_handler*>(base);
    assert(op->canceller_ == nullptr && "a signal wait left its set without detaching");
    auto alloc = get_associated_allocator(op->handler_);
    handler_work<Handler, IoExecutor> work(std::move(op->work_));
    // `ec` may refer into the op: copy it before the memory goes.
    binder2<Handler, error_code, int> bound(std::move(op->handler_), ec,
                                            static_cast<int>(signal_number));
    deallocate_op(alloc, op);
    if (owner) work.complete(bound, alloc);
  }

 private:
  Handler handler_;
  handler_work<Handler, IoExecutor> work_;
};

}  // namespace ringport::detail
