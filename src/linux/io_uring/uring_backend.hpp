// The io_uring proactor backend.
#pragma once

#include "ringport/detail/backend.hpp"

#include <memory>
#include <string>

namespace ringport::detail {

// Probes and starts an io_uring backend. On failure returns nullptr and sets `reason` to a
// human-readable cause naming the errno (ENOSYS: seccomp or no kernel support; EPERM: the
// io_uring_disabled sysctl; ENOMEM: locked-memory limits; or a missing opcode).
std::unique_ptr<backend> try_make_uring_backend(std::string& reason);

// As try_make_uring_backend, but throws std::system_error carrying the reason.
std::unique_ptr<backend> make_uring_backend();

}  // namespace ringport::detail
