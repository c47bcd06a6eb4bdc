// cancel_after(timeout, [cancel_type,] token): the operation is cancelled (cancel_type,
// terminal by default, emitted on its cancellation slot) if it has not completed within
// `timeout` of its start; the handler (or awaitable, future, ...) of `token` then sees how
// the operation ended, operation_aborted for the operations that honour that type.
//
//   auto [ec, n] = co_await sock.async_read_some(buf, cancel_after(5s, as_tuple(use_awaitable)));
//   timer.async_wait(cancel_after(timer2, 1s, handler));   // waits on the user's timer2
//   co_await sock.async_read_some(buf, cancel_after(5s));  // the default token, when the
//                                                          // socket's executor names one
//
// The deadline is a steady_timer started on the operation's I/O executor (or the given
// timer); when the operation completes first the timer is cancelled, and the handler runs
// only once that wait is over too, so nothing is left pending. The handler's associated
// executor and allocator are used for both; an emit on the handler's own cancellation slot
// reaches the operation too.
//
// Thread safety, as in Asio: the operation and the timer wait complete separately, so the
// operation must be started and run within one strand (implicit or explicit).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_waitable_timer.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/detail/cancel_after_initiation.hpp"
#include "ringport/detail/cancel_deadline_token.hpp"
#include "ringport/wait_traits.hpp"

#include <chrono>
#include <type_traits>
#include <utility>

namespace ringport {

/// The completion token that cancel_after(timeout, [cancel_type,] token) returns: the operation is
/// cancelled (cancel_type, terminal by default, emitted on its cancellation slot) if it has not
/// completed within `timeout` of its start; the deadline is a steady_timer started on the
/// operation's I/O executor.
template <typename CompletionToken, typename Clock, typename WaitTraits = wait_traits<Clock>>
using cancel_after_t =
    detail::deadline_token<CompletionToken, Clock, WaitTraits, detail::relative_deadline<Clock>>;

/// The completion token that cancel_after(timer, timeout, [cancel_type,] token) returns: as
/// cancel_after_t, with the deadline waited for on the user's `timer`.
template <typename CompletionToken, typename Clock, typename WaitTraits = wait_traits<Clock>,
          typename Executor = any_io_executor>
using cancel_after_timer = detail::deadline_timer_token<CompletionToken, Clock, WaitTraits,
                                                        Executor, detail::relative_deadline<Clock>>;

/// cancel_after(timeout) without a token: call it with a token to get a cancel_after_t, or
/// use it as the token itself to adapt the operation's default completion token.
template <typename Clock, typename WaitTraits = wait_traits<Clock>>
using partial_cancel_after =
    detail::partial_deadline_token<Clock, WaitTraits, detail::relative_deadline<Clock>>;

/// cancel_after(timer, timeout) without a token: call it with a token to get a cancel_after_timer,
/// or use it as the token itself to adapt the operation's default completion token.
template <typename Clock, typename WaitTraits = wait_traits<Clock>,
          typename Executor = any_io_executor>
using partial_cancel_after_timer =
    detail::partial_deadline_timer_token<Clock, WaitTraits, Executor,
                                         detail::relative_deadline<Clock>>;

/// @name Cancelling after a timeout
//@{
/// The operation is cancelled (cancel_type, terminal by default, emitted on its cancellation slot)
/// if it has not completed within `timeout` of its start; the handler (or awaitable, future, ...)
/// of `token` then sees how the operation ended, operation_aborted for the operations that honour
/// that type. Without a token, the result is a partial token (partial_cancel_after,
/// partial_cancel_after_timer) to call with a token or to use as the token itself.
///
/// The deadline is a steady_timer started on the operation's I/O executor (or the given `timer`);
/// when the operation completes first the timer is cancelled, and the handler runs only once that
/// wait is over too, so nothing is left pending. The handler's associated executor and allocator
/// are used for both; an emit on the handler's own cancellation slot reaches the operation too.
///
/// Thread safety, as in Asio: the operation and the timer wait complete separately, so the
/// operation must be started and run within one strand (implicit or explicit).
template <typename Rep, typename Period>
[[nodiscard]] partial_cancel_after<std::chrono::steady_clock> cancel_after(
    const std::chrono::duration<Rep, Period>& timeout,
    cancellation_type_t cancel_type = cancellation_type::terminal) {
  return partial_cancel_after<std::chrono::steady_clock>(timeout, cancel_type);
}

template <typename Clock, typename WaitTraits, typename Executor, typename Rep, typename Period>
[[nodiscard]] partial_cancel_after_timer<Clock, WaitTraits, Executor> cancel_after(
    basic_waitable_timer<Clock, WaitTraits, Executor>& timer,
    const std::chrono::duration<Rep, Period>& timeout,
    cancellation_type_t cancel_type = cancellation_type::terminal) {
  return partial_cancel_after_timer<Clock, WaitTraits, Executor>(timer, timeout, cancel_type);
}

template <typename Rep, typename Period, detail::cancel_token_arg CompletionToken>
[[nodiscard]] cancel_after_t<std::decay_t<CompletionToken>, std::chrono::steady_clock> cancel_after(
    const std::chrono::duration<Rep, Period>& timeout, CompletionToken&& completion_token) {
  return cancel_after_t<std::decay_t<CompletionToken>, std::chrono::steady_clock>(
      std::forward<CompletionToken>(completion_token), timeout, cancellation_type::terminal);
}

template <typename Rep, typename Period, typename CompletionToken>
[[nodiscard]] cancel_after_t<std::decay_t<CompletionToken>, std::chrono::steady_clock> cancel_after(
    const std::chrono::duration<Rep, Period>& timeout, cancellation_type_t cancel_type,
    CompletionToken&& completion_token) {
  return cancel_after_t<std::decay_t<CompletionToken>, std::chrono::steady_clock>(
      std::forward<CompletionToken>(completion_token), timeout, cancel_type);
}

template <typename Clock, typename WaitTraits, typename Executor, typename Rep, typename Period,
          detail::cancel_token_arg CompletionToken>
[[nodiscard]] cancel_after_timer<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor>
cancel_after(basic_waitable_timer<Clock, WaitTraits, Executor>& timer,
             const std::chrono::duration<Rep, Period>& timeout,
             CompletionToken&& completion_token) {
  return cancel_after_timer<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor>(
      std::forward<CompletionToken>(completion_token), timer, timeout, cancellation_type::terminal);
}

template <typename Clock, typename WaitTraits, typename Executor, typename Rep, typename Period,
          typename CompletionToken>
[[nodiscard]] cancel_after_timer<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor>
cancel_after(basic_waitable_timer<Clock, WaitTraits, Executor>& timer,
             const std::chrono::duration<Rep, Period>& timeout, cancellation_type_t cancel_type,
             CompletionToken&& completion_token) {
  return cancel_after_timer<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor>(
      std::forward<CompletionToken>(completion_token), timer, timeout, cancel_type);
}
//@}

}  // namespace ringport
