// Thrown when an ip::address is converted to the IP version it does not hold (to_v4() of an
// IPv6 address) or a non-mapped IPv6 address is converted with v4_mapped.
#pragma once

#include "ringport/detail/config.hpp"
#include <typeinfo>

namespace ringport::ip {

class bad_address_cast : public std::bad_cast {
 public:
  bad_address_cast() noexcept = default;
  const char* what() const noexcept override { return "bad address cast"; }
};

}  // namespace ringport::ip
