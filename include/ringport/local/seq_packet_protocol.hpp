// Local (AF_UNIX) sequenced-packet sockets: connected, reliable, and record boundaries kept.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/socket_types.hpp"
#include "ringport/local/basic_endpoint.hpp"

// Local sockets exist on Linux only: Windows has only AF_UNIX streams, and Wine (where the
// Windows build is tested) has none.
#if !defined(_WIN32)
#include "ringport/basic_seq_packet_socket.hpp"
#include "ringport/basic_socket_acceptor.hpp"
#endif

namespace ringport::local {

/// Local (AF_UNIX) sequenced-packet sockets: connected, reliable, and record boundaries kept
/// (Asio's local::seq_packet_protocol).
class seq_packet_protocol {
 public:
  /// @name Types
  //@{
  /// The endpoint, socket and acceptor types (the socket and acceptor exist on POSIX systems
  /// only).
  using endpoint = basic_endpoint<seq_packet_protocol>;
#if !defined(_WIN32)
  using socket = basic_seq_packet_socket<seq_packet_protocol>;
  using acceptor = basic_socket_acceptor<seq_packet_protocol>;
#endif

  //@}
  /// @name Protocol numbers
  //@{
  /// The socket type, the protocol number and the address family (AF_UNIX), as the OS's
  /// socket() takes them.
  constexpr int type() const noexcept {
    return detail::sock_seqpacket;
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
  friend constexpr bool operator==(const seq_packet_protocol&,
                                   const seq_packet_protocol&) noexcept {
    return true;
  }
};

}  // namespace ringport::local
