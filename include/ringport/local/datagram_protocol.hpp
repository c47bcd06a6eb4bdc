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

/// Local (AF_UNIX) datagram sockets: message-preserving sockets between processes on one
/// machine (Asio's local::datagram_protocol).
class datagram_protocol {
 public:
  /// @name Types
  //@{
  /// The endpoint and socket types (the socket exists on POSIX systems only).
  using endpoint = basic_endpoint<datagram_protocol>;
#if !defined(_WIN32)
  using socket = basic_datagram_socket<datagram_protocol>;
#endif

  //@}
  /// @name Protocol numbers
  //@{
  /// The socket type, the protocol number and the address family (AF_UNIX), as the OS's
  /// socket() takes them.
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

  //@}
  /// All values of the protocol are equal.
  friend constexpr bool operator==(const datagram_protocol&, const datagram_protocol&) noexcept {
    return true;
  }
};

}  // namespace ringport::local
