#include "ringport/backend_kind.hpp"

namespace ringport {

const char* to_string(backend_kind kind) noexcept {
  switch (kind) {
    case backend_kind::automatic:
      return "automatic";
    case backend_kind::io_uring:
      return "io_uring";
    case backend_kind::epoll:
      return "epoll";
    case backend_kind::iocp:
      return "iocp";
  }
  return "unknown";
}

}  // namespace ringport
