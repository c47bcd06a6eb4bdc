// The backend contract: what every completion mechanism (io_uring, epoll, IOCP) provides to
// the scheduler. One backend object belongs to one io_context.
//
// Life cycle of an operation that a backend holds (sockets add start_* calls in later
// layers): the scheduler counts it as outstanding work while the backend holds it; when
// the kernel finishes it the backend records ec_/bytes_ on the op and hands it back through
// wait(); at shutdown the backend hands back every op it still holds through shutdown(), and
// the scheduler destroys them without calling their handlers.
#pragma once

#include "ringport/detail/backend_kind.hpp"
#include "ringport/detail/op_queue.hpp"
#include "ringport/detail/scheduler_operation.hpp"

#include <memory>
#include <string>

namespace ringport::detail {

class backend {
 public:
  virtual ~backend() = default;

  virtual backend_kind kind() const noexcept = 0;

  // Waits for kernel completions and appends the finished operations to `ready`.
  // timeout_ns < 0 waits until something completes or interrupt() is called; 0 only
  // collects what is already complete; > 0 bounds the wait (nanosecond resolution where the
  // kernel offers it). The scheduler lets only one thread at a time inside wait().
  virtual void wait(long long timeout_ns, op_queue<scheduler_operation>& ready) = 0;

  // Makes a concurrent or the next wait() return promptly. Any thread, any time; cheap
  // when called repeatedly before the waiter has woken.
  virtual void interrupt() noexcept = 0;

  // True when a zero-timeout wait() could not find anything: nothing registered, in flight
  // or parked for the next wait(). The scheduler then skips the poll between handlers (a
  // chain of posts makes no system call). May be read by any thread without a lock; a stale
  // `false` only costs a poll, and a stale `true` is corrected by the next blocking wait().
  virtual bool idle() const noexcept { return false; }

  // Optional: hands an op that is ready to run to the kernel's own completion queue (IOCP's
  // PostQueuedCompletionStatus), so that it comes back through wait() with its ec_/bytes_
  // untouched. Returns false when the backend has no such queue; the scheduler then keeps
  // the op in its own queue.
  virtual bool post_ready(scheduler_operation* /*op*/) noexcept { return false; }
  // True when post_ready() can succeed. Such a backend is waited in from the start: posts
  // from outside the context go through its queue (the others join the scheduler's queue
  // only once an I/O object or a timer needs them).
  virtual bool has_post_queue() const noexcept { return false; }

  // The context is shutting down: stop watching everything and move every operation the
  // backend still owns to `abandoned`.
  virtual void shutdown(op_queue<scheduler_operation>& abandoned) = 0;
};

// Result of choosing a backend at run time.
struct backend_choice {
  std::unique_ptr<backend> chosen;
  // Empty when the requested (or preferred) backend started; otherwise why it did not.
  std::string fallback_reason;
};

// Implemented once per OS (src/<os>/backend_factory.cpp). Throws std::system_error when a
// backend was forced and cannot start, or when no backend can start at all.
backend_choice make_backend(backend_kind requested);

}  // namespace ringport::detail
