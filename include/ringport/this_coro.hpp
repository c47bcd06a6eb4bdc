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
inline constexpr executor_t executor;

/// The type of this_coro::cancellation_state: `co_await this_coro::cancellation_state` in an
/// awaitable coroutine yields the coroutine's cancellation_state.
struct cancellation_state_t {
  constexpr cancellation_state_t() noexcept = default;
};
inline constexpr cancellation_state_t cancellation_state;

/// The result of reset_cancellation_state(filters...): zero, one or two filters.
template <typename... Filters>
struct reset_cancellation_state_t {
  /// The filters.
  std::tuple<Filters...> filters;
};

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

/// co_await throw_if_cancelled() yields the current setting; co_await throw_if_cancelled(b)
/// changes it.
struct throw_if_cancelled_0_t {};
/// The result of throw_if_cancelled(bool).
struct throw_if_cancelled_1_t {
  /// The setting to change to.
  bool value;
};

inline throw_if_cancelled_0_t throw_if_cancelled() {
  return {};
}
inline throw_if_cancelled_1_t throw_if_cancelled(bool value) {
  return {value};
}

}  // namespace ringport::this_coro
