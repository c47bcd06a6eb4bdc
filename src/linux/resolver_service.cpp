// The Linux half of the resolver service (src/common/resolver_service.cpp has the rest):
// getaddrinfo needs no start-up, and its EAI_* codes map to Asio's netdb/addrinfo values.
#include "../common/resolver_service_os.hpp"

#include "ringport/error.hpp"
#include "ringport/ip/resolver_base.hpp"

#include <cerrno>
#include <netdb.h>

namespace ringport::detail {

static_assert(ip::resolver_base::canonical_name == AI_CANONNAME);
static_assert(ip::resolver_base::passive == AI_PASSIVE);
static_assert(ip::resolver_base::numeric_host == AI_NUMERICHOST);
static_assert(ip::resolver_base::numeric_service == AI_NUMERICSERV);
static_assert(ip::resolver_base::v4_mapped == AI_V4MAPPED);
static_assert(ip::resolver_base::all_matching == AI_ALL);
static_assert(ip::resolver_base::address_configured == AI_ADDRCONFIG);

namespace resolver_os {

void startup() {}
void cleanup() noexcept {}

void clear_last_error() noexcept {
  errno = 0;
}
int last_error() noexcept {
  return errno;
}

// As Asio: errors of the name database map to netdb/addrinfo values, EAI_SYSTEM to errno.
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
#if defined(EAI_ADDRFAMILY)
    case EAI_ADDRFAMILY:
#endif
#if defined(EAI_NODATA) && (EAI_NODATA != EAI_NONAME)
    case EAI_NODATA:
#endif
      return error::host_not_found;
    case EAI_SERVICE:
      return error::service_not_found;
    case EAI_SOCKTYPE:
      return error::socket_type_not_supported;
    default:  // EAI_SYSTEM and anything unknown
      return error_code(saved_error != 0 ? saved_error : EINVAL, error::get_system_category());
  }
}

}  // namespace resolver_os

}  // namespace ringport::detail
