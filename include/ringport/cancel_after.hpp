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
#include "ringport/async_result.hpp"
#include "ringport/basic_waitable_timer.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/detail/bound_initiation.hpp"
#include "ringport/detail/cancel_after_initiation.hpp"
#include "ringport/wait_traits.hpp"

#include <chrono>
#include <type_traits>
#include <utility>

namespace ringport {

template <typename CompletionToken, typename Clock, typename WaitTraits = wait_traits<Clock>>
class cancel_after_t {
 public:
  template <typename T>
  cancel_after_t(T&& completion_token, const typename Clock::duration& timeout,
                 cancellation_type_t cancel_type = cancellation_type::terminal)
      : token_(std::forward<T>(completion_token)), timeout_(timeout), cancel_type_(cancel_type) {}

  CompletionToken token_;
  typename Clock::duration timeout_;
  cancellation_type_t cancel_type_;
};

template <typename CompletionToken, typename Clock, typename WaitTraits = wait_traits<Clock>,
          typename Executor = any_io_executor>
class cancel_after_timer {
 public:
  template <typename T>
  cancel_after_timer(T&& completion_token, basic_waitable_timer<Clock, WaitTraits, Executor>& timer,
                     const typename Clock::duration& timeout,
                     cancellation_type_t cancel_type = cancellation_type::terminal)
      : token_(std::forward<T>(completion_token)),
        timer_(timer),
        timeout_(timeout),
        cancel_type_(cancel_type) {}

  CompletionToken token_;
  basic_waitable_timer<Clock, WaitTraits, Executor>& timer_;
  typename Clock::duration timeout_;
  cancellation_type_t cancel_type_;
};

// cancel_after(timeout) without a token: call it with a token to get a cancel_after_t, or
// use it as the token itself to adapt the operation's default completion token.
template <typename Clock, typename WaitTraits = wait_traits<Clock>>
class partial_cancel_after {
 public:
  explicit partial_cancel_after(const typename Clock::duration& timeout,
                                cancellation_type_t cancel_type = cancellation_type::terminal)
      : timeout_(timeout), cancel_type_(cancel_type) {}

  template <typename CompletionToken>
  [[nodiscard]] cancel_after_t<std::decay_t<CompletionToken>, Clock, WaitTraits> operator()(
      CompletionToken&& completion_token) const {
    return cancel_after_t<std::decay_t<CompletionToken>, Clock, WaitTraits>(
        std::forward<CompletionToken>(completion_token), timeout_, cancel_type_);
  }

  typename Clock::duration timeout_;
  cancellation_type_t cancel_type_;
};

template <typename Clock, typename WaitTraits = wait_traits<Clock>,
          typename Executor = any_io_executor>
class partial_cancel_after_timer {
 public:
  explicit partial_cancel_after_timer(basic_waitable_timer<Clock, WaitTraits, Executor>& timer,
                                      const typename Clock::duration& timeout,
                                      cancellation_type_t cancel_type = cancellation_type::terminal)
      : timer_(timer), timeout_(timeout), cancel_type_(cancel_type) {}

  template <typename CompletionToken>
  [[nodiscard]] cancel_after_timer<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor>
  operator()(CompletionToken&& completion_token) const {
    return cancel_after_timer<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor>(
        std::forward<CompletionToken>(completion_token), timer_, timeout_, cancel_type_);
  }

  basic_waitable_timer<Clock, WaitTraits, Executor>& timer_;
  typename Clock::duration timeout_;
  cancellation_type_t cancel_type_;
};

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

template <typename CompletionToken, typename Clock, typename WaitTraits,
          completion_signature... Signatures>
class async_result<cancel_after_t<CompletionToken, Clock, WaitTraits>, Signatures...>
    : public detail::forwarded_return_type<async_result<CompletionToken, Signatures...>> {
 public:
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    // The adapter's constness and value category pass on to the inner token.
    using target_token = detail::bound_target_token_t<RawToken, CompletionToken>;
    return async_initiate<target_token, Signatures...>(
        detail::initiate_cancel_after<std::decay_t<Initiation>, Clock, WaitTraits,
                                      typename Clock::duration, Signatures...>(
            std::forward<Initiation>(initiation), token.timeout_, token.cancel_type_),
        token.token_, std::forward<InitArgs>(args)...);
  }
};

template <typename CompletionToken, typename Clock, typename WaitTraits, typename Executor,
          completion_signature... Signatures>
class async_result<cancel_after_timer<CompletionToken, Clock, WaitTraits, Executor>, Signatures...>
    : public detail::forwarded_return_type<async_result<CompletionToken, Signatures...>> {
 public:
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    using target_token = detail::bound_target_token_t<RawToken, CompletionToken>;
    return async_initiate<target_token, Signatures...>(
        detail::initiate_cancel_after_timer<std::decay_t<Initiation>, Clock, WaitTraits, Executor,
                                            typename Clock::duration, Signatures...>(
            std::forward<Initiation>(initiation), token.timer_, token.timeout_, token.cancel_type_),
        token.token_, std::forward<InitArgs>(args)...);
  }
};

template <typename Clock, typename WaitTraits, completion_signature... Signatures>
class async_result<partial_cancel_after<Clock, WaitTraits>, Signatures...> {
 public:
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    static_assert(detail::has_default_token_v<Initiation>,
                  "cancel_after without a token needs an operation whose I/O executor names a "
                  "default completion token");
    using adapted =
        cancel_after_t<detail::operation_default_token_t<Initiation>, Clock, WaitTraits>;
    const adapted full(detail::operation_default_token_t<Initiation>(), token.timeout_,
                       token.cancel_type_);
    return async_initiate<const adapted&, Signatures...>(std::forward<Initiation>(initiation), full,
                                                         std::forward<InitArgs>(args)...);
  }
};

template <typename Clock, typename WaitTraits, typename Executor,
          completion_signature... Signatures>
class async_result<partial_cancel_after_timer<Clock, WaitTraits, Executor>, Signatures...> {
 public:
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    static_assert(detail::has_default_token_v<Initiation>,
                  "cancel_after without a token needs an operation whose I/O executor names a "
                  "default completion token");
    using adapted = cancel_after_timer<detail::operation_default_token_t<Initiation>, Clock,
                                       WaitTraits, Executor>;
    const adapted full(detail::operation_default_token_t<Initiation>(), token.timer_,
                       token.timeout_, token.cancel_type_);
    return async_initiate<const adapted&, Signatures...>(std::forward<Initiation>(initiation), full,
                                                         std::forward<InitArgs>(args)...);
  }
};

}  // namespace ringport
