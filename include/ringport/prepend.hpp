// prepend(token, values...): the handler (or awaitable, future, ...) of `token` receives
// `values` followed by the operation's completion arguments.
//
//   sock.async_read_some(buf, prepend([](int id, error_code ec, std::size_t n) {...}, 7));
//   auto [id, ec, n] = co_await sock.async_read_some(buf, prepend(use_awaitable, 7));
//
// The handler's associated executor, allocator and cancellation slot are those of the
// target's handler. Also reachable as experimental::prepend (include
// ringport/experimental/prepend.hpp), the name Asio 1.22 used.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/adapter_values.hpp"
#include "ringport/detail/awaitable_wrapped_handler.hpp"
#include "ringport/detail/bound_initiation.hpp"
#include "ringport/detail/initiation_base.hpp"

#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport {

template <typename CompletionToken, typename... Values>
class prepend_t {
 public:
  template <typename T, typename... V>
  constexpr explicit prepend_t(T&& completion_token, V&&... values)
      : token_(std::forward<T>(completion_token)), values_(std::forward<V>(values)...) {}

  CompletionToken token_;
  std::tuple<Values...> values_;
};

template <typename CompletionToken, typename... Values>
[[nodiscard]] constexpr prepend_t<std::decay_t<CompletionToken>, std::decay_t<Values>...> prepend(
    CompletionToken&& completion_token, Values&&... values) {
  return prepend_t<std::decay_t<CompletionToken>, std::decay_t<Values>...>(
      std::forward<CompletionToken>(completion_token), std::forward<Values>(values)...);
}

namespace detail {

template <typename Handler, typename... Values>
class prepend_handler : public wrapped_handler_tag {
 public:
  using inner_type = Handler;

  template <typename H, typename V>
  prepend_handler(H&& handler, V&& values)
      : handler_(std::forward<H>(handler)), values_(std::forward<V>(values)) {}

  const Handler& inner() const noexcept { return handler_; }

  template <typename... Args>
  void operator()(Args&&... args) {
    std::apply(
        [&](Values&... values) {
          std::move(handler_)(std::move(values)..., std::forward<Args>(args)...);
        },
        values_);
  }

 private:
  Handler handler_;
  std::tuple<Values...> values_;
};

template <typename Signature, typename... Values>
struct prepend_signature;
template <typename R, typename... Args, typename... Values>
struct prepend_signature<R(Args...), Values...> {
  using type = R(Values..., Args...);
};
template <typename R, typename... Args, typename... Values>
struct prepend_signature<R(Args...)&, Values...> {
  using type = R(Values..., Args...) &;
};
template <typename R, typename... Args, typename... Values>
struct prepend_signature<R(Args...)&&, Values...> {
  using type = R(Values..., Args...) &&;
};

template <typename Initiation, typename... Values>
class prepend_initiation : public initiation_base<Initiation> {
 public:
  template <typename I, typename V>
  prepend_initiation(I&& initiation, V&& values)
      : initiation_base<Initiation>(std::forward<I>(initiation)),
        values_(std::forward<V>(values)) {}

  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) && {
    std::move(this->initiation_)(prepend_handler<std::decay_t<Handler>, Values...>(
                                     std::forward<Handler>(handler), std::move(values_)),
                                 std::forward<Args>(args)...);
  }
  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) const& {
    this->initiation_(
        prepend_handler<std::decay_t<Handler>, Values...>(std::forward<Handler>(handler), values_),
        std::forward<Args>(args)...);
  }

 private:
  std::tuple<Values...> values_;
};

}  // namespace detail

template <typename CompletionToken, typename... Values, completion_signature... Signatures>
class async_result<prepend_t<CompletionToken, Values...>, Signatures...>
    : public detail::forwarded_return_type<async_result<
          CompletionToken, typename detail::prepend_signature<Signatures, Values...>::type...>> {
 public:
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    // The wrapper's constness and value category pass on to the inner token.
    using target_token = detail::bound_target_token_t<RawToken, CompletionToken>;
    return async_initiate<target_token,
                          typename detail::prepend_signature<Signatures, Values...>::type...>(
        detail::prepend_initiation<std::decay_t<Initiation>, Values...>(
            std::forward<Initiation>(initiation), detail::adapter_values<RawToken>(token)),
        token.token_, std::forward<InitArgs>(args)...);
  }
};

}  // namespace ringport
