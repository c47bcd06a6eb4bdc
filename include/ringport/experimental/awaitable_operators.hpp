// experimental::awaitable_operators: run two awaitables of the same executor concurrently.
//
//   using namespace ringport::experimental::awaitable_operators;
//   co_await (a && b);  // both; the first exception cancels the other and is rethrown
//   co_await (a || b);  // the first to succeed wins and the other is cancelled
//
// Each operand runs as its own co_spawned coroutine on the awaiting coroutine's executor,
// with a cancellation slot of its own: the loser (||) or the survivor of a failure (&&) gets
// cancellation_type::all emitted there, which its awaited operation sees as terminal
// cancellation unless it widened its cancellation state. Cancellation of the awaiting
// coroutine is forwarded to both operands. The result waits until both have finished.
//
// Results (as Asio): void && void -> void, T && void -> T, void && U -> U, T && U ->
// std::tuple<T, U>; a || b -> std::variant<A, B> with void as std::monostate. If every
// operand of || fails, the first exception is rethrown. Unlike Asio, chains are not
// flattened: (a && b) && c yields std::tuple<std::tuple<A, B>, C>.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/awaitable.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/use_awaitable.hpp"

#include <exception>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

// GCC 12 warns (-Wsubobject-linkage) when a coroutine frame made from these templates holds a
// lambda of a test or of a function in an anonymous namespace; the frame type is local to the
// translation unit anyway.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsubobject-linkage"
#endif

namespace ringport::experimental {

namespace detail {

template <typename T>
using awaitable_op_slot_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

enum class parallel_mode { all, any };

template <typename Executor, typename T1, typename T2>
struct parallel_awaitable_state {
  explicit parallel_awaitable_state(parallel_mode m) : mode(m) {}

  parallel_mode mode;
  cancellation_signal signals[2];
  std::exception_ptr errors[2];
  std::optional<awaitable_op_slot_t<T1>> v1;
  std::optional<awaitable_op_slot_t<T2>> v2;
  int completed = 0;
  int first_error = -1;
  int winner = -1;
  cancellation_slot parent_slot;
  std::optional<ringport::detail::awaitable_op_handler<Executor>> waiter;

  void cancel_other(int index) { signals[1 - index].emit(cancellation_type::all); }

  void on_complete(int index, std::exception_ptr e) {
    ++completed;
    if (e) {
      errors[index] = e;
      if (first_error < 0) first_error = index;
      if (mode == parallel_mode::all && completed == 1) cancel_other(index);
    } else if (mode == parallel_mode::any && winner < 0) {
      winner = index;
      if (completed == 1) cancel_other(index);
    }
    if (completed == 2 && waiter) {
      if (parent_slot.is_connected()) parent_slot.clear();
      auto w = std::move(*waiter);
      waiter.reset();
      std::move(w)();
    }
  }
};

// Forwards the awaiting coroutine's cancellation to both operands.
template <typename State>
struct parallel_cancel_forwarder {
  State* state;
  void operator()(cancellation_type type) {
    state->signals[0].emit(type);
    state->signals[1].emit(type);
  }
};

// The completion handler of one operand. Move-only: destroyed without being called (the
// operand was dropped at shutdown), it drops the awaiting coroutine too, which could
// otherwise never resume (it owns the state that owns the waiter that owns it).
template <typename State, int Index, typename T>
class parallel_completion {
 public:
  explicit parallel_completion(std::shared_ptr<State> s) noexcept : state_(std::move(s)) {}
  parallel_completion(parallel_completion&&) noexcept = default;
  parallel_completion& operator=(parallel_completion&&) = delete;
  ~parallel_completion() {
    if (state_) {
      auto waiter = std::move(state_->waiter);
      state_->waiter.reset();
    }
  }

  void operator()(std::exception_ptr e) {
    static_assert(std::is_void_v<T>);
    std::shared_ptr<State> s = std::move(state_);
    s->on_complete(Index, e);
  }
  template <typename V>
  void operator()(std::exception_ptr e, V&& v) {
    std::shared_ptr<State> s = std::move(state_);
    if (!e) {
      if constexpr (Index == 0)
        s->v1.emplace(std::forward<V>(v));
      else
        s->v2.emplace(std::forward<V>(v));
    }
    s->on_complete(Index, e);
  }

 private:
  std::shared_ptr<State> state_;
};

// Suspends until both operands have completed (an asynchronous operation awaited with
// use_awaitable_t<Executor>).
template <typename Executor, typename State>
struct initiate_parallel_wait {
  State* state;
  template <typename Handler>
  void operator()(Handler&& handler) {
    cancellation_slot slot = get_associated_cancellation_slot(handler);
    if (state->completed == 2) {
      // Both already done: resume at once, through the executor.
      ringport::post(handler.get_executor(),
                     [h = std::forward<Handler>(handler)]() mutable { std::move(h)(); });
      return;
    }
    if (slot.is_connected()) {
      state->parent_slot = slot;
      slot.template emplace<parallel_cancel_forwarder<State>>(state);
    }
    state->waiter.emplace(std::forward<Handler>(handler));
  }
};

template <typename Executor, typename T1, typename T2>
awaitable<void, Executor> run_parallel(
    std::shared_ptr<parallel_awaitable_state<Executor, T1, T2>> state, awaitable<T1, Executor> a,
    awaitable<T2, Executor> b) {
  using state_t = parallel_awaitable_state<Executor, T1, T2>;
  Executor ex = co_await this_coro::executor;
  ringport::co_spawn(
      ex, std::move(a),
      bind_cancellation_slot(state->signals[0].slot(), parallel_completion<state_t, 0, T1>(state)));
  ringport::co_spawn(
      ex, std::move(b),
      bind_cancellation_slot(state->signals[1].slot(), parallel_completion<state_t, 1, T2>(state)));
  // Cancellation is forwarded to the operands: this wait itself must not throw for it.
  bool throw_if_cancelled = co_await this_coro::throw_if_cancelled();
  co_await this_coro::throw_if_cancelled(false);
  use_awaitable_t<Executor> token;
  co_await async_initiate<use_awaitable_t<Executor>&, void()>(
      initiate_parallel_wait<Executor, state_t>{state.get()}, token);
  co_await this_coro::throw_if_cancelled(throw_if_cancelled);
}

}  // namespace detail

namespace awaitable_operators {

/// @name Waiting for both
//@{
/// `co_await (a && b)` runs both awaitables concurrently and waits for both; the first
/// exception cancels the other and is rethrown once both have finished. Results (as Asio): void
/// && void -> void, T && void -> T, void && U -> U, T && U -> std::tuple<T, U>. Unlike Asio,
/// chains are not flattened: (a && b) && c yields std::tuple<std::tuple<A, B>, C>.
///
/// Each operand runs as its own co_spawned coroutine on the awaiting coroutine's executor, with
/// a cancellation slot of its own: the survivor of a failure gets cancellation_type::all
/// emitted there, which its awaited operation sees as terminal cancellation unless it widened
/// its cancellation state. Cancellation of the awaiting coroutine is forwarded to both operands.
template <typename Executor>
awaitable<void, Executor> operator&&(awaitable<void, Executor> a, awaitable<void, Executor> b) {
  auto state = std::make_shared<detail::parallel_awaitable_state<Executor, void, void>>(
      detail::parallel_mode::all);
  co_await detail::run_parallel(state, std::move(a), std::move(b));
  if (state->first_error >= 0) std::rethrow_exception(state->errors[state->first_error]);
}

template <typename T, typename Executor>
awaitable<T, Executor> operator&&(awaitable<T, Executor> a,
                                  awaitable<void, Executor> b) requires(!std::is_void_v<T>) {
  auto state = std::make_shared<detail::parallel_awaitable_state<Executor, T, void>>(
      detail::parallel_mode::all);
  co_await detail::run_parallel(state, std::move(a), std::move(b));
  if (state->first_error >= 0) std::rethrow_exception(state->errors[state->first_error]);
  co_return std::move(*state->v1);
}

template <typename U, typename Executor>
awaitable<U, Executor> operator&&(awaitable<void, Executor> a,
                                  awaitable<U, Executor> b) requires(!std::is_void_v<U>) {
  auto state = std::make_shared<detail::parallel_awaitable_state<Executor, void, U>>(
      detail::parallel_mode::all);
  co_await detail::run_parallel(state, std::move(a), std::move(b));
  if (state->first_error >= 0) std::rethrow_exception(state->errors[state->first_error]);
  co_return std::move(*state->v2);
}

template <typename T, typename U, typename Executor>
awaitable<std::tuple<T, U>, Executor> operator&&(
    awaitable<T, Executor> a,
    awaitable<U, Executor> b) requires(!std::is_void_v<T> && !std::is_void_v<U>) {
  auto state = std::make_shared<detail::parallel_awaitable_state<Executor, T, U>>(
      detail::parallel_mode::all);
  co_await detail::run_parallel(state, std::move(a), std::move(b));
  if (state->first_error >= 0) std::rethrow_exception(state->errors[state->first_error]);
  co_return std::tuple<T, U>(std::move(*state->v1), std::move(*state->v2));
}
//@}

/// `co_await (a || b)` runs both awaitables concurrently: the first to succeed wins and the
/// other is cancelled (cancellation_type::all emitted on its own slot); the result waits until
/// both have finished. The result is std::variant<A, B>, with void as std::monostate. If both
/// fail, the first exception is rethrown. Cancellation of the awaiting coroutine is forwarded to
/// both operands.
template <typename T, typename U, typename Executor>
awaitable<std::variant<detail::awaitable_op_slot_t<T>, detail::awaitable_op_slot_t<U>>, Executor>
operator||(awaitable<T, Executor> a, awaitable<U, Executor> b) {
  using result_t = std::variant<detail::awaitable_op_slot_t<T>, detail::awaitable_op_slot_t<U>>;
  auto state = std::make_shared<detail::parallel_awaitable_state<Executor, T, U>>(
      detail::parallel_mode::any);
  if constexpr (std::is_void_v<T>) state->v1.emplace();
  if constexpr (std::is_void_v<U>) state->v2.emplace();
  co_await detail::run_parallel(state, std::move(a), std::move(b));
  if (state->winner == 0) co_return result_t(std::in_place_index<0>, std::move(*state->v1));
  if (state->winner == 1) co_return result_t(std::in_place_index<1>, std::move(*state->v2));
  std::rethrow_exception(state->errors[state->first_error]);
}

}  // namespace awaitable_operators

}  // namespace ringport::experimental

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/experimental/cancellation_condition.hpp"
#include "ringport/experimental/deferred.hpp"
#include "ringport/experimental/parallel_group.hpp"
