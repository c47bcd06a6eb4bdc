// legacy_wrapped_handler<Dispatcher, Handler>: what the deprecated wrap() members return. Calling
// it with completion arguments does not run the handler there: it hands the handler, with copies of
// the arguments, to the dispatcher's dispatch() (an io_context executor or an io_context::strand),
// so the handler runs inside that executor.
#pragma once

#include "ringport/detail/config.hpp"

#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport::detail {

// The handler with its arguments bound; the arguments reach it as lvalues, so handlers that
// take them by value, by const reference or by reference all accept them.
template <typename Handler, typename... Args>
class bound_legacy_call {
 public:
  template <typename H, typename... A>
  explicit bound_legacy_call(H&& handler, A&&... args)
      : handler_(std::forward<H>(handler)), args_(std::forward<A>(args)...) {}

  void operator()() { std::apply(handler_, args_); }

 private:
  Handler handler_;
  std::tuple<Args...> args_;
};

template <typename Dispatcher, typename Handler>
class legacy_wrapped_handler {
 public:
  using dispatcher_type = Dispatcher;
  using handler_type = Handler;

  template <typename H>
  legacy_wrapped_handler(const Dispatcher& dispatcher, H&& handler)
      : dispatcher_(dispatcher), handler_(std::forward<H>(handler)) {}

  // A copyable handler stays in the wrapper, so the wrapper can be called again (as legacy
  // code sometimes does); a move-only one is handed over on the one call it can take.
  template <typename... Args>
  void operator()(Args&&... args) {
    using call = bound_legacy_call<Handler, std::decay_t<Args>...>;
    if constexpr (std::is_copy_constructible_v<Handler>)
      dispatcher_.dispatch(call(handler_, std::forward<Args>(args)...), std::allocator<void>());
    else
      dispatcher_.dispatch(call(std::move(handler_), std::forward<Args>(args)...),
                           std::allocator<void>());
  }
  template <typename... Args>
  void operator()(Args&&... args) const requires std::is_copy_constructible_v<Handler> {
    using call = bound_legacy_call<Handler, std::decay_t<Args>...>;
    dispatcher_.dispatch(call(handler_, std::forward<Args>(args)...), std::allocator<void>());
  }

  Dispatcher dispatcher_;
  Handler handler_;
};

}  // namespace ringport::detail
