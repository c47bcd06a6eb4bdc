// Fault injection around the real socket calls of Linux (posix_socket_calls.hpp), driven by
// the seeded plan (common/fault_plan.hpp): the kernel still does the work, and where a fault
// fires the result is turned into one the kernel could have given. Used to reach error paths
// that loopback cannot provoke on demand. Compiled in only with RINGPORT_TESTING_HOOKS (the
// test suite's build); otherwise the filters are the identity and fold away.
#pragma once

#include "../../common/fault_plan.hpp"

#include <atomic>
#include <sys/socket.h>

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

// With the plan armed: decides whether a stream transfer on `fd` faults and, if so, makes
// it: EINTR before anything moved; a short transfer (the real call on a prefix of the
// buffers); or a reset of the connection, after which the real call fails as the kernel
// decides. Returns true with `result` (a count or -errno) when it replaced the call.
bool transfer_fault(int fd, msghdr& msg, int flags, bool is_send, long& result) noexcept;

inline bool inject_transfer(int fd, msghdr& msg, int flags, bool is_send, long& result) noexcept {
  return armed() && transfer_fault(fd, msg, flags, is_send, result);
}

// EMFILE or ENFILE (as a negative errno) when the plan says an accept or a socket() finds no
// free descriptor (checked before the call: a connection stays queued), else 0.
inline int no_descriptor_fault() noexcept {
  if (!fires(kind::no_descriptors)) return 0;
  return draw(kind::no_descriptors, 2) == 0 ? -24 /* EMFILE */ : -23 /* ENFILE */;
}

#else

constexpr int filter_accept(int fd) noexcept {
  return fd;
}
constexpr bool inject_transfer(int, msghdr&, int, bool, long&) noexcept {
  return false;
}
constexpr int no_descriptor_fault() noexcept {
  return 0;
}

#endif

}  // namespace ringport::detail::fault
