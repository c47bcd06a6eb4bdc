// The native half of local::connect_pair.
#include "ringport/local/connect_pair.hpp"
#include "ringport/error_code.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace ringport::detail {

error_code make_socket_pair(int family, int type, int protocol, int (&fds)[2], error_code& ec) {
  if (::socketpair(family, type | SOCK_CLOEXEC, protocol, fds) != 0) {
    ec = error_code(errno, ringport::system_category());
    return ec;
  }
  ec.clear();
  return ec;
}

void close_native_descriptor(int fd) noexcept {
  ::close(fd);
}

}  // namespace ringport::detail
