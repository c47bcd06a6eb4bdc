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
#include "ringport/detail/extra_values_adapter.hpp"

#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport {

template <typename CompletionToken, typename... Values>
class prepend_t : public detail::extra_values_token<CompletionToken, Values...> {
 public:
  using detail::extra_values_token<CompletionToken, Values...>::extra_values_token;
};

/// The handler (or awaitable, future, ...) of `completion_token` receives `values` followed by
/// the operation's completion arguments. The handler's associated executor, allocator and
/// cancellation slot are those of the target's handler.
template <typename CompletionToken, typename... Values>
[[nodiscard]] constexpr prepend_t<std::decay_t<CompletionToken>, std::decay_t<Values>...> prepend(
    CompletionToken&& completion_token, Values&&... values) {
  return prepend_t<std::decay_t<CompletionToken>, std::decay_t<Values>...>(
      std::forward<CompletionToken>(completion_token), std::forward<Values>(values)...);
}

template <typename CompletionToken, typename... Values, completion_signature... Signatures>
class async_result<prepend_t<CompletionToken, Values...>, Signatures...>
    : public detail::extra_values_result<detail::extra_values_position::before, CompletionToken,
                                         std::tuple<Values...>, Signatures...> {};

}  // namespace ringport
