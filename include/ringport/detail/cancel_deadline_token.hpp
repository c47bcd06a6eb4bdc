// The token types behind cancel_after and cancel_at, and their async_result: one set of
// templates for both, told apart by Deadline. relative_deadline<Clock> (cancel_after) holds a
// duration from the operation's start in timeout_; absolute_deadline<Clock> (cancel_at) holds
// a time point of the clock in expiry_. The public names (cancel_after_t, cancel_at_timer,
// partial_cancel_after, ...) are aliases of these.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/basic_waitable_timer.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/detail/bound_initiation.hpp"
#include "ringport/detail/cancel_after_initiation.hpp"

#include <type_traits>
#include <utility>

namespace ringport::detail {

// Base classes, so that each public type keeps the member name Asio gives it.
template <typename Clock>
struct relative_deadline {
  using deadline_type = typename Clock::duration;
  explicit relative_deadline(const deadline_type& timeout) : timeout_(timeout) {}
  deadline_type timeout_;
};

template <typename Clock>
struct absolute_deadline {
  using deadline_type = typename Clock::time_point;
  explicit absolute_deadline(const deadline_type& expiry) : expiry_(expiry) {}
  deadline_type expiry_;
};

template <typename Clock>
const typename Clock::duration& deadline_of(const relative_deadline<Clock>& d) noexcept {
  return d.timeout_;
}
template <typename Clock>
const typename Clock::time_point& deadline_of(const absolute_deadline<Clock>& d) noexcept {
  return d.expiry_;
}

template <typename CompletionToken, typename Clock, typename WaitTraits, typename Deadline>
class deadline_token : public Deadline {
 public:
  template <typename T>
  deadline_token(T&& completion_token, const typename Deadline::deadline_type& deadline,
                 cancellation_type_t cancel_type = cancellation_type::terminal)
      : Deadline(deadline), token_(std::forward<T>(completion_token)), cancel_type_(cancel_type) {}

  CompletionToken token_;
  cancellation_type_t cancel_type_;
};

template <typename CompletionToken, typename Clock, typename WaitTraits, typename Executor,
          typename Deadline>
class deadline_timer_token : public Deadline {
 public:
  template <typename T>
  deadline_timer_token(T&& completion_token,
                       basic_waitable_timer<Clock, WaitTraits, Executor>& timer,
                       const typename Deadline::deadline_type& deadline,
                       cancellation_type_t cancel_type = cancellation_type::terminal)
      : Deadline(deadline),
        token_(std::forward<T>(completion_token)),
        timer_(timer),
        cancel_type_(cancel_type) {}

  CompletionToken token_;
  basic_waitable_timer<Clock, WaitTraits, Executor>& timer_;
  cancellation_type_t cancel_type_;
};

// The forms without a token: call one with a token to get the full adapter, or use it as
// the token itself to adapt the operation's default completion token.
template <typename Clock, typename WaitTraits, typename Deadline>
class partial_deadline_token : public Deadline {
 public:
  explicit partial_deadline_token(const typename Deadline::deadline_type& deadline,
                                  cancellation_type_t cancel_type = cancellation_type::terminal)
      : Deadline(deadline), cancel_type_(cancel_type) {}

  template <typename CompletionToken>
  [[nodiscard]] deadline_token<std::decay_t<CompletionToken>, Clock, WaitTraits, Deadline>
  operator()(CompletionToken&& completion_token) const {
    return deadline_token<std::decay_t<CompletionToken>, Clock, WaitTraits, Deadline>(
        std::forward<CompletionToken>(completion_token), deadline_of(*this), cancel_type_);
  }

  cancellation_type_t cancel_type_;
};

template <typename Clock, typename WaitTraits, typename Executor, typename Deadline>
class partial_deadline_timer_token : public Deadline {
 public:
  explicit partial_deadline_timer_token(
      basic_waitable_timer<Clock, WaitTraits, Executor>& timer,
      const typename Deadline::deadline_type& deadline,
      cancellation_type_t cancel_type = cancellation_type::terminal)
      : Deadline(deadline), timer_(timer), cancel_type_(cancel_type) {}

  template <typename CompletionToken>
  [[nodiscard]] deadline_timer_token<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor,
                                     Deadline>
  operator()(CompletionToken&& completion_token) const {
    return deadline_timer_token<std::decay_t<CompletionToken>, Clock, WaitTraits, Executor,
                                Deadline>(std::forward<CompletionToken>(completion_token), timer_,
                                          deadline_of(*this), cancel_type_);
  }

  basic_waitable_timer<Clock, WaitTraits, Executor>& timer_;
  cancellation_type_t cancel_type_;
};

}  // namespace ringport::detail

namespace ringport {

template <typename CompletionToken, typename Clock, typename WaitTraits, typename Deadline,
          completion_signature... Signatures>
class async_result<detail::deadline_token<CompletionToken, Clock, WaitTraits, Deadline>,
                   Signatures...>
    : public detail::forwarded_return_type<async_result<CompletionToken, Signatures...>> {
 public:
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    // The adapter's constness and value category pass on to the inner token.
    using target_token = detail::bound_target_token_t<RawToken, CompletionToken>;
    return async_initiate<target_token, Signatures...>(
        detail::initiate_cancel_after<std::decay_t<Initiation>, Clock, WaitTraits,
                                      typename Deadline::deadline_type, Signatures...>(
            std::forward<Initiation>(initiation), detail::deadline_of(token), token.cancel_type_),
        token.token_, std::forward<InitArgs>(args)...);
  }
};

template <typename CompletionToken, typename Clock, typename WaitTraits, typename Executor,
          typename Deadline, completion_signature... Signatures>
class async_result<
    detail::deadline_timer_token<CompletionToken, Clock, WaitTraits, Executor, Deadline>,
    Signatures...>
    : public detail::forwarded_return_type<async_result<CompletionToken, Signatures...>> {
 public:
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    using target_token = detail::bound_target_token_t<RawToken, CompletionToken>;
    return async_initiate<target_token, Signatures...>(
        detail::initiate_cancel_after_timer<std::decay_t<Initiation>, Clock, WaitTraits, Executor,
                                            typename Deadline::deadline_type, Signatures...>(
            std::forward<Initiation>(initiation), token.timer_, detail::deadline_of(token),
            token.cancel_type_),
        token.token_, std::forward<InitArgs>(args)...);
  }
};

template <typename Clock, typename WaitTraits, typename Deadline,
          completion_signature... Signatures>
class async_result<detail::partial_deadline_token<Clock, WaitTraits, Deadline>, Signatures...> {
 public:
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    static_assert(detail::has_default_token_v<Initiation>,
                  "cancel_after/cancel_at without a token needs an operation whose I/O executor "
                  "names a default completion token");
    using adapted = detail::deadline_token<detail::operation_default_token_t<Initiation>, Clock,
                                           WaitTraits, Deadline>;
    const adapted full(detail::operation_default_token_t<Initiation>(), detail::deadline_of(token),
                       token.cancel_type_);
    return async_initiate<const adapted&, Signatures...>(std::forward<Initiation>(initiation), full,
                                                         std::forward<InitArgs>(args)...);
  }
};

template <typename Clock, typename WaitTraits, typename Executor, typename Deadline,
          completion_signature... Signatures>
class async_result<detail::partial_deadline_timer_token<Clock, WaitTraits, Executor, Deadline>,
                   Signatures...> {
 public:
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    static_assert(detail::has_default_token_v<Initiation>,
                  "cancel_after/cancel_at without a token needs an operation whose I/O executor "
                  "names a default completion token");
    using adapted = detail::deadline_timer_token<detail::operation_default_token_t<Initiation>,
                                                 Clock, WaitTraits, Executor, Deadline>;
    const adapted full(detail::operation_default_token_t<Initiation>(), token.timer_,
                       detail::deadline_of(token), token.cancel_type_);
    return async_initiate<const adapted&, Signatures...>(std::forward<Initiation>(initiation), full,
                                                         std::forward<InitArgs>(args)...);
  }
};

}  // namespace ringport
