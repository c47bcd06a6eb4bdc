// Local (AF_UNIX) datagram sockets: message-preserving sockets between processes on one machine.
#pragma once

#include "ringport/detail/socket_types.hpp"
#include "ringport/local/basic_endpoint.hpp"

namespace ringport::local {

class datagram_protocol {
 public:
  using endpoint = basic_endpoint<datagram_protocol>;
  // The socket layer adds the socket typedefs here once those classes exist.

  constexpr int type() const noexcept { return detail::sock_dgram; }
  // AF_UNIX has a single protocol per socket type.
  constexpr int protocol() const noexcept { return 0; }
  constexpr int family() const noexcept { return detail::af_unix; }
};

}  // namespace ringport::local
