// channel_traits<Signatures...>: what a channel does besides carrying messages, chosen from
// its first signature:
//   R(error_code, Args...)          closed/cancelled receives get (channel_closed or
//   R(std::exception_ptr, Args...)  channel_cancelled, Args{}...), the error as the leading
//                                   error_code, or as a system_error in the exception_ptr;
//   R() or R(T)                     they get R(error_code) with that error.
// Any other first signature leaves the traits without these members (the channel does not
// compile), as in Asio. A channel also asks its traits for rebind<Signatures...>::other (the
// traits it actually uses) and container<Element>::type (its buffer, a std::deque here).
// A user-supplied Traits type provides the same members.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/error_code.hpp"
#include "ringport/experimental/channel_error.hpp"

#include <deque>
#include <exception>
#include <type_traits>
#include <utility>

namespace ringport::experimental {

namespace detail {

struct channel_deque_container {
  template <typename Element>
  struct container {
    using type = std::deque<Element>;
  };
};

// The notifications of a channel whose first signature is Signature; empty when that
// signature has no natural way to carry an error.
template <typename Signature>
struct channel_notifications {};

template <typename R, typename... Args>
struct channel_notifications<R(error_code, Args...)> : channel_deque_container {
  using receive_cancelled_signature = R(error_code, Args...);
  using receive_closed_signature = R(error_code, Args...);

  template <typename F>
  static void invoke_receive_cancelled(F f) {
    const error_code ec = error::channel_cancelled;
    std::move(f)(ec, std::decay_t<Args>()...);
  }

  template <typename F>
  static void invoke_receive_closed(F f) {
    const error_code ec = error::channel_closed;
    std::move(f)(ec, std::decay_t<Args>()...);
  }
};

template <typename R, typename... Args>
struct channel_notifications<R(std::exception_ptr, Args...)> : channel_deque_container {
  using receive_cancelled_signature = R(std::exception_ptr, Args...);
  using receive_closed_signature = R(std::exception_ptr, Args...);

  template <typename F>
  static void invoke_receive_cancelled(F f) {
    const error_code ec = error::channel_cancelled;
    std::move(f)(std::make_exception_ptr(system_error(ec)), std::decay_t<Args>()...);
  }

  template <typename F>
  static void invoke_receive_closed(F f) {
    const error_code ec = error::channel_closed;
    std::move(f)(std::make_exception_ptr(system_error(ec)), std::decay_t<Args>()...);
  }
};

struct channel_error_only_notifications : channel_deque_container {
  template <typename F>
  static void invoke_receive_cancelled(F f) {
    const error_code ec = error::channel_cancelled;
    std::move(f)(ec);
  }

  template <typename F>
  static void invoke_receive_closed(F f) {
    const error_code ec = error::channel_closed;
    std::move(f)(ec);
  }
};

template <typename R>
struct channel_notifications<R()> : channel_error_only_notifications {
  using receive_cancelled_signature = R(error_code);
  using receive_closed_signature = R(error_code);
};

// R(error_code) and R(std::exception_ptr) are covered above.
template <typename R, typename T>
requires(!std::is_same_v<T, error_code> &&
         !std::is_same_v<T, std::exception_ptr>) struct channel_notifications<R(T)>
    : channel_error_only_notifications {
  using receive_cancelled_signature = R(error_code);
  using receive_closed_signature = R(error_code);
};

template <typename... Signatures>
struct channel_traits_base {};

template <typename First, typename... Rest>
struct channel_traits_base<First, Rest...> : channel_notifications<First> {};

}  // namespace detail

template <typename... Signatures>
struct channel_traits : detail::channel_traits_base<Signatures...> {
  /// The traits for other signatures.
  template <typename... NewSignatures>
  struct rebind {
    /// `channel_traits<NewSignatures...>`.
    using other = channel_traits<NewSignatures...>;
  };
};

}  // namespace ringport::experimental

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/error.hpp"
