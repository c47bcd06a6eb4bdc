// iocp_socket_service_base, a socket's modes and options: non_blocking, native_non_blocking,
// available, io_control, set_option and get_option (with the acceptor's own
// enable_connection_aborted, kept in the implementation's state).
#include "iocp_socket_internal.hpp"

#include "ringport/detail/socket_types.hpp"
#include "ringport/error.hpp"

#include <cstring>

namespace ringport::detail {

error_code iocp_socket_service_base::native_non_blocking(base_implementation_type& impl, bool mode,
                                                         error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (!mode && (impl.state_ & user_set_non_blocking)) {
    ec = error::invalid_argument;
    return ec;
  }
  u_long arg = mode ? 1 : 0;
  if (::ioctlsocket(sock(impl.socket_), FIONBIO, &arg) != 0) {
    ec = last_wsa_error();
    return ec;
  }
  if (mode)
    impl.state_ |= user_set_native_non_blocking | internal_non_blocking;
  else
    impl.state_ &= ~(user_set_native_non_blocking | internal_non_blocking);
  ec.clear();
  return ec;
}

std::size_t iocp_socket_service_base::available(const base_implementation_type& impl,
                                                error_code& ec) const {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return 0;
  }
  u_long n = 0;
  if (::ioctlsocket(sock(impl.socket_), FIONREAD, &n) != 0) {
    ec = last_wsa_error();
    return 0;
  }
  ec.clear();
  return static_cast<std::size_t>(n);
}

error_code iocp_socket_service_base::do_io_control(base_implementation_type& impl,
                                                   unsigned long request, void* arg,
                                                   error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (::ioctlsocket(sock(impl.socket_), static_cast<long>(request), static_cast<u_long*>(arg)) != 0)
    ec = last_wsa_error();
  else
    ec.clear();
  return ec;
}

error_code iocp_socket_service_base::set_option(base_implementation_type& impl, int level, int name,
                                                const void* data, std::size_t size,
                                                error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (::setsockopt(sock(impl.socket_), level, name, static_cast<const char*>(data),
                   static_cast<int>(size)) != 0)
    ec = last_wsa_error();
  else
    ec.clear();
  return ec;
}

error_code iocp_socket_service_base::get_option(const base_implementation_type& impl, int level,
                                                int name, void* data, std::size_t& size,
                                                error_code& ec) const {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  int len = static_cast<int>(size);
  if (::getsockopt(sock(impl.socket_), level, name, static_cast<char*>(data), &len) != 0) {
    ec = last_wsa_error();
    return ec;
  }
  // Some boolean options come back as one byte on Windows; widen them to the int the
  // option classes hold (as Asio does).
  if (size == sizeof(int) && len == 1) {
    int value = *static_cast<unsigned char*>(data) ? 1 : 0;
    std::memcpy(data, &value, sizeof value);
    len = sizeof(int);
  }
  size = static_cast<std::size_t>(len);
  ec.clear();
  return ec;
}

}  // namespace ringport::detail
