// The kernel ties each io_uring request to the thread whose io_uring_enter() consumed its
// SQE, and fails the requests of a thread that has exited (see uring_socket_ops.cpp). This counts
// the exits of threads that entered a ring, so that the backend can tell a request the kernel
// dropped with its submitter from one that really failed.
#pragma once

#include <atomic>
#include <cstdint>

namespace ringport::detail {

// Exits so far of threads that entered an io_uring ring (any ring of the process). Compared
// for equality only, so wrapping is harmless.
extern std::atomic<std::uint32_t> uring_thread_exits;

// Out of line, once per thread: arranges for the thread's exit to be counted.
void count_exit_of_this_thread();

inline constinit thread_local bool uring_thread_exit_counted = false;

// Called by every thread before it enters a ring to submit. One thread-local test after the
// first call.
inline void note_ring_submitter() {
  if (!uring_thread_exit_counted) count_exit_of_this_thread();
}

}  // namespace ringport::detail
