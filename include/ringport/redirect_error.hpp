// redirect_error(token, ec): the operation's leading error_code goes to `ec` instead of the
// handler; the handler (or awaitable, future, ...) of `token` sees the remaining arguments.
//
//   ringport::error_code ec;
//   std::size_t n = co_await sock.async_read_some(buf, redirect_error(use_awaitable, ec));
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/awaitable_wrapped_handler.hpp"
#include "ringport/detail/bound_initiation.hpp"
#include "ringport/error_code.hpp"

#include <type_traits>
#include <utility>

namespace ringport {

/// A completion token adapter (made by redirect_error()): the operation's leading error_code goes
/// to the error_code it refers to instead of the handler; the handler (or awaitable, future, ...)
/// of the wrapped token sees the remaining arguments.
template <typename CompletionToken>
class redirect_error_t {
 public:
  /// Wraps `token`; the error goes to `ec`, which must outlive the operation.
  template <typename T>
  redirect_error_t(T&& token, error_code& ec) : token_(std::forward<T>(token)), ec_(ec) {}

  /// The wrapped token.
  CompletionToken token_;
  /// Where the operation's error_code is stored.
  error_code& ec_;
};

/// The operation's leading error_code goes to `ec` instead of the handler; the handler (or
/// awaitable, future, ...) of `token` sees the remaining arguments.
template <typename CompletionToken>
[[nodiscard]] redirect_error_t<std::decay_t<CompletionToken>> redirect_error(
    CompletionToken&& token, error_code& ec) {
  return redirect_error_t<std::decay_t<CompletionToken>>(std::forward<CompletionToken>(token), ec);
}

namespace detail {

template <typename Handler>
class redirect_error_handler : public wrapped_handler_tag {
 public:
  using inner_type = Handler;

  template <typename H>
  redirect_error_handler(error_code& ec, H&& handler)
      : ec_(&ec), handler_(std::forward<H>(handler)) {}

  const Handler& inner() const noexcept { return handler_; }

  template <typename... Args>
  void operator()(const error_code& ec, Args&&... args) {
    *ec_ = ec;
    std::move(handler_)(std::forward<Args>(args)...);
  }

 private:
  error_code* ec_;
  Handler handler_;
};

}  // namespace detail

/// Initiates the operation through the wrapped token with the signature `R(Args...)`: the handler
/// it gives the operation stores the error_code and passes the rest on.
template <typename CompletionToken, typename R, typename... Args>
class async_result<redirect_error_t<CompletionToken>, R(error_code, Args...)>
    : public detail::forwarded_return_type<async_result<CompletionToken, R(Args...)>> {
 public:
  /// Initiates the operation as the wrapped token would, with a handler that stores the
  /// error_code before calling the wrapped token's handler with the remaining arguments.
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    // The wrapper's constness and value category pass on to the inner token.
    using target_token = detail::bound_target_token_t<RawToken, CompletionToken>;
    return async_initiate<target_token, R(Args...)>(
        init_wrapper<std::decay_t<Initiation>>(token.ec_, std::forward<Initiation>(initiation)),
        token.token_, std::forward<InitArgs>(args)...);
  }

 private:
  template <typename Initiation>
  class init_wrapper {
   public:
    template <typename Init>
    init_wrapper(error_code& ec, Init&& init) : ec_(&ec), initiation_(std::forward<Init>(init)) {}

    template <typename Handler, typename... A>
    void operator()(Handler&& handler, A&&... args) && {
      std::move(initiation_)(detail::redirect_error_handler<std::decay_t<Handler>>(
                                 *ec_, std::forward<Handler>(handler)),
                             std::forward<A>(args)...);
    }

   private:
    error_code* ec_;
    Initiation initiation_;
  };
};

}  // namespace ringport
