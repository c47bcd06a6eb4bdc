// The function a strand hands to its inner executor: it runs the strand's ready handlers one
// after the other, then re-submits itself if more arrived meanwhile. While it exists it holds
// outstanding work on the inner executor, so run() does not return with handlers queued in
// the strand.
#pragma once

#include "ringport/detail/strand_impl.hpp"
#include "ringport/detail/thread_context.hpp"
#include "ringport/execution.hpp"
#include "ringport/recycling_allocator.hpp"

#include <memory>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Executor>
class strand_invoker {
 public:
  strand_invoker(const std::shared_ptr<strand_impl>& impl, const Executor& ex)
      : impl_(impl), work_(ringport::prefer(ex, execution::outstanding_work.tracked)) {}

  void operator()() {
    // TRICKY: declared before `in_strand`, so it runs after this thread stopped counting as
    // inside the strand: once re-submitted, another thread may enter the strand at once.
    reschedule_on_exit on_exit{this};
    thread_context in_strand(impl_.get());
    // No lock: only the invoker that owns the strand touches the ready queue.
    op_queue<scheduler_operation>& ready = impl_->ready_queue();
    while (scheduler_operation* op = ready.front()) {
      ready.pop();
      op->complete(impl_.get());
    }
  }

 private:
  using work_type = std::decay_t<decltype(ringport::prefer(std::declval<const Executor&>(),
                                                           execution::outstanding_work.tracked))>;

  // Also runs when a handler throws: the handlers behind it must not be stranded.
  struct reschedule_on_exit {
    strand_invoker* self;
    ~reschedule_on_exit() { self->reschedule(); }
  };

  void reschedule() {
    if (!impl_->push_waiting_to_ready()) return;
    // Never inline: other handlers of the inner context get their turn between batches.
    // Untracked: the invoker carries work_ along, and copying a tracked executor would
    // touch the context's shared work count twice per batch.
    auto ex = ringport::prefer(work_, execution::outstanding_work.untracked,
                               execution::blocking.never, execution::relationship.continuation,
                               execution::allocator(recycling_allocator<void>()));
    execution::execute(ex, std::move(*this));
  }

  std::shared_ptr<strand_impl> impl_;
  work_type work_;
};

}  // namespace ringport::detail
