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

// For tests: how many times a wait() of `b` found completions the kernel held back because
// the completion queue was full (IORING_SQ_CQ_OVERFLOW). 0 when `b` is not io_uring.
unsigned long uring_cq_overflows_for_testing(backend& b) noexcept;

}  // namespace ringport::detail
