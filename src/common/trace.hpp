// The library's side of tracing (public interface: ringport/trace.hpp): the points where the
// services and the scheduler record events. Each is behind on(), a relaxed load of a flag
// that only start() and stop() write, so with tracing off a point costs one branch.
#pragma once

#include "ringport/detail/scheduler_operation.hpp"

#include <atomic>
#include <cstdint>

namespace ringport::detail::trace_point {

extern std::atomic<bool> active;

inline bool on() noexcept {
  return active.load(std::memory_order_relaxed);
}

// RINGPORT_TRACE=<file>: starts the trace the first time an io_context is created.
void start_from_environment();

// An operation was started: `kind` names it ("receive", "send", "accept", "connect", "wait",
// "read", "write"), `handle` is its socket or descriptor.
void started(const scheduler_operation* op, const char* kind, std::uintptr_t handle) noexcept;
// It was handed to the OS (`where`: "io_uring", "epoll", "iocp", ...) and is pending there.
void handed_over(const scheduler_operation* op, const char* where) noexcept;
// It finished without waiting (at once, or refused before it started); its result is
// recorded on the op.
void finished_at_once(const scheduler_operation* op) noexcept;

// Around one handler run by the scheduler: records the op's completion (bytes, error) when
// it is a traced operation, then the run itself with its duration.
class handler_run {
 public:
  explicit handler_run(const scheduler_operation* op) noexcept;
  ~handler_run();
  handler_run(const handler_run&) = delete;
  handler_run& operator=(const handler_run&) = delete;

 private:
  unsigned long long id_;  // the op's id in the trace; 0: not a traced op
  const char* name_;
  double start_us_;
};

}  // namespace ringport::detail::trace_point
