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
class cancel_at_t {
 public:
  template <typename T>
  cancel_at_t(T&& completion_token, const typename Clock::time_point& expiry,
              cancellation_type_t cancel_type = cancellation_type::terminal)
      : token_(std::forward<T>(completion_token)), expiry_(expiry), cancel_type_(cancel_type) {}

  CompletionToken token_;
  typename Clock::time_point expiry_;
  cancellation_type_t cancel_type_;
};

template <typename CompletionToken, typename Clock, typename WaitTraits = wait_traits<Clock>,
          typename Executor = any_io_executor>
class cancel_at_timer {
 public:
  template <typename T>
  cancel_at_timer(T&& completion_token, basic_waitable_timer<Clock, WaitTraits, Executor>& timer,
                  const typename Clock::time_point& expiry,
                  cancellation_type_t cancel_type = cancellation_type::terminal)
      : token_(std::forward<T>(completion_token)),
        timer_(timer),
        expiry_(expiry),
        cancel_type_(cancel_type) {}

  CompletionToken token_;
  basic_waitable_timer<Clock, WaitTraits, Executor>& timer_;
  typename Clock::time_point expiry_;
  cancellation_type_t cancel_type_;
};

// cancel_at(expiry) without a token: call it with a token to get a cancel_at_t, or
// use it as the token itself to adapt the operation's default completion token.
template <typename Clock, typename WaitTraits = wait_traits<Clock>>
class partial_cancel_at {
 public:
  explicit partial_cancel_at(const typename Clock::time_point& expiry,
                             cancellation_type_t cancel_type = cancellation_type::terminal)
      : expiry_(expiry), cancel_type_(cancel_type) {}

  template <typename CompletionToken>
  [[nodiscard]] cancel_at_t<std::decay_t<CompletionToken>, Clock, WaitTraits> operator()(
      CompletionToken&& completion_token) const {
    return cancel_at_t<std::decay_t<CompletionToken>, Clock, WaitTraits>(
        std::forward<CompletionToken>(completion_token), expiry_, cancel_type_);
  }

  typename Clock::time_point expiry_;
  cancellation_type_t cancel_type_;
};

template <typename Clock, typename WaitTraits = wait_traits<Clock>,
          typename Executor = any_io_executor>
class partial_cancel_at_timer {
 public:
  explicit partial_cancel_at_timer(basic_waitable_timer<Clock, WaitTraits, Executor>& timer,
                                   const typename Clock::time_point& expiry,
                                   cancellation_type_t cancel_type = cancellation_type::terminal)
      : timer_(timer), expiry_(expiry), cancel_type_(cancel_type) {}

  template <typename CompletionToken>
  [[nodiscard]] cancel_at_timer<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor>
  operator()(CompletionToken&& completion_token) const {
    return cancel_at_timer<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor>(
        std::forward<CompletionToken>(completion_token), timer_, expiry_, cancel_type_);
  }

  basic_waitable_timer<Clock, WaitTraits, Executor>& timer_;
  typename Clock::time_point expiry_;
  cancellation_type_t cancel_type_;
};

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

template <typename CompletionToken, typename Clock, typename WaitTraits,
          completion_signature... Signatures>
class async_result<cancel_at_t<CompletionToken, Clock, WaitTraits>, Signatures...> {
 public:
  using return_type = typename async_result<CompletionToken, Signatures...>::return_type;

  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    // The adapter's constness and value category pass on to the inner token.
    using target_token = detail::bound_target_token_t<RawToken, CompletionToken>;
    return async_initiate<target_token, Signatures...>(
        detail::initiate_cancel_after<std::decay_t<Initiation>, Clock, WaitTraits,
                                      typename Clock::time_point, Signatures...>(
            std::forward<Initiation>(initiation), token.expiry_, token.cancel_type_),
        token.token_, std::forward<InitArgs>(args)...);
  }
};

template <typename CompletionToken, typename Clock, typename WaitTraits, typename Executor,
          completion_signature... Signatures>
class async_result<cancel_at_timer<CompletionToken, Clock, WaitTraits, Executor>, Signatures...> {
 public:
  using return_type = typename async_result<CompletionToken, Signatures...>::return_type;

  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    using target_token = detail::bound_target_token_t<RawToken, CompletionToken>;
    return async_initiate<target_token, Signatures...>(
        detail::initiate_cancel_after_timer<std::decay_t<Initiation>, Clock, WaitTraits, Executor,
                                            typename Clock::time_point, Signatures...>(
            std::forward<Initiation>(initiation), token.timer_, token.expiry_, token.cancel_type_),
        token.token_, std::forward<InitArgs>(args)...);
  }
};

template <typename Clock, typename WaitTraits, completion_signature... Signatures>
class async_result<partial_cancel_at<Clock, WaitTraits>, Signatures...> {
 public:
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    static_assert(detail::has_default_token_v<Initiation>,
                  "cancel_at without a token needs an operation whose I/O executor names a "
                  "default completion token");
    using adapted = cancel_at_t<detail::operation_default_token_t<Initiation>, Clock, WaitTraits>;
    const adapted full(detail::operation_default_token_t<Initiation>(), token.expiry_,
                       token.cancel_type_);
    return async_initiate<const adapted&, Signatures...>(std::forward<Initiation>(initiation), full,
                                                         std::forward<InitArgs>(args)...);
  }
};

template <typename Clock, typename WaitTraits, typename Executor,
          completion_signature... Signatures>
class async_result<partial_cancel_at_timer<Clock, WaitTraits, Executor>, Signatures...> {
 public:
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    static_assert(detail::has_default_token_v<Initiation>,
                  "cancel_at without a token needs an operation whose I/O executor names a "
                  "default completion token");
    using adapted =
        cancel_at_timer<detail::operation_default_token_t<Initiation>, Clock, WaitTraits, Executor>;
    const adapted full(detail::operation_default_token_t<Initiation>(), token.timer_, token.expiry_,
                       token.cancel_type_);
    return async_initiate<const adapted&, Signatures...>(std::forward<Initiation>(initiation), full,
                                                         std::forward<InitArgs>(args)...);
  }
};

}  // namespace ringport
