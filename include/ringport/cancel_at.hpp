// cancel_at(expiry, [cancel_type,] token): the operation is cancelled (cancel_type, terminal
// by default, emitted on its cancellation slot) if it has not completed by the absolute time
// `expiry` of the time point's clock; the handler (or awaitable, future, ...) of `token` then
// sees how the operation ended, operation_aborted for the operations that honour that type.
//
//   auto deadline = std::chrono::steady_clock::now() + 5s;
//   auto [ec, n] =
//       co_await sock.async_read_some(buf, cancel_at(deadline, as_tuple(use_awaitable)));
//   timer.async_wait(cancel_at(timer2, deadline, handler));  // waits on the user's timer2
//
// The deadline is a timer of that clock started on the operation's I/O executor (or the
// given timer); when the operation completes first the timer is cancelled, and the handler
// runs only once that wait is over too, so nothing is left pending. The handler's associated
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

/// The completion token that cancel_at(expiry, [cancel_type,] token) returns: the operation is
/// cancelled (cancel_type, terminal by default, emitted on its cancellation slot) if it has not
/// completed by the absolute time `expiry` of the time point's clock; the deadline is a timer of
/// that clock started on the operation's I/O executor.
template <typename CompletionToken, typename Clock, typename WaitTraits = wait_traits<Clock>>
using cancel_at_t =
    detail::deadline_token<CompletionToken, Clock, WaitTraits, detail::absolute_deadline<Clock>>;

/// The completion token that cancel_at(timer, expiry, [cancel_type,] token) returns: as
/// cancel_at_t, with the deadline waited for on the user's `timer`.
template <typename CompletionToken, typename Clock, typename WaitTraits = wait_traits<Clock>,
          typename Executor = any_io_executor>
using cancel_at_timer = detail::deadline_timer_token<CompletionToken, Clock, WaitTraits, Executor,
                                                     detail::absolute_deadline<Clock>>;

/// cancel_at(expiry) without a token: call it with a token to get a cancel_at_t, or
/// use it as the token itself to adapt the operation's default completion token.
template <typename Clock, typename WaitTraits = wait_traits<Clock>>
using partial_cancel_at =
    detail::partial_deadline_token<Clock, WaitTraits, detail::absolute_deadline<Clock>>;

/// cancel_at(timer, expiry) without a token: call it with a token to get a cancel_at_timer, or use
/// it as the token itself to adapt the operation's default completion token.
template <typename Clock, typename WaitTraits = wait_traits<Clock>,
          typename Executor = any_io_executor>
using partial_cancel_at_timer =
    detail::partial_deadline_timer_token<Clock, WaitTraits, Executor,
                                         detail::absolute_deadline<Clock>>;

/// @name Cancelling at a deadline
//@{
/// The operation is cancelled (cancel_type, terminal by default, emitted on its cancellation slot)
/// if it has not completed by the absolute time `expiry` of the time point's clock; the handler (or
/// awaitable, future, ...) of `token` then sees how the operation ended, operation_aborted for the
/// operations that honour that type. Without a token, the result is a partial token
/// (partial_cancel_at, partial_cancel_at_timer) to call with a token or to use as the token itself.
///
/// The deadline is a timer of that clock started on the operation's I/O executor (or the given
/// `timer`); when the operation completes first the timer is cancelled, and the handler runs only
/// once that wait is over too, so nothing is left pending. The handler's associated executor and
/// allocator are used for both; an emit on the handler's own cancellation slot reaches the
/// operation too.
///
/// Thread safety, as in Asio: the operation and the timer wait complete separately, so the
/// operation must be started and run within one strand (implicit or explicit).
template <typename Clock, typename Duration>
[[nodiscard]] partial_cancel_at<Clock> cancel_at(
    const std::chrono::time_point<Clock, Duration>& expiry,
    cancellation_type_t cancel_type = cancellation_type::terminal) {
  return partial_cancel_at<Clock>(expiry, cancel_type);
}

template <typename Clock, typename WaitTraits, typename Executor, typename Duration>
[[nodiscard]] partial_cancel_at_timer<Clock, WaitTraits, Executor> cancel_at(
    basic_waitable_timer<Clock, WaitTraits, Executor>& timer,
    const std::chrono::time_point<Clock, Duration>& expiry,
    cancellation_type_t cancel_type = cancellation_type::terminal) {
  return partial_cancel_at_timer<Clock, WaitTraits, Executor>(timer, expiry, cancel_type);
}

template <detail::cancel_token_arg CompletionToken, typename Clock, typename Duration>
[[nodiscard]] cancel_at_t<std::decay_t<CompletionToken>, Clock> cancel_at(
    const std::chrono::time_point<Clock, Duration>& expiry, CompletionToken&& completion_token) {
  return cancel_at_t<std::decay_t<CompletionToken>, Clock>(
      std::forward<CompletionToken>(completion_token), expiry, cancellation_type::terminal);
}

template <typename CompletionToken, typename Clock, typename Duration>
[[nodiscard]] cancel_at_t<std::decay_t<CompletionToken>, Clock> cancel_at(
    const std::chrono::time_point<Clock, Duration>& expiry, cancellation_type_t cancel_type,
    CompletionToken&& completion_token) {
  return cancel_at_t<std::decay_t<CompletionToken>, Clock>(
      std::forward<CompletionToken>(completion_token), expiry, cancel_type);
}

template <detail::cancel_token_arg CompletionToken, typename Clock, typename WaitTraits,
          typename Executor, typename Duration>
[[nodiscard]] cancel_at_timer<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor> cancel_at(
    basic_waitable_timer<Clock, WaitTraits, Executor>& timer,
    const std::chrono::time_point<Clock, Duration>& expiry, CompletionToken&& completion_token) {
  return cancel_at_timer<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor>(
      std::forward<CompletionToken>(completion_token), timer, expiry, cancellation_type::terminal);
}

template <typename CompletionToken, typename Clock, typename WaitTraits, typename Executor,
          typename Duration>
[[nodiscard]] cancel_at_timer<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor> cancel_at(
    basic_waitable_timer<Clock, WaitTraits, Executor>& timer,
    const std::chrono::time_point<Clock, Duration>& expiry, cancellation_type_t cancel_type,
    CompletionToken&& completion_token) {
  return cancel_at_timer<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor>(
      std::forward<CompletionToken>(completion_token), timer, expiry, cancel_type);
}
//@}

}  // namespace ringport
