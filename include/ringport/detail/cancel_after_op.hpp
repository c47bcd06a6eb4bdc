// The operation behind cancel_after and cancel_at: an inner operation and a timer wait run
// side by side, and the handler runs once both are over.
//
// One block, allocated with the handler's associated allocator, holds the handler, the
// timer (or a reference to the user's), the cancellation signal whose slot the inner
// operation sees, and the completion arguments. Two handlers share it: the inner operation's
// (its cancellation slot is the block's signal) and the timer wait's (no cancellation slot);
// both run through the handler's associated executor and allocate with its allocator.
//   - The timer fires first: the signal emits the requested cancellation type; the inner
//     operation completes (operation_aborted, for the operations that honour that type) and
//     the handler runs with its arguments.
//   - The inner operation completes first: its arguments are kept and the timer is cancelled;
//     the handler runs when the aborted wait comes back, so neither a wait nor work is left
//     behind when it runs.
// Whichever of the two handlers finishes last frees the block, then calls the handler. An
// emit on the handler's own cancellation slot is passed on to the inner operation.
//
// As in Asio, the operation must be started and completed within one strand (implicit: one
// thread runs the context; or explicit): the two halves are not synchronised beyond the
// reference count.
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/cancellation_slot.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/initiation_base.hpp"
#include "ringport/error_code.hpp"

#include <atomic>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace ringport::detail {

// The completion arguments of one signature, as kept until the handler may run.
template <typename Signature>
struct cancel_after_stored_args;
template <typename R, typename... Args>
struct cancel_after_stored_args<R(Args...)> {
  using type = std::tuple<std::decay_t<Args>...>;
};
template <typename R, typename... Args>
struct cancel_after_stored_args<R(Args...)&> {
  using type = std::tuple<std::decay_t<Args>...>;
};
template <typename R, typename... Args>
struct cancel_after_stored_args<R(Args...) &&> {
  using type = std::tuple<std::decay_t<Args>...>;
};

template <typename... Args>
struct cancel_after_call {};

// The position (from 1) of the first of Stored that the call's arguments construct; 0: none.
template <std::size_t I, typename Call, typename... Stored>
struct cancel_after_first_storable : std::integral_constant<std::size_t, 0> {};
template <std::size_t I, typename... Args, typename S, typename... Rest>
struct cancel_after_first_storable<I, cancel_after_call<Args...>, S, Rest...>
    : std::conditional_t<std::is_constructible_v<S, Args&&...>,
                         std::integral_constant<std::size_t, I>,
                         cancel_after_first_storable<I + 1, cancel_after_call<Args...>, Rest...>> {
};

template <typename Op>
class cancel_after_op_handler;
template <typename Op>
class cancel_after_timer_handler;

template <typename Handler, typename Timer, typename... Signatures>
class cancel_after_op {
 public:
  using handler_type = Handler;

  // Where a call with Args stores its arguments (0: the call matches no signature).
  template <typename... Args>
  static constexpr std::size_t payload_index =
      cancel_after_first_storable<1, cancel_after_call<Args...>,
                                  typename cancel_after_stored_args<Signatures>::type...>::value;

  // Timer is the timer type (built from timer_args) or a reference to the user's timer.
  template <typename H, typename... TimerArgs>
  cancel_after_op(H&& handler, cancellation_type type, TimerArgs&&... timer_args)
      : timer_(std::forward<TimerArgs>(timer_args)...),
        handler_(std::forward<H>(handler)),
        type_(type) {}

  cancel_after_op(const cancel_after_op&) = delete;
  cancel_after_op& operator=(const cancel_after_op&) = delete;

  const Handler& handler() const noexcept { return handler_; }
  cancellation_slot inner_slot() noexcept { return signal_.slot(); }

  // Starts the inner operation, then the timer wait. The inner operation goes first so that
  // an initiation that throws leaves nothing behind (the handler is destroyed while the
  // exception unwinds, no timer was started). TRICKY: neither half can complete before this
  // returns (the strand rule above), so op_ended() sees timer_pending_ set whenever a wait
  // was started; it is set only once async_wait has returned, so that a misuse across
  // threads delays the handler (the wait runs to its expiry) rather than cancelling a timer
  // that async_wait is still using.
  template <typename Initiation, typename... Args>
  void start(Initiation&& initiation, Args&&... args) {
    auto slot = get_associated_cancellation_slot(handler_);
    if (slot.is_connected()) {
      try {
        outer_ = &slot.template emplace<outer_cancellation>(this);
      } catch (...) {
        deallocate_op(get_associated_allocator(handler_), this);
        throw;
      }
    }
    try {
      std::forward<Initiation>(initiation)(cancel_after_op_handler<cancel_after_op>(this),
                                           std::forward<Args>(args)...);
    } catch (...) {
      release();  // the timer's share: its wait never started
      throw;
    }
    try {
      timer_.async_wait(cancel_after_timer_handler<cancel_after_op>(this));
    } catch (...) {
      // No wait could be started (its handler's destructor has given the timer's share
      // back). The operation is running and the initiating function cannot report the
      // failure by throwing any more, so the deadline counts as passed: cancel at once
      // rather than leave the operation without one.
      signal_.emit(type_);
      return;
    }
    timer_pending_.store(true, std::memory_order_release);
  }

  template <std::size_t I, typename... Args>
  void op_completed(Args&&... args) {
    payload_.template emplace<I>(std::forward<Args>(args)...);
    op_ended();
    release();
  }

  // The inner operation dropped its handler without calling it (its context shut down, or
  // its initiation threw).
  void op_abandoned() {
    op_ended();
    release();
  }

  void timer_completed() {
    timer_pending_.store(false, std::memory_order_relaxed);
    // Expiry, or a cancel() of the user's timer, while the operation is pending: ask it to
    // end. The outcome is the operation's: one that ignores the type completes as it will.
    if (!op_done_.load(std::memory_order_acquire)) signal_.emit(type_);
    release();
  }

  void timer_abandoned() {
    timer_pending_.store(false, std::memory_order_relaxed);
    release();
  }

 private:
  using payload_type =
      std::variant<std::monostate, typename cancel_after_stored_args<Signatures>::type...>;

  // Installed in the handler's own cancellation slot: an emit there reaches the inner
  // operation. TRICKY: the two ends point at each other and each clears the other's pointer
  // when it goes, so neither a later emit nor the slot's next handler touches a freed op.
  class outer_cancellation {
   public:
    explicit outer_cancellation(cancel_after_op* op) noexcept : op_(op) {}
    outer_cancellation(const outer_cancellation&) = delete;
    outer_cancellation& operator=(const outer_cancellation&) = delete;
    ~outer_cancellation() {
      if (op_ != nullptr) op_->outer_ = nullptr;
    }

    void operator()(cancellation_type type) {
      if (op_ != nullptr) op_->signal_.emit(type);
    }

    cancel_after_op* op_;
  };

  void detach_outer() noexcept {
    if (outer_ != nullptr) {
      outer_->op_ = nullptr;
      outer_ = nullptr;
    }
  }

  void op_ended() {
    op_done_.store(true, std::memory_order_release);
    detach_outer();
    // The wait must not outlive the operation: cancelled now, it comes back aborted at once
    // and the handler runs then.
    if (timer_pending_.load(std::memory_order_acquire)) timer_.cancel();
  }

  void release() {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) finish();
  }

  // The last share is gone: free the block (the timer and the signal with it), then call the
  // handler if the operation completed. Runs inside one of the two handlers, so already on
  // the handler's executor.
  void finish() {
    detach_outer();
    finish_with(std::index_sequence_for<Signatures...>());
  }

  template <std::size_t... I>
  void finish_with(std::index_sequence<I...>) {
    const std::size_t index = payload_.index();
    if (!((index == I + 1 && (complete<I + 1>(), true)) || ...)) {
      // Never completed: the handler is destroyed, after the block is freed, uncalled.
      auto alloc = get_associated_allocator(handler_);
      [[maybe_unused]] Handler handler(std::move(handler_));
      deallocate_op(alloc, this);
    }
  }

  template <std::size_t I>
  void complete() {
    auto alloc = get_associated_allocator(handler_);
    Handler handler(std::move(handler_));
    std::variant_alternative_t<I, payload_type> args(std::move(*std::get_if<I>(&payload_)));
    deallocate_op(alloc, this);
    std::apply(std::move(handler), std::move(args));
  }

  Timer timer_;
  Handler handler_;
  cancellation_signal signal_;
  cancellation_type type_;
  outer_cancellation* outer_ = nullptr;
  payload_type payload_;
  // One share for the inner operation's handler, one for the timer wait's.
  std::atomic<int> refs_{2};
  std::atomic<bool> op_done_{false};
  std::atomic<bool> timer_pending_{false};
};

// The inner operation's handler: the handler's executor and allocator, the op's slot.
template <typename Op>
class cancel_after_op_handler {
 public:
  using op_type = Op;
  using cancellation_slot_type = cancellation_slot;

  explicit cancel_after_op_handler(Op* op) noexcept : op_(op) {}
  cancel_after_op_handler(cancel_after_op_handler&& other) noexcept
      : op_(std::exchange(other.op_, nullptr)) {}
  cancel_after_op_handler& operator=(cancel_after_op_handler&&) = delete;
  ~cancel_after_op_handler() {
    if (op_ != nullptr) op_->op_abandoned();
  }

  const Op& op() const noexcept { return *op_; }
  cancellation_slot_type get_cancellation_slot() const noexcept { return op_->inner_slot(); }

  template <typename... Args>
  requires(Op::template payload_index<Args...> != 0) void operator()(Args&&... args) {
    std::exchange(op_, nullptr)
        ->template op_completed<Op::template payload_index<Args...>>(std::forward<Args>(args)...);
  }

 private:
  Op* op_;
};

// The timer wait's handler: the handler's executor and allocator, no cancellation slot.
template <typename Op>
class cancel_after_timer_handler {
 public:
  using op_type = Op;
  explicit cancel_after_timer_handler(Op* op) noexcept : op_(op) {}
  cancel_after_timer_handler(cancel_after_timer_handler&& other) noexcept
      : op_(std::exchange(other.op_, nullptr)) {}
  cancel_after_timer_handler& operator=(cancel_after_timer_handler&&) = delete;
  ~cancel_after_timer_handler() {
    if (op_ != nullptr) op_->timer_abandoned();
  }

  const Op& op() const noexcept { return *op_; }

  void operator()(const error_code&) { std::exchange(op_, nullptr)->timer_completed(); }

 private:
  Op* op_;
};

// The executor the timer runs on: the operation's I/O executor, as Asio does. An initiation
// that names none (one wrapped by an adapter that does not pass its executor on) falls back
// to the handler's associated executor.
template <typename Initiation, typename Handler>
auto cancel_timer_executor(const Initiation& initiation, const Handler& handler) {
  if constexpr (initiation_with_executor<Initiation>) {
    return initiation.get_executor();
  } else {
    static_assert(!std::is_same_v<associated_executor_t<Handler>, system_executor>,
                  "cancel_after/cancel_at: the operation names no I/O executor and the handler "
                  "no associated executor, so there is no context to run the timer on");
    return get_associated_executor(handler);
  }
}

// Both of the operation's handlers run with the handler's associated executor and allocator.
template <typename T>
inline constexpr bool is_cancel_after_part_v = false;
template <typename Op>
inline constexpr bool is_cancel_after_part_v<cancel_after_op_handler<Op>> = true;
template <typename Op>
inline constexpr bool is_cancel_after_part_v<cancel_after_timer_handler<Op>> = true;

}  // namespace ringport::detail

namespace ringport {

template <typename Part, typename Executor>
requires detail::is_cancel_after_part_v<Part>
struct associated_executor<Part, Executor> {
  using handler_type = typename Part::op_type::handler_type;
  using type = associated_executor_t<handler_type, Executor>;
  static type get(const Part& h, const Executor& ex = Executor()) noexcept {
    return associated_executor<handler_type, Executor>::get(h.op().handler(), ex);
  }
};

template <typename Part, typename Allocator>
requires detail::is_cancel_after_part_v<Part>
struct associated_allocator<Part, Allocator> {
  using handler_type = typename Part::op_type::handler_type;
  using type = associated_allocator_t<handler_type, Allocator>;
  static type get(const Part& h, const Allocator& a = Allocator()) noexcept {
    return associated_allocator<handler_type, Allocator>::get(h.op().handler(), a);
  }
};

}  // namespace ringport
