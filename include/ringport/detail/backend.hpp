// The backend contract: what every completion mechanism (io_uring, epoll, IOCP) provides to
// the scheduler and to the socket service of its OS. One backend object belongs to one
// io_context; the scheduler owns it and hands it to services as `socket_backend&`, so no
// service names a concrete backend. Every concrete backend is checked against the whole
// contract at compile time (complete_backend, at the end) next to its definition.
//
// Life cycle of an operation that a backend holds: the scheduler counts it as outstanding
// work while the backend holds it; when the kernel finishes it the backend records
// ec_/bytes_ on the op and hands it back through wait(); at shutdown the backend hands back
// every op it still holds through shutdown(), and the scheduler destroys them without
// calling their handlers.
#pragma once

#include "ringport/backend_kind.hpp"
#include "ringport/detail/config.hpp"
#include "ringport/detail/op_queue.hpp"
#include "ringport/detail/scheduler_operation.hpp"

#include <atomic>
#include <concepts>
#include <cstdint>
#include <memory>
#include <string>
#include <system_error>
#include <type_traits>

namespace ringport::detail {

// ---- The scheduler half: every backend ---------------------------------------------------

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

  // True when at most one operation is in the kernel and none is parked: a thread that
  // waited now would most likely find nothing before the running handler starts its next op,
  // so the scheduler does not wake one only for that (one socket streaming beside a pending
  // accept, say). Read under the scheduler's mutex right after a wait; false where the
  // backend does not count (epoll completes a stream's reads at once anyway).
  virtual bool few_in_flight() const noexcept { return false; }

  // When handlers are queued and the scheduler's marker comes round, the backend is polled
  // (a zero-timeout wait()) once in this many times. 1 for a backend whose poll is free when
  // nothing is there and hands the kernel what the handlers started (io_uring: the sooner the
  // better); more where every poll is a system call that mostly finds nothing (epoll, IOCP,
  // after an operation that finished at once). A blocking wait comes as soon as the queues
  // are empty, whatever the count.
  virtual unsigned handlers_per_poll() const noexcept { return 8; }

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

  // Set once by the scheduler that owns the backend: its count of threads inside run(),
  // run_one() or poll(), which a backend may read (relaxed, any thread) to choose per op what
  // suits one thread or several.
  void watch_running_threads(const std::atomic<int>* count) noexcept { running_threads_ = count; }

 protected:
  bool several_threads_run() const noexcept {
    return running_threads_ != nullptr && running_threads_->load(std::memory_order_relaxed) > 1;
  }

 private:
  const std::atomic<int>* running_threads_ = nullptr;
};

// ---- The socket half: one per OS, under the name socket_backend ---------------------------
//
// Any thread may call the socket half at any time (handlers and user threads start and
// cancel operations while another thread waits); each backend guards its own state. Every
// started op ends exactly once, through wait() (or shutdown()), or at once where said below.

#if defined(RINGPORT_LINUX)

class socket_op;

// Backend-owned state of one registered descriptor; each backend derives its own.
class descriptor_state {
 protected:
  descriptor_state() = default;
  ~descriptor_state() = default;
};

// What the caller knows of a descriptor's O_NONBLOCK flag. A descriptor the library made
// itself (socket(), accept4()) is known; one the user assigned is not, and costs an fcntl.
enum class fd_mode : unsigned char { unknown, blocking, non_blocking };

// POSIX descriptors (io_uring, epoll): the backend performs the operation. The op describes
// the call (socket_op: kind, descriptor, msghdr, flags); io_uring submits it to the ring,
// epoll tries it at once and again on readiness; both go through one socket-call layer
// (src/linux/sockets/posix_socket_calls.hpp).
class posix_socket_backend : public backend {
 public:
  // Starts watching `fd` (epoll: switches it to non-blocking and adds it to the epoll set).
  // `mode` says what is known of its O_NONBLOCK flag; on return, what is known after
  // registering.
  virtual descriptor_state* register_descriptor(int fd, fd_mode& mode, std::error_code& ec) = 0;

  // Ends every pending op of the descriptor with operation_aborted (through wait()) and
  // forgets it. Called before the descriptor is closed: io_uring requests are not cancelled
  // by close(). `state` is invalid afterwards.
  virtual void deregister_descriptor(descriptor_state* state) = 0;

  // Starts `op` on the descriptor. Returns true when it finished at once (ec_/bytes_ set):
  // the caller queues it for completion; a handler never runs inside its initiating call.
  // The caller counts the op as outstanding work before calling.
  virtual bool start_op(descriptor_state* state, socket_op& op) = 0;

  // Ends one pending op with operation_aborted, unless it has already finished (then its
  // result stands): exactly one of the two outcomes, delivered through wait().
  virtual void cancel_op(descriptor_state* state, socket_op& op) = 0;

  // Ends every pending op of the descriptor with operation_aborted, through wait().
  virtual void cancel_descriptor(descriptor_state* state) = 0;

  // A listening descriptor: a connection the backend accepted ahead of the program (io_uring's
  // multishot accept keeps a few when no accept op waits), which a synchronous accept must
  // take before it asks the kernel. Returns its descriptor, now the caller's, or -1 for none.
  virtual int take_accepted(descriptor_state* state) = 0;
};
using socket_backend = posix_socket_backend;

// The socket half as the compiler checks it.
template <class B>
concept socket_half = requires(B& b, int fd, fd_mode& mode, std::error_code& ec,
                               descriptor_state* d, socket_op& op) {
  { b.register_descriptor(fd, mode, ec) } -> std::same_as<descriptor_state*>;
  { b.deregister_descriptor(d) } -> std::same_as<void>;
  { b.start_op(d, op) } -> std::same_as<bool>;
  { b.cancel_op(d, op) } -> std::same_as<void>;
  { b.cancel_descriptor(d) } -> std::same_as<void>;
  { b.take_accepted(d) } -> std::same_as<int>;
};

#elif defined(RINGPORT_WINDOWS)

// Windows sockets on the completion port: the socket service issues the overlapped calls
// (WSASend, WSARecv, AcceptEx, ConnectEx) and cancels them itself (CancelIoEx, CancelIo
// from the starting thread, or closesocket), as the Winsock API requires of the caller; the
// backend owns the port. It associates each socket with the port, counts the overlapped
// requests the kernel holds (shutdown() waits for them: the kernel writes into their ops
// until their packets arrive) and turns each packet into the op's completion.
class iocp_socket_backend : public backend {
 public:
  // Associates a socket (a SOCKET) with the port, so that its overlapped requests complete
  // through wait(). Once per socket, before its first overlapped call.
  virtual void register_socket(std::uintptr_t socket, std::error_code& ec) = 0;

  // Called just before a Winsock call that takes an op's OVERLAPPED: from here the request
  // counts as held by the kernel until its packet is dequeued...
  virtual void overlapped_started() noexcept = 0;
  // ... or until this call, when the Winsock call returned without queuing a packet (an
  // immediate error, or a success on a socket that skips the port on success).
  virtual void overlapped_finished_without_packet() noexcept = 0;
};
using socket_backend = iocp_socket_backend;

template <class B>
concept socket_half = requires(B& b, std::uintptr_t s, std::error_code& ec) {
  { b.register_socket(s, ec) } -> std::same_as<void>;
  { b.overlapped_started() }
  noexcept->std::same_as<void>;
  { b.overlapped_finished_without_packet() }
  noexcept->std::same_as<void>;
};

#else
#error "ringport: no backend for this platform"
#endif

// ---- The whole contract -------------------------------------------------------------------

// Asserted next to every concrete backend: both halves with these signatures, every pure
// member implemented, and final (nothing may change a backend behind the contract's back).
template <class B>
concept complete_backend =
    std::derived_from<B, socket_backend> && std::is_final_v<B> && !std::is_abstract_v<B> &&
    socket_half<B> &&
    requires(B & b, const B& cb, long long timeout_ns, op_queue<scheduler_operation>& ops,
             scheduler_operation* op) {
  { cb.kind() }
  noexcept->std::same_as<backend_kind>;
  { b.wait(timeout_ns, ops) } -> std::same_as<void>;
  { b.interrupt() }
  noexcept->std::same_as<void>;
  { cb.idle() }
  noexcept->std::same_as<bool>;
  { cb.few_in_flight() }
  noexcept->std::same_as<bool>;
  { b.post_ready(op) }
  noexcept->std::same_as<bool>;
  { cb.has_post_queue() }
  noexcept->std::same_as<bool>;
  { cb.handlers_per_poll() }
  noexcept->std::same_as<unsigned>;
  { b.shutdown(ops) } -> std::same_as<void>;
};

// Result of choosing a backend at run time.
struct backend_choice {
  std::unique_ptr<socket_backend> chosen;
  // Empty when the requested (or preferred) backend started; otherwise why it did not.
  std::string fallback_reason;
};

// Implemented once per OS (src/<os>/backend_factory.cpp). Throws std::system_error when a
// backend was forced and cannot start, or when no backend can start at all.
backend_choice make_backend(backend_kind requested);

}  // namespace ringport::detail
