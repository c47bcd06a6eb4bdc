// execution::context and execution::context_as: the execution context behind an executor.
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::execution {

/// The execution::context property (Asio's execution::context_t): the execution context
/// behind an executor, a query-only property.
struct context_t {
  /// @name Property traits
  //@{
  /// Asio's property traits: the property can be neither required nor preferred.
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
  //@}
};

/// The execution::context property object (an instance of context_t).
inline constexpr context_t context{};

/// Queries the context converted to a given type (any_io_executor uses
/// context_as<execution_context&>).
template <typename T>
struct context_as_t {
  /// @name Property traits
  //@{
  /// Asio's property traits: a query-only property whose query returns a `T`.
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
  using polymorphic_query_result_type = T;
  //@}
};

/// The execution::context_as<T> property object (an instance of context_as_t<T>).
template <typename T>
inline constexpr context_as_t<T> context_as{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
