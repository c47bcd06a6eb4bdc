// consign(token, values...): the handler of `token` carries `values` along, unchanged
// completion arguments and all. The values live as long as the pending operation's handler:
// they are destroyed after the handler has run (or, if it never runs, with it), which is how
// an operation keeps the object it works on alive.
//
//   auto self = shared_from_this();
//   sock.async_read_some(buf, consign([this](error_code ec, std::size_t n) {...}, self));
//
// The handler's associated executor, allocator and cancellation slot are those of the
// target's handler.
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

/// A completion token adapter (made by consign()): the handler of the wrapped token carries the
/// values along, its completion arguments unchanged.
///
/// The values live as long as the pending operation's handler: they are destroyed after the
/// handler has run (or, if it never runs, with it). The handler's associated executor, allocator
/// and cancellation slot are those of the wrapped token's handler.
template <typename CompletionToken, typename... Values>
class consign_t {
 public:
  /// Wraps `completion_token` with copies (or moves) of `values`.
  template <typename T, typename... V>
  constexpr explicit consign_t(T&& completion_token, V&&... values)
      : token_(std::forward<T>(completion_token)), values_(std::forward<V>(values)...) {}

  /// The wrapped token.
  CompletionToken token_;
  /// The values the handler carries.
  std::tuple<Values...> values_;
};

/// The handler of `completion_token` carries `values` along, unchanged completion arguments
/// and all. The values live as long as the pending operation's handler: they are destroyed
/// after the handler has run (or, if it never runs, with it), which is how an operation keeps
/// the object it works on alive.
template <typename CompletionToken, typename... Values>
[[nodiscard]] constexpr consign_t<std::decay_t<CompletionToken>, std::decay_t<Values>...> consign(
    CompletionToken&& completion_token, Values&&... values) {
  return consign_t<std::decay_t<CompletionToken>, std::decay_t<Values>...>(
      std::forward<CompletionToken>(completion_token), std::forward<Values>(values)...);
}

namespace detail {

template <typename Handler, typename... Values>
class consign_handler : public wrapped_handler_tag {
 public:
  using inner_type = Handler;

  template <typename H, typename V>
  consign_handler(H&& handler, V&& values)
      : handler_(std::forward<H>(handler)), values_(std::forward<V>(values)) {}

  const Handler& inner() const noexcept { return handler_; }

  // The values stay in this object, which the operation destroys after the call.
  template <typename... Args>
  void operator()(Args&&... args) {
    std::move(handler_)(std::forward<Args>(args)...);
  }

 private:
  Handler handler_;
  std::tuple<Values...> values_;
};

template <typename Initiation, typename... Values>
class consign_initiation : public initiation_base<Initiation> {
 public:
  template <typename I, typename V>
  consign_initiation(I&& initiation, V&& values)
      : initiation_base<Initiation>(std::forward<I>(initiation)),
        values_(std::forward<V>(values)) {}

  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) && {
    std::move(this->initiation_)(consign_handler<std::decay_t<Handler>, Values...>(
                                     std::forward<Handler>(handler), std::move(values_)),
                                 std::forward<Args>(args)...);
  }
  template <typename Handler, typename... Args>
  void operator()(Handler&& handler, Args&&... args) const& {
    this->initiation_(
        consign_handler<std::decay_t<Handler>, Values...>(std::forward<Handler>(handler), values_),
        std::forward<Args>(args)...);
  }

 private:
  std::tuple<Values...> values_;
};

}  // namespace detail

/// Initiates the operation through the wrapped token, with the same signatures; the handler it
/// gives the operation holds the values.
template <typename CompletionToken, typename... Values, completion_signature... Signatures>
class async_result<consign_t<CompletionToken, Values...>, Signatures...>
    : public detail::forwarded_return_type<async_result<CompletionToken, Signatures...>> {
 public:
  /// Initiates the operation as the wrapped token would, with a handler that also holds the
  /// values.
  template <typename Initiation, typename RawToken, typename... InitArgs>
  static decltype(auto) initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    // The wrapper's constness and value category pass on to the inner token.
    using target_token = detail::bound_target_token_t<RawToken, CompletionToken>;
    return async_initiate<target_token, Signatures...>(
        detail::consign_initiation<std::decay_t<Initiation>, Values...>(
            std::forward<Initiation>(initiation), detail::adapter_values<RawToken>(token)),
        token.token_, std::forward<InitArgs>(args)...);
  }
};

}  // namespace ringport
