// The Windows half of the resolver service (src/common/resolver_service.cpp has the rest):
// Winsock must be started before getaddrinfo/getnameinfo, and their codes, which are WSA
// errors (EAI_NONAME is WSAHOST_NOT_FOUND, ...), map to Asio's values as Asio maps them.
#include "../common/resolver_service_os.hpp"

#include "ringport/error.hpp"
#include "ringport/ip/resolver_base.hpp"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <system_error>

namespace ringport::detail {

static_assert(ip::resolver_base::canonical_name == AI_CANONNAME);
static_assert(ip::resolver_base::passive == AI_PASSIVE);
static_assert(ip::resolver_base::numeric_host == AI_NUMERICHOST);
static_assert(ip::resolver_base::numeric_service == AI_NUMERICSERV);
static_assert(ip::resolver_base::v4_mapped == AI_V4MAPPED);
static_assert(ip::resolver_base::all_matching == AI_ALL);
static_assert(ip::resolver_base::address_configured == AI_ADDRCONFIG);

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

// As Asio on Windows: the same EAI_* cases (here WSA codes); anything else is the thread's
// last Winsock error in the system category.
error_code translate_addrinfo_error(int code, int saved_error) {
  switch (code) {
    case 0:
      return error_code();
    case EAI_AGAIN:
      return error::host_not_found_try_again;
    case EAI_BADFLAGS:
      return error::invalid_argument;
    case EAI_FAIL:
      return error::no_recovery;
    case EAI_FAMILY:
      return error::address_family_not_supported;
    case EAI_MEMORY:
      return error::no_memory;
    case EAI_NONAME:
#if defined(EAI_NODATA) && (EAI_NODATA != EAI_NONAME)
    case EAI_NODATA:
#endif
      return error::host_not_found;
    case EAI_SERVICE:
      return error::service_not_found;
    case EAI_SOCKTYPE:
      return error::socket_type_not_supported;
    default:
      return error_code(saved_error != 0 ? saved_error : code, error::get_system_category());
  }
}

}  // namespace resolver_os

}  // namespace ringport::detail
