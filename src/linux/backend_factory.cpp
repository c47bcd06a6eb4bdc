// Run-time choice of the Linux backend: io_uring when its probe passes, else epoll.
#include "ringport/detail/backend.hpp"

#include "epoll/epoll_backend.hpp"
#include "io_uring/uring_backend.hpp"

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace ringport::detail {

namespace {

backend_kind from_environment() {
  const char* value = std::getenv("RINGPORT_BACKEND");
  if (value == nullptr || *value == '\0') return backend_kind::automatic;
  if (std::strcmp(value, "io_uring") == 0) return backend_kind::io_uring;
  if (std::strcmp(value, "epoll") == 0) return backend_kind::epoll;
  if (std::strcmp(value, "automatic") == 0) return backend_kind::automatic;
  throw std::invalid_argument(std::string("RINGPORT_BACKEND: unknown backend '") + value +
                              "' (the accepted values are io_uring, epoll and automatic)");
}

}  // namespace

backend_choice make_backend(backend_kind requested) {
  // An explicit choice in code wins over the environment.
  if (requested == backend_kind::automatic) requested = from_environment();
  backend_choice choice;
  switch (requested) {
    case backend_kind::io_uring:
      choice.chosen = make_uring_backend();  // throws with the probe's reason
      return choice;
    case backend_kind::epoll:
      choice.chosen = std::make_unique<epoll_backend>();
      return choice;
    case backend_kind::automatic: {
      std::string reason;
      choice.chosen = try_make_uring_backend(reason);
      if (!choice.chosen) {
        choice.fallback_reason = "io_uring unavailable: " + reason;
        choice.chosen = std::make_unique<epoll_backend>();
      }
      return choice;
    }
    case backend_kind::iocp:
      break;
  }
  throw std::system_error(
      std::make_error_code(std::errc::function_not_supported),
      std::string("backend ") + to_string(requested) + " is not available on Linux");
}

}  // namespace ringport::detail
