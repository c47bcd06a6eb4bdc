// Names of the completion mechanisms an io_context can run on: given to io_context's and
// thread_pool's constructors to choose one, returned by io_context::backend(). The
// RINGPORT_BACKEND environment variable takes the same names when the code asks for
// `automatic`.
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport {

/// Names of the completion mechanisms an io_context can run on: given to io_context's and
/// thread_pool's constructors to choose one, returned by io_context::backend(). The
/// RINGPORT_BACKEND environment variable takes the same names when the code asks for
/// `automatic`.
enum class backend_kind {
  automatic,  ///< io_uring when its probe succeeds, else epoll (Linux); iocp (Windows)
  io_uring,
  epoll,
  iocp,
};

/// "io_uring", "epoll", "iocp" or "automatic".
RINGPORT_DECL const char* to_string(backend_kind kind) noexcept;

}  // namespace ringport
