// The Linux half of the resolver service (src/common/resolver_service.cpp has the rest):
// getaddrinfo needs no start-up, errno explains EAI_SYSTEM.
#include "../common/resolver_service_os.hpp"

#include "ringport/error.hpp"

#include <cerrno>
#include <netdb.h>

namespace ringport::detail {

namespace resolver_os {

void startup() {}
void cleanup() noexcept {}

void clear_last_error() noexcept {
  errno = 0;
}
int last_error() noexcept {
  return errno;
}

// EAI_SYSTEM and unknown codes: the error the OS gave.
error_code other_addrinfo_error(int code, int saved_error) {
  (void)code;
  return error_code(saved_error != 0 ? saved_error : EINVAL, error::get_system_category());
}

}  // namespace resolver_os

}  // namespace ringport::detail
