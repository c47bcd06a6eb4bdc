// execution::occupancy: how many agents an executor can usefully run at once (a query-only
// property; thread pools and the system executor answer with their thread count).
#pragma once

#include "ringport/detail/config.hpp"

#include <cstddef>

namespace ringport::execution {

/// The execution::occupancy property (Asio's execution::occupancy_t): how many agents an
/// executor can usefully run at once (a query-only property; thread pools and the system
/// executor answer with their thread count).
struct occupancy_t {
  /// @name Property traits
  //@{
  /// Asio's property traits: a query-only property whose query returns a std::size_t.
  static constexpr bool is_requirable = false;
  static constexpr bool is_preferable = false;
  using polymorphic_query_result_type = std::size_t;
  //@}
};

/// The execution::occupancy property object (an instance of occupancy_t).
inline constexpr occupancy_t occupancy{};

}  // namespace ringport::execution

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/execution/execute.hpp"
