// this_coro: what a coroutine of type awaitable<T, Executor> can ask about itself with
// co_await: its executor, its cancellation state, and the switches that control how it
// reacts to cancellation.
//
//   auto ex = co_await ringport::this_coro::executor;
//   ringport::cancellation_state cs = co_await ringport::this_coro::cancellation_state;
//   co_await ringport::this_coro::reset_cancellation_state(ringport::enable_total_cancellation());
//   co_await ringport::this_coro::throw_if_cancelled(false);
#pragma once

#include "ringport/detail/config.hpp"
#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport::this_coro {

/// The type of this_coro::executor: `co_await this_coro::executor` in an awaitable coroutine
/// yields the coroutine's executor.
struct executor_t {
  constexpr executor_t() noexcept = default;
};
/// `co_await this_coro::executor` yields the coroutine's executor.
inline constexpr executor_t executor;

/// The type of this_coro::cancellation_state: `co_await this_coro::cancellation_state` in an
/// awaitable coroutine yields the coroutine's cancellation_state.
struct cancellation_state_t {
  constexpr cancellation_state_t() noexcept = default;
};
/// `co_await this_coro::cancellation_state` yields the coroutine's cancellation_state.
inline constexpr cancellation_state_t cancellation_state;

/// The result of reset_cancellation_state(filters...): zero, one or two filters.
template <typename... Filters>
struct reset_cancellation_state_t {
  /// The filters.
  std::tuple<Filters...> filters;
};

/// @name Resetting the cancellation state
//@{
/// `co_await this_coro::reset_cancellation_state(filters...)` replaces the coroutine's
/// cancellation state with a new one hooked to the slot the coroutine was started with: without
/// filters only terminal cancellation is let through (enable_terminal_cancellation()); with
/// one filter, it applies to both directions; with two, `in_filter` filters the requests that
/// come in and `out_filter` those passed on to the operations the coroutine awaits, as in
/// cancellation_state's constructors.
inline reset_cancellation_state_t<> reset_cancellation_state() {
  return {};
}

template <typename Filter>
reset_cancellation_state_t<std::decay_t<Filter>> reset_cancellation_state(Filter&& filter) {
  return {std::tuple<std::decay_t<Filter>>(std::forward<Filter>(filter))};
}

template <typename InFilter, typename OutFilter>
reset_cancellation_state_t<std::decay_t<InFilter>, std::decay_t<OutFilter>>
reset_cancellation_state(InFilter&& in_filter, OutFilter&& out_filter) {
  return {std::tuple<std::decay_t<InFilter>, std::decay_t<OutFilter>>(
      std::forward<InFilter>(in_filter), std::forward<OutFilter>(out_filter))};
}
//@}

/// co_await throw_if_cancelled() yields the current setting; co_await throw_if_cancelled(b)
/// changes it.
struct throw_if_cancelled_0_t {};
/// The result of throw_if_cancelled(bool).
struct throw_if_cancelled_1_t {
  /// The setting to change to.
  bool value;
};

/// @name Throwing if cancelled
//@{
/// `co_await this_coro::throw_if_cancelled()` yields the coroutine's setting (true at its
/// start); `co_await this_coro::throw_if_cancelled(b)` changes it. While it is true, starting an
/// asynchronous operation with co_await once the coroutine's cancellation state has recorded a
/// cancellation throws system_error with error::operation_aborted instead.
inline throw_if_cancelled_0_t throw_if_cancelled() {
  return {};
}
inline throw_if_cancelled_1_t throw_if_cancelled(bool value) {
  return {value};
}
//@}

}  // namespace ringport::this_coro
