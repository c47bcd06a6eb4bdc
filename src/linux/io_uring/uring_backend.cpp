#include "uring_backend.hpp"
#include "uring_thread_exits.hpp"

#include "../tsan_annotations.hpp"
#include "sockets/posix_socket_calls.hpp"
#include "ringport/detail/linux/fault_injection.hpp"
#include "ringport/detail/linux/socket_backend.hpp"

#include <liburing.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <concepts>
#include <mutex>
#include <system_error>

// liburing names its version from 2.4 on (liburing.h includes this header itself there).
#if __has_include(<liburing/io_uring_version.h>)
#include <liburing/io_uring_version.h>
#endif

// wait() publishes the submission queue itself (publish_sq()) through liburing's ring state,
// which is not public API: checked here against the versions whose layout and submission
// protocol it was written for. liburing 2.3 is built and tested; up to 2.14 the struct and the
// flush io_uring_submit() does before it enters read the same in liburing's sources (for rings
// without SQPOLL or SQ_REWIND, which ringport never sets up). A newer liburing needs
// publish_sq() read against its __io_uring_flush_sq() and the bound below raised; defining
// RINGPORT_UNCHECKED_LIBURING builds anyway (the requires check below still holds).
#if defined(IO_URING_VERSION_MAJOR) && defined(IO_URING_VERSION_MINOR)
#if !defined(RINGPORT_UNCHECKED_LIBURING) && \
    (IO_URING_VERSION_MAJOR != 2 || IO_URING_VERSION_MINOR > 14)
#error "ringport's io_uring backend is checked against liburing 2.3 to 2.14 (see publish_sq)"
#endif
#endif

namespace ringport::detail {

namespace {

// The ring state publish_sq() and wait() use, with the types they assume: the application's
// cursors (sqe_tail: SQEs handed out by io_uring_get_sqe; sqe_head: those made visible to the
// kernel) and the kernel's head, tail and flags words.
template <class Ring>
concept publishable_ring = requires(Ring& ring) {
  requires std::same_as<decltype(ring.sq.sqe_head), unsigned>;
  requires std::same_as<decltype(ring.sq.sqe_tail), unsigned>;
  requires std::same_as<decltype(ring.sq.khead), unsigned*>;
  requires std::same_as<decltype(ring.sq.ktail), unsigned*>;
  requires std::same_as<decltype(ring.sq.kflags), unsigned*>;
  requires std::same_as<decltype(ring.ring_fd), int>;
};
static_assert(publishable_ring<io_uring>,
              "liburing's struct io_uring changed: publish_sq() must be checked against it");

// Before 2.4 there is no version macro. 2.3 added io_uring_submit_and_get_events(); older
// releases are refused (found by argument-dependent lookup, so its absence is not an error).
template <class Ring>
concept liburing_2_3_or_later = requires(Ring* ring) {
  io_uring_submit_and_get_events(ring);
};
#if !defined(IO_URING_VERSION_MAJOR)
static_assert(liburing_2_3_or_later<io_uring>,
              "ringport's io_uring backend is checked against liburing 2.3 to 2.14");
#endif

constexpr unsigned ring_entries = 256;

// user_data of the eventfd read that wakes the waiter, and of cancel requests whose own
// completions carry nothing; op pointers are never these values.
constexpr __u64 wake_tag = 1;
constexpr __u64 ignore_tag = 2;

class uring_descriptor : public descriptor_state {
 public:
  uring_descriptor(int fd, std::uint64_t id) noexcept : fd_(fd), id_(id) {}
  int fd_;
  // Unique per registration (a new descriptor may reuse the fd and the memory).
  std::uint64_t id_;
  // Counts cancel_descriptor() calls, so an accept re-submitted after a reset connection
  // knows whether a cancel came while it was between two submissions.
  std::uint64_t cancels_ = 0;
  // Links in the backend's list of live descriptors (freed with the backend if their owner
  // never deregistered them).
  uring_descriptor* prev_ = nullptr;
  uring_descriptor* next_ = nullptr;
};

const char* errno_name(int err) {
  switch (err) {
    case ENOSYS:
      return "ENOSYS";
    case EPERM:
      return "EPERM";
    case ENOMEM:
      return "ENOMEM";
    case EINVAL:
      return "EINVAL";
    case EMFILE:
      return "EMFILE";
    case EACCES:
      return "EACCES";
    default:
      return "error";
  }
}

std::string explain_setup_failure(int err) {
  std::string s = "io_uring_setup failed with ";
  s += errno_name(err);
  s += " (";
  s += std::strerror(err);
  s += ")";
  switch (err) {
    case ENOSYS:
      s += ": the kernel lacks io_uring or a seccomp filter blocks it";
      break;
    case EPERM: {
      // Two sources answer EPERM: the kernel.io_uring_disabled sysctl (Linux 6.6+) and seccomp
      // filters (Docker's default profile, other container runtimes); the sysctl tells which.
      char disabled = '?';
      int fd = ::open("/proc/sys/kernel/io_uring_disabled", O_RDONLY | O_CLOEXEC);
      if (fd >= 0) {
        if (::read(fd, &disabled, 1) != 1) disabled = '?';
        ::close(fd);
      }
      if (disabled == '0')
        s += ": a seccomp filter blocks io_uring (as container runtimes' default profiles do); "
             "the kernel.io_uring_disabled sysctl is 0";
      else if (disabled == '2')
        s += ": io_uring is disabled for every process by the kernel.io_uring_disabled sysctl (2)";
      else if (disabled == '1')
        s += ": the kernel.io_uring_disabled sysctl (1) allows io_uring only to the "
             "kernel.io_uring_group group and CAP_SYS_ADMIN, or a seccomp filter blocks it";
      else
        s += ": a seccomp filter blocks io_uring (as container runtimes' default profiles do) "
             "or the kernel.io_uring_disabled sysctl disables it";
      break;
    }
    case ENOMEM:
      s += ": not enough locked memory for the ring (RLIMIT_MEMLOCK)";
      break;
    default:
      break;
  }
  return s;
}

// The opcodes ringport needs, named for the fallback reason.
struct required_op {
  int opcode;
  const char* name;
};
constexpr required_op required_ops[] = {
    {IORING_OP_READ, "IORING_OP_READ"},
    {IORING_OP_RECV, "IORING_OP_RECV"},
    {IORING_OP_SEND, "IORING_OP_SEND"},
    {IORING_OP_RECVMSG, "IORING_OP_RECVMSG"},
    {IORING_OP_SENDMSG, "IORING_OP_SENDMSG"},
    {IORING_OP_ACCEPT, "IORING_OP_ACCEPT"},
    {IORING_OP_CONNECT, "IORING_OP_CONNECT"},
    {IORING_OP_POLL_ADD, "IORING_OP_POLL_ADD"},
    {IORING_OP_ASYNC_CANCEL, "IORING_OP_ASYNC_CANCEL"},
};

class uring_backend final : public socket_backend {
 public:
  // Takes over a ring set up by the probe (io_uring holds no pointers to itself, so the
  // struct may be copied once; the probe's copy is never used again).
  uring_backend(const io_uring& ring, int event_fd) : ring_(ring), event_fd_(event_fd) {
    arm_wakeup();
  }
  uring_backend(const uring_backend&) = delete;
  uring_backend& operator=(const uring_backend&) = delete;
  ~uring_backend() override {
    ::io_uring_queue_exit(&ring_);
    ::close(event_fd_);
    while (uring_descriptor* d = descriptors_) {
      descriptors_ = d->next_;
      delete d;
    }
  }

  backend_kind kind() const noexcept override { return backend_kind::io_uring; }

  // No op in the kernel or waiting in the submission queue, the backlog or aborted_.
  bool idle() const noexcept override {
    return in_flight_.load(std::memory_order_acquire) == 0 &&
           parked_.load(std::memory_order_acquire) == 0;
  }

  void wait(long long timeout_ns, op_queue<scheduler_operation>& ready) override {
    // TRICKY: other threads add SQEs (start_op, cancels) under sq_mutex_, so this thread
    // publishes the submission queue under it too, then enters the kernel without it: one
    // io_uring_enter both submits what the handlers started since the last wait() and waits
    // for completions. While it sleeps (sleeping_), start_op submits by itself. Only this
    // thread (the scheduler lets one in at a time) touches the completion queue.
    unsigned to_submit;
    bool sleep;
    {
      std::lock_guard lock(sq_mutex_);
      if (wake_unarmed_) arm_wakeup();
      flush_backlog();
      to_submit = publish_sq();
      // Without the wake-up read an interrupt() could not end the wait: poll instead.
      if (wake_unarmed_ && (timeout_ns < 0 || timeout_ns > 1000000)) timeout_ns = 1000000;
      sleep = timeout_ns != 0 && ::io_uring_cq_ready(&ring_) == 0;
      sleeping_ = sleep;
    }
    // SAFETY: the kernel's SQ flags word, mapped for the ring's life and written by the kernel
    // at any time, hence one relaxed read. liburing has no public accessor for TASKRUN.
    unsigned kflags = IO_URING_READ_ONCE(*ring_.sq.kflags);
    bool kernel_has_more = (kflags & (IORING_SQ_CQ_OVERFLOW | IORING_SQ_TASKRUN)) != 0;
    if (kflags & IORING_SQ_CQ_OVERFLOW) [[unlikely]]
      cq_overflows_.fetch_add(1, std::memory_order_relaxed);
    if (sleep || to_submit > 0 || kernel_has_more) {
      note_ring_submitter();
      __kernel_timespec ts{};
      io_uring_getevents_arg arg{};
      arg.sigmask_sz = _NSIG / 8;
      if (sleep && timeout_ns > 0) {
        ts.tv_sec = timeout_ns / 1000000000LL;
        ts.tv_nsec = timeout_ns % 1000000000LL;
        arg.ts = reinterpret_cast<std::uintptr_t>(&ts);
      }
      // GETEVENTS also runs pending task work and flushes overflowed completions into the
      // ring. -ETIME (timeout), -EINTR (signal), -EBUSY/-EAGAIN (completions to reap first):
      // either way collect what is there; an unsubmitted remainder goes in the next call.
      ::io_uring_enter2(static_cast<unsigned>(ring_.ring_fd), to_submit, sleep ? 1 : 0,
                        IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG,
                        reinterpret_cast<sigset_t*>(&arg), sizeof arg);
    }
    if (sleep) {
      std::lock_guard lock(sq_mutex_);
      sleeping_ = false;
    }
    reap(ready);
  }

  unsigned long cq_overflows() const noexcept {
    return cq_overflows_.load(std::memory_order_relaxed);
  }

  void interrupt() noexcept override {
    if (wake_pending_.exchange(true, std::memory_order_acq_rel)) return;
    std::uint64_t one = 1;
    [[maybe_unused]] ssize_t r = ::write(event_fd_, &one, sizeof one);
  }

  void shutdown(op_queue<scheduler_operation>& abandoned) override {
    // Requests still in the kernel are ended with the ring (io_uring_queue_exit cancels
    // them); their ops are handed back here. The scheduler destroys them afterwards, so the
    // ring must not write into them later: exit the ring first.
    std::lock_guard lock(sq_mutex_);
    abandoned.push(backlog_);
    cancel_everything_and_drain(abandoned);
  }

  descriptor_state* register_descriptor(int fd, fd_mode& /*mode*/, std::error_code& ec) override {
    // The descriptor stays blocking: io_uring returns EAGAIN for O_NONBLOCK files instead of
    // waiting for readiness itself.
    ec.clear();
    std::lock_guard lock(sq_mutex_);
    auto* d = new uring_descriptor(fd, ++last_descriptor_id_);
    d->next_ = descriptors_;
    if (descriptors_) descriptors_->prev_ = d;
    descriptors_ = d;
    return d;
  }

  void deregister_descriptor(descriptor_state* state) override {
    // TRICKY: close() does not cancel io_uring requests on a descriptor (they hold their
    // own file reference), so every request on it is cancelled before the caller closes it.
    cancel_descriptor(state);
    auto* d = static_cast<uring_descriptor*>(state);
    {
      std::lock_guard lock(sq_mutex_);
      if (d->prev_)
        d->prev_->next_ = d->next_;
      else
        descriptors_ = d->next_;
      if (d->next_) d->next_->prev_ = d->prev_;
    }
    delete d;
  }

  bool start_op(descriptor_state* state, socket_op& op) override {
    std::lock_guard lock(sq_mutex_);
    // reap() may submit the op again (an accept that met a reset connection, any op the
    // kernel dropped with its submitting thread): it records which registration it belongs to
    // and how many cancels that had seen.
    auto* d = static_cast<uring_descriptor*>(state);
    op.uring_.registration = d->id_;
    op.uring_.cancel_epoch = d->cancels_;
    io_uring_sqe* sqe = get_sqe();
    if (sqe == nullptr) {
      // A full submission queue is back-pressure: the op waits for the next wait().
      backlog_.push(&op);
      parked_.fetch_add(1, std::memory_order_release);
      return false;
    }
    prepare(sqe, op);
    // Batching: an op started by a thread that runs the context waits in the submission
    // queue for that thread's next wait(), which submits the whole batch in one system call.
    // A thread asleep in the ring would not see it, and another thread may never call
    // wait(): then it goes in now.
    if (sleeping_ || !op.may_defer_) submit();
    return false;
  }

  void cancel_op(descriptor_state* /*state*/, socket_op& op) override {
    std::lock_guard lock(sq_mutex_);
    // Read by reap() before it re-submits an accept: the cancel below cannot find an op
    // that is between two submissions.
    op.uring_.cancel_requested = true;
    if (remove_from_backlog(&op)) return;
    io_uring_sqe* sqe = get_sqe();
    if (sqe == nullptr) {
      submit();
      sqe = get_sqe();
      if (sqe == nullptr) return;  // cannot happen: the submit above freed every slot
    }
    // The kernel answers -ECANCELED on the op (operation_aborted) if it was still pending,
    // or nothing if it had completed: one outcome either way.
    ::io_uring_prep_cancel64(sqe, reinterpret_cast<std::uintptr_t>(&op), 0);
    ::io_uring_sqe_set_data64(sqe, ignore_tag);
    submit();
  }

  void cancel_descriptor(descriptor_state* state) override {
    auto* d = static_cast<uring_descriptor*>(state);
    int fd = d->fd_;
    std::lock_guard lock(sq_mutex_);
    ++d->cancels_;
    remove_backlog_of(fd);
    io_uring_sqe* sqe = get_sqe();
    if (sqe == nullptr) {
      submit();
      sqe = get_sqe();
      if (sqe == nullptr) return;
    }
    ::io_uring_prep_cancel_fd(sqe, fd, IORING_ASYNC_CANCEL_ALL);
    ::io_uring_sqe_set_data64(sqe, ignore_tag);
    submit();
  }

 private:
  // Every submission goes through here (or wait()): the kernel makes the calling thread the
  // owner of what it submits, so that thread's exit must be counted.
  void submit() {
    note_ring_submitter();
    ::io_uring_submit(&ring_);
  }

  io_uring_sqe* get_sqe() {
    io_uring_sqe* sqe = ::io_uring_get_sqe(&ring_);
    if (sqe == nullptr) {
      submit();
      sqe = ::io_uring_get_sqe(&ring_);
    }
    return sqe;
  }

  void prepare(io_uring_sqe* sqe, socket_op& op) {
    switch (op.kind_) {
      case socket_op_kind::receive:
        if (posix_calls::receive_needs_msghdr(op.msg_, op.out_flags_ != nullptr))
          ::io_uring_prep_recvmsg(sqe, op.fd_, &op.msg_, static_cast<unsigned>(op.flags_));
        else
          ::io_uring_prep_recv(sqe, op.fd_, op.msg_.msg_iov[0].iov_base, op.msg_.msg_iov[0].iov_len,
                               op.flags_);
        break;
      case socket_op_kind::send:
        if (posix_calls::send_needs_msghdr(op.msg_))
          ::io_uring_prep_sendmsg(sqe, op.fd_, &op.msg_,
                                  static_cast<unsigned>(op.flags_ | posix_calls::send_flags));
        else
          ::io_uring_prep_send(sqe, op.fd_, op.msg_.msg_iov[0].iov_base, op.msg_.msg_iov[0].iov_len,
                               op.flags_ | posix_calls::send_flags);
        break;
      case socket_op_kind::accept:
        op.addr_len_ = op.msg_.msg_namelen;
        ::io_uring_prep_accept(sqe, op.fd_, static_cast<sockaddr*>(op.msg_.msg_name),
                               op.msg_.msg_name ? &op.addr_len_ : nullptr, SOCK_CLOEXEC);
        break;
      case socket_op_kind::connect:
        ::io_uring_prep_connect(sqe, op.fd_, static_cast<const sockaddr*>(op.msg_.msg_name),
                                op.msg_.msg_namelen);
        break;
      case socket_op_kind::wait:
        ::io_uring_prep_poll_add(sqe, op.fd_, static_cast<unsigned>(op.flags_));
        break;
    }
    ::io_uring_sqe_set_data64(sqe, reinterpret_cast<std::uintptr_t>(&op));
    // Relaxed: a stale (smaller) value can only make reap() submit a failed op once more.
    op.uring_.thread_exits = uring_thread_exits.load(std::memory_order_relaxed);
    in_flight_.fetch_add(1, std::memory_order_relaxed);
    tsan_release(&op);
  }

  // Needs sq_mutex_. Makes the SQEs prepared so far visible to the kernel (what
  // io_uring_submit does before it enters) and returns how many it has not consumed yet.
  // liburing fills the SQ index array with the identity at setup (or the ring has none,
  // IORING_SETUP_NO_SQARRAY), so publishing is moving the tail.
  // Why not liburing's public calls: io_uring_submit_and_wait_timeout() publishes the queue
  // itself, reading and writing sqe_head/sqe_tail, which other threads change under
  // sq_mutex_ while this one sleeps; it would have to run under the mutex, blocking every
  // other submitter for the whole wait. io_uring_submit() under the mutex and a wait without
  // it cost two system calls where wait() makes one, and liburing has no public call that
  // publishes without entering. Hence this, checked against liburing's versions at the top.
  unsigned publish_sq() {
    io_uring_sq& sq = ring_.sq;
    unsigned tail = sq.sqe_tail;
    if (sq.sqe_head != tail) {
      sq.sqe_head = tail;
      // SAFETY: ktail is the kernel's SQ tail word, mapped for the ring's life. Release: the
      // kernel must see the SQE contents before the new tail.
      __atomic_store_n(sq.ktail, tail, __ATOMIC_RELEASE);
    }
    // sqe_tail minus the kernel's head: what the kernel has not consumed.
    return ::io_uring_sq_ready(&ring_);
  }

  // Needs sq_mutex_.
  void flush_backlog() {
    while (scheduler_operation* front = backlog_.front()) {
      io_uring_sqe* sqe = ::io_uring_get_sqe(&ring_);
      if (sqe == nullptr) return;
      backlog_.pop();
      parked_.fetch_sub(1, std::memory_order_release);
      prepare(sqe, *static_cast<socket_op*>(front));
    }
  }

  bool remove_from_backlog(scheduler_operation* op) {
    op_queue<scheduler_operation> keep;
    bool found = false;
    while (scheduler_operation* o = backlog_.front()) {
      backlog_.pop();
      if (o == op) {
        found = true;
        abort_later(*o);
      } else {
        keep.push(o);
      }
    }
    backlog_.push(keep);
    return found;
  }

  void remove_backlog_of(int fd) {
    op_queue<scheduler_operation> keep;
    while (scheduler_operation* o = backlog_.front()) {
      backlog_.pop();
      if (static_cast<socket_op*>(o)->fd_ == fd)
        abort_later(*o);
      else
        keep.push(o);
    }
    backlog_.push(keep);
  }

  // An op that never reached the kernel ends with operation_aborted at the next wait().
  void abort_later(scheduler_operation& op) {
    op.ec_ = std::error_code(ECANCELED, std::system_category());
    op.bytes_ = 0;
    aborted_.push(&op);
    interrupt();
  }

  // Shutdown: cancel every request, wait for the ring to report each, hand the ops back.
  void cancel_everything_and_drain(op_queue<scheduler_operation>& abandoned) {
    abandoned.push(aborted_);
    io_uring_sqe* sqe = get_sqe();
    if (sqe != nullptr) {
      ::io_uring_prep_cancel64(sqe, 0, IORING_ASYNC_CANCEL_ANY);
      ::io_uring_sqe_set_data64(sqe, ignore_tag);
      submit();
    }
    // Bounded: each round either collects completions or waits up to 10 ms for them.
    for (int round = 0; round < 100 && in_flight_ > 0; ++round) {
      op_queue<scheduler_operation> done;
      __kernel_timespec ts{0, 10 * 1000 * 1000};
      io_uring_cqe* cqe = nullptr;
      ::io_uring_wait_cqe_timeout(&ring_, &cqe, &ts);
      reap_cqes(done, nullptr);
      abandoned.push(done);
    }
  }
  // TRICKY: the kernel ties each request to the thread whose io_uring_enter() consumed its SQE.
  // A socket request that cannot finish at once waits on the socket's poll queue; when the
  // socket becomes ready, the kernel retries the request as task work of that thread. If the
  // thread has exited (or is exiting) by then, the request is failed instead of retried:
  // -ECANCELED on current kernels (the poll task work checks for an exiting task first); on
  // 5.11, the oldest kernel the probe accepts, -EFAULT (the retry refuses an exiting task) or
  // -ECANCELED (the task work could no longer be queued to it). Requests punted to the
  // thread's io-wq workers are cancelled (-ECANCELED) or interrupted (-EINTR) when those
  // workers exit with it. Nothing was transferred by such a request. The ring's setup flags do
  // not change this (COOP_TASKRUN only defers when the task work runs). So an op that fails
  // this way after a thread that entered a ring has exited was dropped, not finished: it is
  // submitted again from this (living) thread, unless a cancel asked for it meanwhile.
  static bool maybe_dropped_with_submitter(const socket_op& op, int res) {
    return (res == -ECANCELED || res == -EFAULT || res == -EINTR) &&
           op.uring_.thread_exits != uring_thread_exits.load(std::memory_order_seq_cst);
  }

  // For a failed op (`res` < 0): true when it goes back to the kernel instead of completing
  // (dropped with its submitting thread; an accept that met a reset connection, unless the
  // acceptor reports those). A connect submitted again that finds the socket connected has
  // succeeded: `res` becomes 0. Out of line: successful completions never come here.
  [[gnu::noinline]] static bool submit_again(const socket_op& op, int& res) {
    if (maybe_dropped_with_submitter(op, res)) return true;
    if (op.kind_ == socket_op_kind::accept)
      return posix_calls::accept_again(res, op.flags_ & accept_report_connection_aborted);
    if (op.kind_ == socket_op_kind::connect && op.uring_.reissued && res == -EISCONN) res = 0;
    return false;
  }

  // Collects the completion queue. Only the waiting thread calls it (or shutdown, when no
  // thread waits). Returns true when the wake-up read fired and must be re-armed. An op to
  // submit again (an accept that met a reset connection and may not report it, an op dropped
  // with its submitting thread) goes to `retry` when given.
  bool reap_cqes(op_queue<scheduler_operation>& ready, op_queue<scheduler_operation>* retry) {
    unsigned head;
    unsigned seen = 0;
    io_uring_cqe* cqe;
    bool rearm = false;
    io_uring_for_each_cqe(&ring_, head, cqe) {
      ++seen;
      if (cqe->user_data == wake_tag) {
        rearm = true;
        continue;
      }
      if (cqe->user_data == ignore_tag) continue;
      auto* op =
          reinterpret_cast<scheduler_operation*>(static_cast<std::uintptr_t>(cqe->user_data));
      tsan_acquire(op);
      in_flight_.fetch_sub(1, std::memory_order_relaxed);
      int res = cqe->res;
      auto* sop = static_cast<socket_op*>(op);
      if (sop->kind_ == socket_op_kind::accept && res >= 0 && fault::filter_accept(res) < 0)
        res = -ECONNABORTED;
      if (res < 0 && retry && submit_again(*sop, res)) {
        retry->push(op);
        continue;
      }
      if (res < 0) {
        op->ec_ = std::error_code(-res, std::system_category());
        op->bytes_ = 0;
      } else {
        op->ec_.clear();
        op->bytes_ = static_cast<std::size_t>(res);
      }
      ready.push(op);
    }
    ::io_uring_cq_advance(&ring_, seen);
    return rearm;
  }

  void reap(op_queue<scheduler_operation>& ready) {
    op_queue<scheduler_operation> retry;
    bool rearm = reap_cqes(ready, &retry);
    std::lock_guard lock(sq_mutex_);
    resubmit(retry, ready);
    while (scheduler_operation* o = aborted_.front()) {
      aborted_.pop();
      parked_.fetch_sub(1, std::memory_order_release);
      ready.push(o);
    }
    if (rearm) {
      wake_pending_.store(false, std::memory_order_release);
      arm_wakeup();
    }
  }

  // Needs sq_mutex_. Ops from reap_cqes()'s retry queue are submitted again, unless they or
  // their descriptor were cancelled or deregistered meanwhile (then they end with
  // operation_aborted: the cancel could not find them in the kernel).
  void resubmit(op_queue<scheduler_operation>& retry, op_queue<scheduler_operation>& ready) {
    bool submitted = false;
    while (scheduler_operation* o = retry.front()) {
      retry.pop();
      auto* op = static_cast<socket_op*>(o);
      uring_descriptor* d = find_descriptor(op->uring_.registration, op->fd_);
      if (op->uring_.cancel_requested || d == nullptr || d->cancels_ != op->uring_.cancel_epoch) {
        op->ec_ = std::error_code(ECANCELED, std::system_category());
        op->bytes_ = 0;
        ready.push(op);
        continue;
      }
      op->uring_.reissued = true;
      io_uring_sqe* sqe = get_sqe();
      if (sqe == nullptr) {
        backlog_.push(op);
        parked_.fetch_add(1, std::memory_order_release);
        continue;
      }
      prepare(sqe, *op);
      submitted = true;
    }
    if (submitted) submit();
  }

  // Needs sq_mutex_. Linear, but only reached for ops submitted again (rare).
  uring_descriptor* find_descriptor(std::uint64_t id, int fd) {
    for (uring_descriptor* d = descriptors_; d; d = d->next_)
      if (d->id_ == id && d->fd_ == fd) return d;
    return nullptr;
  }

  // Needs sq_mutex_ (or no other thread yet, in the constructor).
  void arm_wakeup() {
    io_uring_sqe* sqe = get_sqe();
    if (sqe == nullptr) {
      // No slot even after a submit (older kernels refuse submissions while completions
      // overflow): wait() arms it later and, until then, never sleeps long.
      wake_unarmed_ = true;
      return;
    }
    wake_unarmed_ = false;
    // SAFETY: the kernel writes into wake_buffer_ until the read completes; it lives as long
    // as the ring, and the ring is torn down before the member.
    ::io_uring_prep_read(sqe, event_fd_, &wake_buffer_, sizeof wake_buffer_, 0);
    ::io_uring_sqe_set_data64(sqe, wake_tag);
  }

  io_uring ring_;
  int event_fd_;
  std::uint64_t wake_buffer_ = 0;
  bool wake_unarmed_ = false;  // guarded by sq_mutex_
  // A thread is (about to be) asleep in io_uring_enter; guarded by sq_mutex_.
  bool sleeping_ = false;
  std::atomic<bool> wake_pending_{false};
  // Guards the submission queue, backlog_ and aborted_.
  std::mutex sq_mutex_;
  // Ops waiting for a free submission slot (back-pressure, never an exception).
  op_queue<scheduler_operation> backlog_;
  // Ops cancelled before they reached the kernel, for the next wait().
  op_queue<scheduler_operation> aborted_;
  // Live descriptors (guarded by sq_mutex_).
  uring_descriptor* descriptors_ = nullptr;
  std::uint64_t last_descriptor_id_ = 0;  // guarded by sq_mutex_
  // Ops the kernel holds (submitted, completion not yet reaped).
  std::atomic<long> in_flight_{0};
  // Ops in backlog_ or aborted_ (changed under sq_mutex_; read by idle()).
  std::atomic<long> parked_{0};
  // wait() calls that found the completion queue overflowed (read by tests).
  std::atomic<unsigned long> cq_overflows_{0};
};

}  // namespace

std::unique_ptr<backend> try_make_uring_backend(std::string& reason) {
  io_uring ring;
  io_uring_params params{};
  // COOP_TASKRUN: no interrupts to run completions; TASKRUN_FLAG: the ring says when a
  // kernel entry is needed to run them (wait() checks it before skipping the system call).
  params.flags = IORING_SETUP_SUBMIT_ALL | IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG;
  int r = ::io_uring_queue_init_params(ring_entries, &ring, &params);
  if (r == -EINVAL) {
    // Kernels before 5.18/5.19 reject the newer flags; plain setup still works.
    params = io_uring_params{};
    r = ::io_uring_queue_init_params(ring_entries, &ring, &params);
  }
  if (r < 0) {
    reason = explain_setup_failure(-r);
    return nullptr;
  }
  if (!(params.features & IORING_FEAT_EXT_ARG)) {
    ::io_uring_queue_exit(&ring);
    reason = "kernel lacks IORING_FEAT_EXT_ARG (waits with a timeout need Linux 5.11)";
    return nullptr;
  }
  io_uring_probe* probe = ::io_uring_get_probe_ring(&ring);
  if (probe == nullptr) {
    ::io_uring_queue_exit(&ring);
    reason = "IORING_REGISTER_PROBE failed: kernel too old for ringport's io_uring backend";
    return nullptr;
  }
  for (const required_op& op : required_ops) {
    if (!::io_uring_opcode_supported(probe, op.opcode)) {
      ::io_uring_free_probe(probe);
      ::io_uring_queue_exit(&ring);
      reason = std::string("kernel lacks opcode ") + op.name;
      return nullptr;
    }
  }
  ::io_uring_free_probe(probe);
  int efd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (efd < 0) {
    int err = errno;
    ::io_uring_queue_exit(&ring);
    reason = std::string("eventfd failed: ") + std::strerror(err);
    return nullptr;
  }
  return std::make_unique<uring_backend>(ring, efd);
}

unsigned long uring_cq_overflows_for_testing(backend& b) noexcept {
  if (b.kind() != backend_kind::io_uring) return 0;
  return static_cast<uring_backend&>(b).cq_overflows();
}

std::unique_ptr<backend> make_uring_backend() {
  std::string reason;
  std::unique_ptr<backend> b = try_make_uring_backend(reason);
  if (!b)
    throw std::system_error(std::make_error_code(std::errc::function_not_supported),
                            "io_uring backend: " + reason);
  return b;
}

}  // namespace ringport::detail
