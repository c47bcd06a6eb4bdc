// TCP: the stream protocol over IPv4 or IPv6. A protocol value says which family a socket opens
// with; endpoint is its address type.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/socket_option.hpp"
#include "ringport/detail/socket_types.hpp"
#include "ringport/ip/basic_endpoint.hpp"

#include "ringport/basic_socket_acceptor.hpp"
#include "ringport/basic_stream_socket.hpp"
#include "ringport/ip/basic_resolver.hpp"

namespace ringport::ip {

/// The TCP protocol: the endpoint, socket, acceptor and resolver types, and the
/// IPv4 and IPv6 forms of the protocol (Asio's ip::tcp).
class tcp {
 public:
  /// @name Types
  //@{
  /// The endpoint, socket, acceptor and resolver types for tcp.
  using endpoint = basic_endpoint<tcp>;
  using socket = basic_stream_socket<tcp>;
  using acceptor = basic_socket_acceptor<tcp>;
  using resolver = basic_resolver<tcp>;
  // The iostream typedef comes with that class.

  /// Disables Nagle's algorithm (TCP_NODELAY).
  using no_delay = detail::socket_option::boolean<detail::ipproto_tcp, detail::tcp_nodelay>;

  //@}
  /// @name Protocol values
  //@{
  /// The protocol over IPv4 or IPv6.
  static constexpr tcp v4() noexcept { return tcp(detail::af_inet); }
  static constexpr tcp v6() noexcept { return tcp(detail::af_inet6); }

  //@}
  /// @name Protocol numbers
  //@{
  /// The socket type, the protocol number and the address family, as the OS's socket() takes
  /// them.
  constexpr int type() const noexcept { return detail::sock_stream; }
  constexpr int protocol() const noexcept { return detail::ipproto_tcp; }
  constexpr int family() const noexcept { return family_; }

  //@}
  /// Two protocols are equal when their address families are.
  friend constexpr bool operator==(const tcp&, const tcp&) noexcept = default;

 private:
  constexpr explicit tcp(int protocol_family) noexcept : family_(protocol_family) {}

  int family_;
};

}  // namespace ringport::ip

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/basic_waitable_timer.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/wait_traits.hpp"
