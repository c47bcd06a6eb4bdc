// UDP: the datagram protocol over IPv4 or IPv6. A protocol value says which family a socket opens
// with; endpoint is its address type.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/socket_types.hpp"
#include "ringport/ip/basic_endpoint.hpp"

#include "ringport/basic_datagram_socket.hpp"
#include "ringport/ip/basic_resolver.hpp"

namespace ringport::ip {

class udp {
 public:
  using endpoint = basic_endpoint<udp>;
  using socket = basic_datagram_socket<udp>;
  using resolver = basic_resolver<udp>;

  static constexpr udp v4() noexcept { return udp(detail::af_inet); }
  static constexpr udp v6() noexcept { return udp(detail::af_inet6); }

  constexpr int type() const noexcept { return detail::sock_dgram; }
  constexpr int protocol() const noexcept { return detail::ipproto_udp; }
  constexpr int family() const noexcept { return family_; }

  friend constexpr bool operator==(const udp&, const udp&) noexcept = default;

 private:
  constexpr explicit udp(int protocol_family) noexcept : family_(protocol_family) {}

  int family_;
};

}  // namespace ringport::ip
