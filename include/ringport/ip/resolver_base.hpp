// ip::resolver_base: the flags a resolver query takes (Asio's names). Each value is the
// matching AI_* constant of getaddrinfo, spelled as a number so this header needs no
// <netdb.h>/<ws2tcpip.h>; src/<os>/resolver_service.cpp checks them against the OS.
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::ip {

/// The flags a resolve takes (Asio's ip::resolver_base); the base of basic_resolver.
class resolver_base {
 public:
  /// The getaddrinfo() flags (AI_*) under Asio's names; combine them with |.
  enum flags {
#if defined(RINGPORT_WINDOWS)
    canonical_name = 0x02,      // AI_CANONNAME
    passive = 0x01,             // AI_PASSIVE
    numeric_host = 0x04,        // AI_NUMERICHOST
    numeric_service = 0x08,     // AI_NUMERICSERV
    v4_mapped = 0x800,          // AI_V4MAPPED
    all_matching = 0x100,       // AI_ALL
    address_configured = 0x400  // AI_ADDRCONFIG
#else
    canonical_name = 0x02,     // AI_CANONNAME
    passive = 0x01,            // AI_PASSIVE
    numeric_host = 0x04,       // AI_NUMERICHOST
    numeric_service = 0x400,   // AI_NUMERICSERV
    v4_mapped = 0x08,          // AI_V4MAPPED
    all_matching = 0x10,       // AI_ALL
    address_configured = 0x20  // AI_ADDRCONFIG
#endif
  };

  /// @name Bitmask operations
  //@{
  /// Bitmask operations ([bitmask.types]).
  friend constexpr flags operator&(flags x, flags y) noexcept {
    return static_cast<flags>(static_cast<unsigned>(x) & static_cast<unsigned>(y));
  }
  friend constexpr flags operator|(flags x, flags y) noexcept {
    return static_cast<flags>(static_cast<unsigned>(x) | static_cast<unsigned>(y));
  }
  friend constexpr flags operator^(flags x, flags y) noexcept {
    return static_cast<flags>(static_cast<unsigned>(x) ^ static_cast<unsigned>(y));
  }
  friend constexpr flags operator~(flags x) noexcept {
    return static_cast<flags>(~static_cast<unsigned>(x));
  }
  friend constexpr flags& operator&=(flags& x, flags y) noexcept {
    return x = x & y;
  }
  friend constexpr flags& operator|=(flags& x, flags y) noexcept {
    return x = x | y;
  }
  friend constexpr flags& operator^=(flags& x, flags y) noexcept {
    return x = x ^ y;
  }

  //@}
 protected:
  // Not deleted through this base.
  ~resolver_base() = default;
};

}  // namespace ringport::ip
