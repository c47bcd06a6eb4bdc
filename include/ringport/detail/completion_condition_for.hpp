// completion_condition_for: what the composed read/write functions accept as a completion
// condition. It tells `async_read(s, buffers, cond)` from `async_read(s, buffers, token)`:
// a condition returns a size (or bool), a completion handler returns nothing.
#pragma once

#include "ringport/completion_condition.hpp"
#include "ringport/error_code.hpp"

#include <cstddef>
#include <type_traits>

namespace ringport::detail {

template <typename T>
concept completion_condition_for = requires(std::decay_t<T>& cond, const error_code& ec,
                                            std::size_t n) {
  { adapt_completion_condition_result(cond(ec, n)) } -> std::same_as<std::size_t>;
};

}  // namespace ringport::detail
