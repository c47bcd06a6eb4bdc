// ip::host_name through gethostname().
#include "ringport/ip/host_name.hpp"

#include <unistd.h>

#include <cerrno>

namespace ringport::ip {

std::string host_name(error_code& ec) {
  char name[256 + 1] = {};  // HOST_NAME_MAX is 64 on Linux; the standard allows 255
  if (::gethostname(name, sizeof name - 1) != 0) {
    ec = error_code(errno, system_category());
    return {};
  }
  ec.clear();
  return name;
}

}  // namespace ringport::ip
