// execution::context and execution::context_as: the execution context behind an executor.
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::execution {

struct context_t {
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
};

inline constexpr context_t context{};

/// Queries the context converted to a given type (any_io_executor uses
/// context_as<execution_context&>).
template <typename T>
struct context_as_t {
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
  using polymorphic_query_result_type = T;
};

template <typename T>
inline constexpr context_as_t<T> context_as{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
