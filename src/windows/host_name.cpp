// ip::host_name through Winsock's gethostname(), which needs Winsock started.
#include "ringport/ip/host_name.hpp"

#include "winsock_init.hpp"

#include <winsock2.h>

namespace ringport::ip {

std::string host_name(error_code& ec) {
  try {
    detail::winsock_acquire();
  } catch (const std::system_error& e) {
    ec = e.code();
    return {};
  }
  char name[256 + 1] = {};
  int failed = ::gethostname(name, sizeof name - 1);
  int error = failed ? ::WSAGetLastError() : 0;
  detail::winsock_release();
  if (failed) {
    ec = error_code(error, system_category());
    return {};
  }
  ec.clear();
  return name;
}

}  // namespace ringport::ip
