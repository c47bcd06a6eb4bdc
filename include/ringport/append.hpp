// append(token, values...): the handler (or awaitable, future, ...) of `token` receives the
// operation's completion arguments followed by `values`.
//
//   sock.async_read_some(buf, append([](error_code ec, std::size_t n, int id) {...}, 7));
//   auto [n, id] = co_await sock.async_read_some(buf, append(use_awaitable, 7));
//
// The handler's associated executor, allocator and cancellation slot are those of the
// target's handler. Also reachable as experimental::append (include
// ringport/experimental/append.hpp), the name Asio 1.22 used.
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
class append_t {
 public:
  template <typename T, typename... V>
  constexpr explicit append_t(T&& completion_token, V&&... values)
      : token_(std::forward<T>(completion_token)), values_(std::forward<V>(values)...) {}

  CompletionToken token_;
  std::tuple<Values...> values_;
};

template <typename CompletionToken, typename... Values>
[[nodiscard]] constexpr append_t<std::decay_t<CompletionToken>, std::decay_t<Values>...> append(
    CompletionToken&& completion_token, Values&&... values) {
  return append_t<std::decay_t<CompletionToken>, std::decay_t<Values>...>(
      std::forward<CompletionToken>(completion_token), std::forward<Values>(values)...);
}

namespace detail {

template <typename Handler, typename... Values>
class append_handler : public wrapped_handler_tag {
 public:
  using inner_type = Handler;

  template <typename H, typename V>
  append_handler(H&& handler, V&& values)
      : handler_(std::forward<H>(handler)), values_(std::forward<V>(values)) {}

  const Handler& inner() const noexcept { return handler_; }

  template <typename... Args>
  void operator()(Args&&... args) {
    std::apply(
        [&](Values&... values) {
          std::move(handler_)(std::forward<Args>(args)..., std::move(values)...);
        },
        values_);
  }

 private:
  Handler handler_;
  std::tuple<Values...> values_;
};

template <typename Signature, typename... Values>
struct append_signature;
template <typename R, typename... Args, typename... Values>
struct append_signature<R(Args...), Values...> {
  using type = R(Args..., Values...);
};
template <typename R, typename... Args, typename... Values>
struct append_signature<R(Args...)&, Values...> {
  using type = R(Args..., Values...) &;
};
template <typename R, typename... Args, typename... Values>
struct append_signature<R(Args...)&&, Values...> {
  using type = R(Args..., Values...) &&;
};

template <typename Initiation, typename... Values>
class append_initiation : public initiation_base<Initiation> {
 public:
  template <typename I, typename V>
  append_initiation(I&& initiation, V&& values)
      : initiation_base<Initiation>(std::forward<I>(initiation)),
        values_(std::forward<V>(values)) {}

  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) && {
    std::move(this->initiation_)(append_handler<std::decay_t<Handler>, Values...>(
                                     std::forward<Handler>(handler), std::move(values_)),
                                 std::forward<Args>(args)...);
  }
  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) const& {
    this->initiation_(
        append_handler<std::decay_t<Handler>, Values...>(std::forward<Handler>(handler), values_),
        std::forward<Args>(args)...);
  }

 private:
  std::tuple<Values...> values_;
};

}  // namespace detail

template <typename CompletionToken, typename... Values, completion_signature... Signatures>
class async_result<append_t<CompletionToken, Values...>, Signatures...>
    : public detail::forwarded_return_type<async_result<
          CompletionToken, typename detail::append_signature<Signatures, Values...>::type...>> {
 public:
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    // The wrapper's constness and value category pass on to the inner token.
    using target_token = detail::bound_target_token_t<RawToken, CompletionToken>;
    return async_initiate<target_token,
                          typename detail::append_signature<Signatures, Values...>::type...>(
        detail::append_initiation<std::decay_t<Initiation>, Values...>(
            std::forward<Initiation>(initiation), detail::adapter_values<RawToken>(token)),
        token.token_, std::forward<InitArgs>(args)...);
  }
};

}  // namespace ringport
