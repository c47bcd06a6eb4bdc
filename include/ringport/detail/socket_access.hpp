// Lets library code reach a socket object's service and implementation (the socket
// services' move-accept assigns the accepted descriptor to a socket it has just made);
// basic_socket befriends this and nothing else outside the public API.
#pragma once

namespace ringport::detail {

struct socket_access {
  template <typename Socket>
  static auto& service(Socket& s) noexcept {
    return s.service();
  }
  template <typename Socket>
  static auto& impl(Socket& s) noexcept {
    return s.impl();
  }
};

}  // namespace ringport::detail
