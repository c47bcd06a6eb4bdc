// Backend choice on Windows: there is one, the I/O completion port.
#include "ringport/detail/backend.hpp"

#include "iocp/iocp_backend.hpp"

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace ringport::detail {

namespace {

backend_kind from_environment() {
  const char* value = std::getenv("RINGPORT_BACKEND");
  if (value == nullptr || *value == '\0') return backend_kind::automatic;
  if (std::strcmp(value, "iocp") == 0) return backend_kind::iocp;
  if (std::strcmp(value, "automatic") == 0) return backend_kind::automatic;
  // A Linux setting carried over (io_uring, epoll) is as wrong here as a typo: say so
  // rather than silently run on something else.
  throw std::invalid_argument(
      std::string("RINGPORT_BACKEND: backend '") + value +
      "' is not available on Windows (the accepted values are iocp and automatic)");
}

}  // namespace

backend_choice make_backend(backend_kind requested) {
  // An explicit choice in code wins over the environment.
  if (requested == backend_kind::automatic) requested = from_environment();
  backend_choice choice;
  switch (requested) {
    case backend_kind::automatic:
    case backend_kind::iocp:
      choice.chosen = std::make_unique<iocp_backend>();  // throws with GetLastError
      return choice;
    case backend_kind::io_uring:
    case backend_kind::epoll:
      break;
  }
  throw std::system_error(
      std::make_error_code(std::errc::function_not_supported),
      std::string("backend ") + to_string(requested) + " is not available on Windows");
}

}  // namespace ringport::detail
