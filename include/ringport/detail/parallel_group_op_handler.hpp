// The machinery both forms of experimental::parallel_group share: the counters of a running
// group, the handler each member operation completes to (its cancellation slot is the
// member's own cancellation_signal), and the handler installed in the group's own slot.
//
// A group's state is shared (shared_ptr) by the members' handlers; it holds the user's
// handler, the completion order and the results. The last member to complete dispatches an
// invoker holding the state to the handler's associated executor.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/cancellation_slot.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/dispatch.hpp"
#include "ringport/execution.hpp"
#include "ringport/prefer.hpp"

#include <atomic>
#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

namespace ringport::experimental::detail {

// The executor a group's completion holds: the handler's, tracking work, so that the
// handler's context keeps running until the group completes (as in Asio).
template <typename Handler>
using parallel_group_work_executor_t = std::decay_t<decltype(ringport::prefer(
    std::declval<associated_executor_t<Handler>>(), execution::outstanding_work.tracked))>;

template <typename Handler>
parallel_group_work_executor_t<Handler> parallel_group_work_executor(const Handler& h) {
  return ringport::prefer(ringport::get_associated_executor(h),
                          execution::outstanding_work.tracked);
}

// The part of a group's state both forms share: the user's handler, the executor it holds
// work on, the condition and the counters. Derived provides size(), signal(i), order(k) (the
// k-th slot of the completion order), store(index, args...) and invoke(handler). Index is
// std::integral_constant<std::size_t, I> for a fixed group, std::size_t for a ranged one.
template <typename Derived, typename Condition, typename Handler>
class parallel_group_state_base {
 public:
  using handler_type = Handler;
  using executor_type = parallel_group_work_executor_t<Handler>;

  parallel_group_state_base(Condition&& condition, Handler&& handler, std::size_t size)
      : cancellations_requested_(static_cast<unsigned int>(size)),
        outstanding_(static_cast<unsigned int>(size)),
        condition_(std::move(condition)),
        handler_(std::move(handler)),
        executor_(parallel_group_work_executor(handler_)) {}

  parallel_group_state_base(const parallel_group_state_base&) = delete;
  parallel_group_state_base& operator=(const parallel_group_state_base&) = delete;

  const Handler& handler() const noexcept { return handler_; }
  executor_type get_executor() const noexcept { return executor_; }

  // Member `index` completed with `args`. True for the last member to complete.
  template <typename Index, typename... Args>
  bool complete(Index index, Args... args) {
    Derived& self = static_cast<Derived&>(*this);
    self.order(completed_++) = index;
    const cancellation_type_t type = condition_(args...);
    self.store(index, std::move(args)...);
    if (type != cancellation_type::none) {
      cancel_type_ = type;
      // The first request emits; later ones find the others already on their way out.
      if (cancellations_requested_++ == 0) {
        for (std::size_t i = 0; i < self.size(); ++i)
          if (i != static_cast<std::size_t>(index)) self.signal(i).emit(type);
      }
    }
    // TRICKY: members may complete on different threads; each wrote only its own order and
    // result slots before this decrement, and the one that brings it to zero sees them all.
    return --outstanding_ == 0;
  }

  // The group's own slot was emitted.
  void cancel_all(cancellation_type_t type) {
    Derived& self = static_cast<Derived&>(*this);
    if (cancellations_requested_++ == 0) {
      for (std::size_t i = 0; i < self.size(); ++i)
        self.signal(i).emit(type);
    }
  }

  // Every member has been started. The counter started at the member count so that nothing
  // is emitted while members are still being started (a member that completes inside its
  // initiation, such as deferred values, would otherwise cancel members not yet started);
  // a request made meanwhile is carried out now.
  void started() {
    Derived& self = static_cast<Derived&>(*this);
    if ((cancellations_requested_ -= static_cast<unsigned int>(self.size())) > 0) {
      const cancellation_type_t type = cancel_type_;
      for (std::size_t i = 0; i < self.size(); ++i)
        self.signal(i).emit(type);
    }
  }

  // Calls the user's handler (once, from the dispatched invoker).
  void deliver() { static_cast<Derived&>(*this).invoke(std::move(handler_)); }

 private:
  std::atomic<unsigned int> completed_{0};
  std::atomic<cancellation_type_t> cancel_type_{cancellation_type::none};
  std::atomic<unsigned int> cancellations_requested_;
  std::atomic<unsigned int> outstanding_;
  Condition condition_;
  Handler handler_;
  executor_type executor_;
};

// What the last member to complete dispatches to the handler's executor: it keeps the state
// (and the results in it) until the handler has run.
template <typename State>
class parallel_group_invoker {
 public:
  using executor_type = typename State::executor_type;

  explicit parallel_group_invoker(std::shared_ptr<State> state) noexcept
      : state_(std::move(state)) {}

  executor_type get_executor() const noexcept { return state_->get_executor(); }
  const State& state() const noexcept { return *state_; }

  void operator()() { state_->deliver(); }

 private:
  std::shared_ptr<State> state_;
};

// The handler of one member: its cancellation slot is the member's signal in the state.
template <typename State, typename Index>
class parallel_group_op_handler {
 public:
  using cancellation_slot_type = cancellation_slot;

  parallel_group_op_handler(std::shared_ptr<State> state, Index index) noexcept
      : state_(std::move(state)), index_(index) {}

  cancellation_slot_type get_cancellation_slot() const noexcept {
    return state_->signal(index_).slot();
  }

  template <typename... Args>
  void operator()(Args... args) {
    if (state_->complete(index_, std::move(args)...))
      ringport::dispatch(parallel_group_invoker<State>(std::move(state_)));
  }

 protected:
  std::shared_ptr<State> state_;
  Index index_;
};

// The handler of a member that names an executor of its own (bind_executor(ex, op)): it
// runs there, and a cancellation emitted for it is carried over to that executor (the
// member's operation is only cancelled from where its handler runs).
template <typename State, typename Index, typename Executor>
class parallel_group_op_handler_with_executor : public parallel_group_op_handler<State, Index> {
  struct cancel_proxy {
    cancel_proxy(const std::shared_ptr<State>& state, Executor ex)
        : state_(state), executor_(std::move(ex)) {}

    void operator()(cancellation_type_t type) {
      if (std::shared_ptr<State> state = state_.lock()) {
        cancellation_signal* signal = &signal_;
        ringport::dispatch(executor_,
                           [state = std::move(state), signal, type] { signal->emit(type); });
      }
    }

    std::weak_ptr<State> state_;
    cancellation_signal signal_;
    Executor executor_;
  };

 public:
  using executor_type = Executor;
  using cancellation_slot_type = cancellation_slot;

  parallel_group_op_handler_with_executor(std::shared_ptr<State> state, Index index, Executor ex)
      : parallel_group_op_handler<State, Index>(std::move(state), index),
        proxy_(&this->state_->signal(index).slot().template emplace<cancel_proxy>(this->state_,
                                                                                  std::move(ex))) {}

  cancellation_slot_type get_cancellation_slot() const noexcept { return proxy_->signal_.slot(); }
  executor_type get_executor() const noexcept { return proxy_->executor_; }

 private:
  cancel_proxy* proxy_;
};

// What a group installs in its own handler's cancellation slot. It holds the state weakly:
// an emit after the group has completed finds nothing.
template <typename State>
class parallel_group_cancel_all {
 public:
  explicit parallel_group_cancel_all(const std::shared_ptr<State>& state) noexcept
      : state_(state) {}

  void operator()(cancellation_type_t type) {
    if (type == cancellation_type::none) return;
    if (std::shared_ptr<State> state = state_.lock()) state->cancel_all(type);
  }

 private:
  std::weak_ptr<State> state_;
};

// The default candidate that tells "no associated executor" apart.
struct parallel_group_no_executor {};

template <typename Op>
inline constexpr bool parallel_group_op_has_executor =
    !std::is_same_v<associated_executor_t<Op, parallel_group_no_executor>,
                    parallel_group_no_executor>;

// Starts one member with its handler.
template <typename State, typename Index, typename Op>
void parallel_group_start(Op& op, const std::shared_ptr<State>& state, Index index) {
  if constexpr (parallel_group_op_has_executor<Op>) {
    using executor_type = associated_executor_t<Op>;
    std::move(op)(parallel_group_op_handler_with_executor<State, Index, executor_type>(
        state, index, ringport::get_associated_executor(op)));
  } else {
    std::move(op)(parallel_group_op_handler<State, Index>(state, index));
  }
}

}  // namespace ringport::experimental::detail

namespace ringport {

// The invoker allocates (when dispatched) as the user's handler would.
template <typename State, typename Allocator>
struct associated_allocator<experimental::detail::parallel_group_invoker<State>, Allocator> {
  using type = associated_allocator_t<typename State::handler_type, Allocator>;
  static type get(const experimental::detail::parallel_group_invoker<State>& i,
                  const Allocator& a = Allocator()) noexcept {
    return associated_allocator<typename State::handler_type, Allocator>::get(i.state().handler(),
                                                                              a);
  }
};

}  // namespace ringport
