// The storage behind ip::basic_endpoint<Protocol>: a sockaddr_in or sockaddr_in6, chosen by the
// address family, so the socket layer can pass data()/size() straight to the OS. Not a
// template, so the protocol-specific endpoint classes stay thin wrappers.
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/detail/socket_types.hpp"
#include "ringport/ip/address.hpp"

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ringport::ip {
// A port number in host byte order.
using port_type = std::uint_least16_t;
}  // namespace ringport::ip

namespace ringport::detail {

class RINGPORT_DECL ip_endpoint {
 public:
  // 0.0.0.0:0
  ip_endpoint() noexcept;
  // The unspecified address of `family` (af_inet or af_inet6) with `port`.
  ip_endpoint(int family, ip::port_type port) noexcept;
  ip_endpoint(const ip::address& addr, ip::port_type port) noexcept;

  socket_addr_type* data() noexcept { return reinterpret_cast<socket_addr_type*>(&data_); }
  const socket_addr_type* data() const noexcept {
    return reinterpret_cast<const socket_addr_type*>(&data_);
  }
  std::size_t size() const noexcept {
    return is_v4() ? sizeof(sockaddr_in4_layout) : sizeof(sockaddr_in6_layout);
  }
  // Called after the OS wrote an address into data(); the family, not the reported length,
  // decides size(). Throws system_error(invalid_argument) for a length no sockaddr can have.
  void resize(std::size_t new_size);
  std::size_t capacity() const noexcept { return sizeof(data_); }

  // TRICKY: both layouts begin with the family field (a common initial sequence), so reading
  // it through v4 is valid whichever one the OS filled in.
  bool is_v4() const noexcept { return data_.v4.family == af_inet; }

  ip::port_type port() const noexcept {
    return static_cast<ip::port_type>((data_.v4.port[0] << 8) | data_.v4.port[1]);
  }
  void port(ip::port_type port_num) noexcept {
    data_.v4.port[0] = static_cast<unsigned char>((port_num >> 8) & 0xFF);
    data_.v4.port[1] = static_cast<unsigned char>(port_num & 0xFF);
  }

  ip::address address() const noexcept;
  // Replaces the address (and the family with it), keeping the port.
  void address(const ip::address& addr) noexcept;

  // "1.2.3.4:80" or "[::1%2]:80".
  std::string to_string() const;

  // By address, then port (as Asio).
  friend bool operator==(const ip_endpoint& a, const ip_endpoint& b) noexcept {
    return a.address() == b.address() && a.port() == b.port();
  }
  friend std::strong_ordering operator<=>(const ip_endpoint& a, const ip_endpoint& b) noexcept {
    if (auto order = a.address() <=> b.address(); order != 0) return order;
    return a.port() <=> b.port();
  }

 private:
  union storage {
    sockaddr_in4_layout v4;
    sockaddr_in6_layout v6;
  } data_;
};

}  // namespace ringport::detail
