// The Windows half of the resolver service (src/common/resolver_service.cpp has the rest):
// Winsock must be started before getaddrinfo/getnameinfo (whose EAI_* codes are WSA errors:
// EAI_NONAME is WSAHOST_NOT_FOUND, ...), and WSAGetLastError explains unknown codes.
#include "../common/resolver_service_os.hpp"

#include "ringport/error.hpp"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <system_error>

namespace ringport::detail {

namespace resolver_os {

// WSAStartup/WSACleanup count references themselves: each resolver service holds one.
// TODO(integration): share the socket service's winsock_acquire()/winsock_release() once
// src/windows/sockets exports them.
void startup() {
  WSADATA data;
  int r = ::WSAStartup(MAKEWORD(2, 2), &data);
  if (r != 0) throw std::system_error(error_code(r, error::get_system_category()), "WSAStartup");
}
void cleanup() noexcept {
  ::WSACleanup();
}

void clear_last_error() noexcept {
  ::WSASetLastError(0);
}
int last_error() noexcept {
  return ::WSAGetLastError();
}

// Unknown codes: the thread's last Winsock error, in the system category.
error_code other_addrinfo_error(int code, int saved_error) {
  return error_code(saved_error != 0 ? saved_error : code, error::get_system_category());
}

}  // namespace resolver_os

}  // namespace ringport::detail
