#include "ringport/ip/host_name.hpp"

namespace ringport::ip {

std::string host_name() {
  error_code ec;
  std::string name = host_name(ec);
  detail::throw_error(ec, "host_name");
  return name;
}

}  // namespace ringport::ip
