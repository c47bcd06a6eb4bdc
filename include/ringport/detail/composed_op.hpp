// The intermediate completion handler async_compose wraps around a user's implementation:
// the `self` the implementation receives. It owns the implementation, the final handler and
// the outstanding work of the I/O executors and of the handler's executor, and it passes
// itself (moved) to each intermediate operation as that operation's handler.
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/cancellation_state.hpp"
#include "ringport/detail/base_from_cancellation_state.hpp"
#include "ringport/detail/bound_completion.hpp"
#include "ringport/detail/composed_work.hpp"
#include "ringport/detail/work_dispatcher.hpp"
#include "ringport/execution.hpp"

#include <optional>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Signature, typename... Executors>
class initiate_composed_op;

template <typename Impl, typename Work, typename Handler, typename Signature>
class composed_op;

template <typename Impl, typename Work, typename Handler, typename R, typename... Args>
class composed_op<Impl, Work, Handler, R(Args...)> : public base_from_cancellation_state {
 public:
  // Intermediate operations started with `self` run their completions where the final
  // handler wants to run (default: the first I/O object's executor) and allocate with the
  // final handler's allocator.
  using executor_type = associated_executor_t<Handler, typename Work::head_executor_type>;
  using allocator_type = associated_allocator_t<Handler>;

  template <typename I, typename H>
  composed_op(I&& impl, Work&& work, H&& handler)
      : base_from_cancellation_state(handler, enable_terminal_cancellation()),
        impl_(std::forward<I>(impl)),
        work_(std::move(work)),
        handler_(std::forward<H>(handler)),
        handler_work_(std::in_place,
                      ringport::prefer(get_executor(), execution::outstanding_work.tracked)) {}

  composed_op(composed_op&& other)
      : base_from_cancellation_state(std::move(other)),
        impl_(std::move(other.impl_)),
        work_(std::move(other.work_)),
        handler_(std::move(other.handler_)),
        handler_work_(std::move(other.handler_work_)),
        resumed_(other.resumed_) {
    other.handler_work_.reset();
  }
  composed_op(const composed_op&) = delete;
  composed_op& operator=(const composed_op&) = delete;
  composed_op& operator=(composed_op&&) = delete;

  executor_type get_executor() const noexcept {
    return associated_executor<Handler, typename Work::head_executor_type>::get(
        handler_, work_.head_executor());
  }

  allocator_type get_allocator() const noexcept { return get_associated_allocator(handler_); }

  // Called as an intermediate operation's completion handler: resumes the implementation
  // with that operation's results.
  template <typename... T>
  void operator()(T&&... results) {
    resumed_ = true;
    clear_child_slot();
    impl_(*this, std::forward<T>(results)...);
  }

  // Hooks the cancellation state into the final handler's slot again, optionally with other
  // filters (the default lets only terminal cancellation through).
  void reset_cancellation_state() {
    base_from_cancellation_state::reset_cancellation_state(handler_);
  }
  template <typename Filter>
  void reset_cancellation_state(Filter&& filter) {
    base_from_cancellation_state::reset_cancellation_state(handler_, std::forward<Filter>(filter));
  }
  template <typename InFilter, typename OutFilter>
  void reset_cancellation_state(InFilter&& in_filter, OutFilter&& out_filter) {
    base_from_cancellation_state::reset_cancellation_state(
        handler_, std::forward<InFilter>(in_filter), std::forward<OutFilter>(out_filter));
  }

  // Ends the composed operation: releases the work and delivers `args` to the final handler.
  void complete(Args... args) {
    // The final handler's own slot is left alone: by the time the handler runs, its owner may
    // already have handed that slot to another operation.
    clear_child_slot();
    if (!resumed_) {
      complete_later(std::forward<Args>(args)...);
      return;
    }
    // Resumed means this call came from an intermediate completion, which already runs
    // through executor_type: the final handler can be called right here.
    work_.reset();
    handler_work_.reset();
    std::move(handler_)(std::forward<Args>(args)...);
  }

 private:
  template <typename, typename...>
  friend class initiate_composed_op;

  using handler_work_type = tracked_executor_t<executor_type>;
  using completion_type = bound_completion<Handler, std::decay_t<Args>...>;

  // The first call, made by the initiating function.
  void start() { impl_(*this); }

  // The implementation finished inside the initiating function (no intermediate operation
  // was started): the final handler must still run later, from the handler's executor, as
  // if an operation had completed.
  void complete_later(Args... args) {
    executor_type handler_ex = get_executor();
    allocator_type alloc = get_allocator();
    completion_type completion(std::move(handler_), std::forward<Args>(args)...);
    if constexpr (can_require_v<executor_type, execution::blocking_t::never_t>) {
      execution::execute(
          ringport::prefer(ringport::require(handler_ex, execution::blocking.never),
                           execution::relationship.fork, execution::allocator(alloc)),
          std::move(completion));
    } else {
      // An executor that cannot promise not to run the function inline (one that only ever
      // runs inline, say) is reached through the first I/O executor, which can: the
      // completion is queued there and, once picked up, dispatched to the handler's executor.
      execution::execute(
          ringport::prefer(ringport::require(work_.head_executor(), execution::blocking.never),
                           execution::relationship.fork, execution::allocator(alloc)),
          work_dispatcher<completion_type, executor_type>(std::move(completion), handler_ex));
    }
    // TRICKY: the work goes only after the completion is queued. Releasing it first could
    // drop the context's work count to zero, and run() would return with the handler still
    // to be queued.
    work_.reset();
    handler_work_.reset();
  }

  Impl impl_;
  Work work_;
  Handler handler_;
  std::optional<handler_work_type> handler_work_;
  // Set once an intermediate operation has completed into this op; until then complete()
  // is being called from inside the initiating function.
  bool resumed_ = false;
};

}  // namespace ringport::detail
