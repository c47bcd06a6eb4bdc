// The Windows half of the resolver service (src/common/resolver_service.cpp has the rest):
// Winsock must be started before getaddrinfo/getnameinfo (whose EAI_* codes are WSA errors:
// EAI_NONAME is WSAHOST_NOT_FOUND, ...), and WSAGetLastError explains unknown codes.
#include "../common/resolver_service_os.hpp"
#include "winsock_init.hpp"

#include "ringport/error.hpp"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <system_error>

namespace ringport::detail {

namespace resolver_os {

void startup() {
  winsock_acquire();
}
void cleanup() noexcept {
  winsock_release();
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
