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

class seq_packet_protocol {
 public:
  using endpoint = basic_endpoint<seq_packet_protocol>;
#if !defined(_WIN32)
  using socket = basic_seq_packet_socket<seq_packet_protocol>;
  using acceptor = basic_socket_acceptor<seq_packet_protocol>;
#endif

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

  friend constexpr bool operator==(const seq_packet_protocol&,
                                   const seq_packet_protocol&) noexcept {
    return true;
  }
};

}  // namespace ringport::local
