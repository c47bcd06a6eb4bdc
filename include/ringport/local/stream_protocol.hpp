// Local (AF_UNIX) stream sockets: connected byte streams between processes on one machine.
#pragma once

#include "ringport/detail/socket_types.hpp"
#include "ringport/local/basic_endpoint.hpp"

namespace ringport::local {

class stream_protocol {
 public:
  using endpoint = basic_endpoint<stream_protocol>;
  // The socket layer adds the socket, acceptor and iostream typedefs here once those classes exist.

  constexpr int type() const noexcept { return detail::sock_stream; }
  // AF_UNIX has a single protocol per socket type.
  constexpr int protocol() const noexcept { return 0; }
  constexpr int family() const noexcept { return detail::af_unix; }
};

}  // namespace ringport::local
