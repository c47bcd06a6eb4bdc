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
#include "ringport/detail/extra_values_adapter.hpp"

#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport {

template <typename CompletionToken, typename... Values>
class append_t : public detail::extra_values_token<CompletionToken, Values...> {
 public:
  using detail::extra_values_token<CompletionToken, Values...>::extra_values_token;
};

/// The handler (or awaitable, future, ...) of `completion_token` receives the operation's
/// completion arguments followed by `values`. The handler's associated executor, allocator and
/// cancellation slot are those of the target's handler.
template <typename CompletionToken, typename... Values>
[[nodiscard]] constexpr append_t<std::decay_t<CompletionToken>, std::decay_t<Values>...> append(
    CompletionToken&& completion_token, Values&&... values) {
  return append_t<std::decay_t<CompletionToken>, std::decay_t<Values>...>(
      std::forward<CompletionToken>(completion_token), std::forward<Values>(values)...);
}

template <typename CompletionToken, typename... Values, completion_signature... Signatures>
class async_result<append_t<CompletionToken, Values...>, Signatures...>
    : public detail::extra_values_result<detail::extra_values_position::after, CompletionToken,
                                         std::tuple<Values...>, Signatures...> {};

}  // namespace ringport
