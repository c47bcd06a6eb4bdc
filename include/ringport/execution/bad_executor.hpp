// execution::bad_executor: thrown when an empty polymorphic executor (any_io_executor) is
// asked to execute, query, require or prefer.
#pragma once

#include "ringport/detail/config.hpp"
#include <exception>

namespace ringport::execution {

/// Thrown when an empty polymorphic executor (any_io_executor) is asked to execute, query,
/// require or prefer (Asio's execution::bad_executor).
class bad_executor : public std::exception {
 public:
  /// @name Members
  //@{
  /// Constructs the exception; what() is "bad executor".
  bad_executor() noexcept = default;
  const char* what() const noexcept override { return "bad executor"; }
  //@}
};

}  // namespace ringport::execution
