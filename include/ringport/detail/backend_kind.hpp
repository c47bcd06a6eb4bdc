// Names of the completion mechanisms an io_context can run on.
#pragma once

namespace ringport {

enum class backend_kind {
  automatic,  // io_uring when its probe succeeds, else epoll (Linux); iocp (Windows)
  io_uring,
  epoll,
  iocp,
};

// "io_uring", "epoll", "iocp" or "automatic".
const char* to_string(backend_kind kind) noexcept;

}  // namespace ringport
