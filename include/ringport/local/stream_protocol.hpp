// Local (AF_UNIX) stream sockets: connected byte streams between processes on one machine.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/socket_types.hpp"
#include "ringport/local/basic_endpoint.hpp"

// Local sockets exist on Linux only: Windows has only AF_UNIX streams, and Wine (where the
// Windows build is tested) has none.
#if !defined(_WIN32)
#include "ringport/basic_socket_acceptor.hpp"
#include "ringport/basic_stream_socket.hpp"
#endif

namespace ringport::local {

/// Local (AF_UNIX) stream sockets: connected byte streams between processes on one machine
/// (Asio's local::stream_protocol).
class stream_protocol {
 public:
  /// @name Types
  //@{
  /// The endpoint, socket and acceptor types (the socket and acceptor exist on POSIX systems
  /// only).
  using endpoint = basic_endpoint<stream_protocol>;
#if !defined(_WIN32)
  using socket = basic_stream_socket<stream_protocol>;
  using acceptor = basic_socket_acceptor<stream_protocol>;
#endif

  //@}
  /// @name Protocol numbers
  //@{
  /// The socket type, the protocol number and the address family (AF_UNIX), as the OS's
  /// socket() takes them.
  constexpr int type() const noexcept {
    return detail::sock_stream;
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
  friend constexpr bool operator==(const stream_protocol&, const stream_protocol&) noexcept {
    return true;
  }
};

}  // namespace ringport::local

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/basic_waitable_timer.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/wait_traits.hpp"
