// local::connect_pair: makes two connected local sockets (socketpair) and gives one to each
// socket object. Both sockets must be closed beforehand; on failure both stay closed.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_socket.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

namespace ringport {
namespace detail {
// socketpair(family, type | close-on-exec, protocol): fills `fds` or sets `ec`.
RINGPORT_DECL error_code make_socket_pair(int family, int type, int protocol, int (&fds)[2],
                                          error_code& ec);
// Closes a descriptor that no socket object took over.
RINGPORT_DECL void close_native_descriptor(int fd) noexcept;
}  // namespace detail

namespace local {

/// @name Connecting a pair
//@{
/// Makes two connected local sockets (socketpair) and gives one to each socket object. Both
/// sockets must be closed beforehand (else error::already_open); on failure both stay closed.
/// The overload with `ec` reports the error there (and returns it), the other throws
/// std::system_error.
template <typename Protocol, typename Executor1, typename Executor2>
error_code connect_pair(basic_socket<Protocol, Executor1>& socket1,
                        basic_socket<Protocol, Executor2>& socket2, error_code& ec) {
  if (socket1.is_open() || socket2.is_open()) {
    ec = error::already_open;
    return ec;
  }
  Protocol protocol;
  int fds[2];
  if (detail::make_socket_pair(protocol.family(), protocol.type(), protocol.protocol(), fds, ec))
    return ec;
  if (socket1.assign(protocol, fds[0], ec)) {
    detail::close_native_descriptor(fds[0]);
    detail::close_native_descriptor(fds[1]);
    return ec;
  }
  if (socket2.assign(protocol, fds[1], ec)) {
    error_code ignored;
    socket1.close(ignored);
    detail::close_native_descriptor(fds[1]);
    return ec;
  }
  return ec;
}

template <typename Protocol, typename Executor1, typename Executor2>
void connect_pair(basic_socket<Protocol, Executor1>& socket1,
                  basic_socket<Protocol, Executor2>& socket2) {
  error_code ec;
  connect_pair(socket1, socket2, ec);
  detail::throw_error(ec, "connect_pair");
}
//@}

}  // namespace local
}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/local/basic_endpoint.hpp"
