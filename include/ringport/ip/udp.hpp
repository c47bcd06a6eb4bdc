// UDP: the datagram protocol over IPv4 or IPv6. A protocol value says which family a socket opens
// with; endpoint is its address type.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/socket_types.hpp"
#include "ringport/ip/basic_endpoint.hpp"

#include "ringport/basic_datagram_socket.hpp"
#include "ringport/ip/basic_resolver.hpp"

namespace ringport::ip {

/// The UDP protocol: the endpoint, socket and resolver types, and the
/// IPv4 and IPv6 forms of the protocol (Asio's ip::udp).
class udp {
 public:
  /// @name Types
  //@{
  /// The endpoint, socket and resolver types for udp.
  using endpoint = basic_endpoint<udp>;
  using socket = basic_datagram_socket<udp>;
  using resolver = basic_resolver<udp>;

  //@}
  /// @name Protocol values
  //@{
  /// The protocol over IPv4 or IPv6.
  static constexpr udp v4() noexcept { return udp(detail::af_inet); }
  static constexpr udp v6() noexcept { return udp(detail::af_inet6); }

  //@}
  /// @name Protocol numbers
  //@{
  /// The socket type, the protocol number and the address family, as the OS's socket() takes
  /// them.
  constexpr int type() const noexcept { return detail::sock_dgram; }
  constexpr int protocol() const noexcept { return detail::ipproto_udp; }
  constexpr int family() const noexcept { return family_; }

  //@}
  /// Two protocols are equal when their address families are.
  friend constexpr bool operator==(const udp&, const udp&) noexcept = default;

 private:
  constexpr explicit udp(int protocol_family) noexcept : family_(protocol_family) {}

  int family_;
};

}  // namespace ringport::ip
