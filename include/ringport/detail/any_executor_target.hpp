// What an executor must offer to be wrapped by any_io_executor (Asio's list for it): execute
// a type-erased function, name its execution context, and give a never-blocking version of
// itself. The prefer-only properties need nothing: prefer() falls back to the executor itself.
#pragma once

#include "ringport/detail/executor_function.hpp"
#include "ringport/execution.hpp"

#include <concepts>
#include <type_traits>
#include <utility>

namespace ringport {
class execution_context;
}  // namespace ringport

namespace ringport::detail {

// The member checks come first so that unrelated types are turned away before the standard
// concepts (which look at their constructors and operators) are consulted.
template <typename Ex>
concept any_executor_target = requires(const Ex& ex, executor_function&& f) {
  ex.execute(std::move(f));
  { ringport::query(ex, execution::context) } -> std::convertible_to<execution_context&>;
}
&&has_member_require<Ex, execution::blocking_t::never_t>&& std::copy_constructible<Ex>&&
    std::equality_comparable<Ex>;

}  // namespace ringport::detail
