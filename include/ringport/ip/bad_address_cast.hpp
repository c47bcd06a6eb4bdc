// Thrown when an ip::address is converted to the IP version it does not hold (to_v4() of an
// IPv6 address) or a non-mapped IPv6 address is converted with v4_mapped.
#pragma once

#include "ringport/detail/config.hpp"
#include <typeinfo>

namespace ringport::ip {

/// Thrown when an address is converted to the other IP version (ip::address::to_v4() on an
/// IPv6 address, for example): Asio's ip::bad_address_cast.
class bad_address_cast : public std::bad_cast {
 public:
  /// @name Members
  //@{
  /// Constructs the exception; what() is "bad address cast".
  bad_address_cast() noexcept = default;
  const char* what() const noexcept override { return "bad address cast"; }
  //@}
};

}  // namespace ringport::ip
