// Fault injection for tests, wrapped around the real system calls (the kernel still does the
// work; the result is then turned into a failure and what the kernel did is undone). Used to
// reach error paths that loopback cannot provoke on demand. Compiled in only with
// RINGPORT_TESTING_HOOKS (the test suite's build); otherwise the wrappers are the identity.
// Costs one relaxed atomic load per wrapped call when nothing is armed.
#pragma once

#include <atomic>

namespace ringport::detail::fault {

#if RINGPORT_TESTING_HOOKS

// How many successful accepts are still to be turned into ECONNABORTED.
extern std::atomic<int> accepts_to_abort;

// The next `n` accepts that succeed (sync or async, either backend) close the descriptor they
// got and report ECONNABORTED instead, as for a connection reset before it was accepted.
inline void abort_next_accepts(int n) noexcept {
  accepts_to_abort.store(n, std::memory_order_relaxed);
}

// Called with the result of a real accept: `fd` (>= 0) or -1. Returns -1 when the fault
// fired (the descriptor is closed), else `fd`.
int take_accept_fault(int fd) noexcept;

inline int filter_accept(int fd) noexcept {
  if (fd < 0 || accepts_to_abort.load(std::memory_order_relaxed) == 0) return fd;
  return take_accept_fault(fd);
}

#else

constexpr int filter_accept(int fd) noexcept {
  return fd;
}

#endif

}  // namespace ringport::detail::fault
