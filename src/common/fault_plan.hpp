// The seeded fault plan: the decisions of the fault-injection layer that wraps the real
// system calls on every backend (Linux: sockets/posix_socket_calls.hpp and the io_uring
// backend; Windows: the IOCP socket service's hook points). The kernel still does the work;
// where a fault fires, the wrapper turns the outcome into one the kernel could have given
// (a shorter transfer, EINTR, a reset connection, no free descriptor, ...).
//
// Deterministic: whether the n-th eligible call of a kind faults depends only on the seed,
// the kind and n, so a single-threaded run replays from its seed. Compiled in only with
// RINGPORT_TESTING_HOOKS (the test suite's build); otherwise `fires` is constant false and
// the wrappers fold away. Private to the library and its tests.
#pragma once

#include <cstdint>

#if RINGPORT_TESTING_HOOKS
#include <atomic>
#endif

namespace ringport::detail::fault {

enum class kind : unsigned {
  short_transfer,         // a stream send or receive moves fewer bytes than asked
  interrupted,            // EINTR before anything moved
  would_block,            // EAGAIN where a blocking wait follows (level-triggered)
  reset,                  // the connection is reset mid-stream: ECONNRESET / EPIPE
  no_descriptors,         // EMFILE or ENFILE on accept and on socket creation
  full_submission_queue,  // io_uring: no free submission entry
  completion_overflow,    // io_uring: completions left in the ring until it overflows
  cancel_loses_race,      // a cancel reaches the kernel only after the op completed
  cancel_not_found,       // IOCP: CancelIoEx answers ERROR_NOT_FOUND
  late_completion,        // IOCP: a completion is taken only after its socket was closed
  accept_error,           // IOCP: AcceptEx fails with an error Windows documents for it
  connect_error,          // IOCP: ConnectEx fails with an error Windows documents for it
};
inline constexpr unsigned kind_count = 12;

#if RINGPORT_TESTING_HOOKS

const char* name(kind k) noexcept;

struct plan {
  std::uint64_t seed = 0;
  // The chance, in thousandths, that an eligible call of each kind faults.
  unsigned per_mille[kind_count] = {};

  // Sets the chance of `k`.
  plan& with(kind k, unsigned chance) noexcept {
    per_mille[static_cast<unsigned>(k)] = chance;
    return *this;
  }
};

// A plan where only `k` faults, with the chance `per_mille` / 1000 per eligible call.
inline plan only(kind k, unsigned per_mille, std::uint64_t seed = 1) noexcept {
  plan p;
  p.seed = seed;
  return p.with(k, per_mille);
}

// Arms `p` (counts restart at zero). Call while no other thread makes wrapped calls.
void arm(const plan& p) noexcept;
void disarm() noexcept;
// Faults of kind `k` injected since the last arm.
std::uint64_t injected(kind k) noexcept;

extern std::atomic<bool> armed_flag;
bool decide(kind k) noexcept;
std::uint64_t draw_slow(kind k, std::uint64_t bound) noexcept;

inline bool armed() noexcept {
  return armed_flag.load(std::memory_order_acquire);
}

// Whether this eligible call of kind `k` faults; counts it as injected when it does. The
// caller must then inject it: ask only where the fault is certain to be applied.
inline bool fires(kind k) noexcept {
  return armed() && decide(k);
}

// A value in [0, bound) from the plan's stream for `k` (bound > 0), e.g. a short length.
inline std::uint64_t draw(kind k, std::uint64_t bound) noexcept {
  return draw_slow(k, bound);
}

// Arms a plan for the scope.
class scoped_plan {
 public:
  explicit scoped_plan(const plan& p) noexcept { arm(p); }
  ~scoped_plan() { disarm(); }
  scoped_plan(const scoped_plan&) = delete;
  scoped_plan& operator=(const scoped_plan&) = delete;
};

#else

constexpr bool armed() noexcept {
  return false;
}
constexpr bool fires(kind) noexcept {
  return false;
}
constexpr std::uint64_t draw(kind, std::uint64_t) noexcept {
  return 0;
}

#endif

}  // namespace ringport::detail::fault
