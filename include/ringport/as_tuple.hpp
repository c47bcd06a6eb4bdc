// as_tuple(token): the operation's completion arguments reach the handler (or awaitable,
// future, ...) of `token` packed in one std::tuple, so an error does not throw.
//
//   auto [ec, n] = co_await sock.async_read_some(buf, as_tuple(use_awaitable));
//
// Also reachable as experimental::as_tuple (include ringport/experimental/as_tuple.hpp), the
// name Asio 1.22 used.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/awaitable_wrapped_handler.hpp"
#include "ringport/detail/bound_initiation.hpp"

#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport {

/// A completion token adapter (made by as_tuple()): the operation's completion arguments reach
/// the handler (or awaitable, future, ...) of the wrapped token packed in one std::tuple, so an
/// error does not throw.
template <typename CompletionToken>
class as_tuple_t {
 public:
  /// @name Construction
  //@{
  /// A default-constructed wrapped token, or one made from `token`.
  constexpr as_tuple_t() = default;
  template <typename T>
  constexpr explicit as_tuple_t(T&& token) : token_(std::forward<T>(token)) {}
  //@}

  /// The wrapped token.
  CompletionToken token_;
};

/// The operation's completion arguments reach the handler (or awaitable, future, ...) of
/// `token` packed in one std::tuple, so an error does not throw.
template <typename CompletionToken>
[[nodiscard]] constexpr as_tuple_t<std::decay_t<CompletionToken>> as_tuple(
    CompletionToken&& token) {
  return as_tuple_t<std::decay_t<CompletionToken>>(std::forward<CompletionToken>(token));
}

namespace detail {

template <typename Handler>
class as_tuple_handler : public wrapped_handler_tag {
 public:
  using inner_type = Handler;

  template <typename H>
  explicit as_tuple_handler(H&& handler) : handler_(std::forward<H>(handler)) {}

  const Handler& inner() const noexcept { return handler_; }

  template <typename... Args>
  void operator()(Args&&... args) {
    std::move(handler_)(std::tuple<std::decay_t<Args>...>(std::forward<Args>(args)...));
  }

 private:
  Handler handler_;
};

}  // namespace detail

/// Initiates the operation through the wrapped token with the signature
/// `R(std::tuple<std::decay_t<Args>...>)`, giving it a handler that packs the arguments.
template <typename CompletionToken, typename R, typename... Args>
class async_result<as_tuple_t<CompletionToken>, R(Args...)>
    : public detail::forwarded_return_type<
          async_result<CompletionToken, R(std::tuple<std::decay_t<Args>...>)>> {
 public:
  /// Initiates the operation as the wrapped token would, with a handler that packs the completion
  /// arguments into one tuple.
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    // The wrapper's constness and value category pass on to the inner token.
    using target_token = detail::bound_target_token_t<RawToken, CompletionToken>;
    return async_initiate<target_token, R(std::tuple<std::decay_t<Args>...>)>(
        init_wrapper<std::decay_t<Initiation>>(std::forward<Initiation>(initiation)), token.token_,
        std::forward<InitArgs>(args)...);
  }

 private:
  template <typename Initiation>
  class init_wrapper {
   public:
    template <typename Init>
    explicit init_wrapper(Init&& init) : initiation_(std::forward<Init>(init)) {}

    template <typename Handler, typename... A>
    void operator()(Handler&& handler, A&&... args) && {
      std::move(initiation_)(
          detail::as_tuple_handler<std::decay_t<Handler>>(std::forward<Handler>(handler)),
          std::forward<A>(args)...);
    }

   private:
    Initiation initiation_;
  };
};

}  // namespace ringport
