// Local (AF_UNIX) datagram sockets: message-preserving sockets between processes on one machine.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/socket_types.hpp"
#include "ringport/local/basic_endpoint.hpp"

// Local sockets exist on Linux only: Windows has only AF_UNIX streams, and Wine (where the
// Windows build is tested) has none.
#if !defined(_WIN32)
#include "ringport/basic_datagram_socket.hpp"
#endif

namespace ringport::local {

class datagram_protocol {
 public:
  using endpoint = basic_endpoint<datagram_protocol>;
#if !defined(_WIN32)
  using socket = basic_datagram_socket<datagram_protocol>;
#endif

  constexpr int type() const noexcept {
    return detail::sock_dgram;
  }
  /// AF_UNIX has a single protocol per socket type.
  constexpr int protocol() const noexcept {
    return 0;
  }
  constexpr int family() const noexcept {
    return detail::af_unix;
  }

  friend constexpr bool operator==(const datagram_protocol&, const datagram_protocol&) noexcept {
    return true;
  }
};

}  // namespace ringport::local
