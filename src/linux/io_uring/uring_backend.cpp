// The io_uring proactor backend's core: the liburing checks publish_sq() relies on, the ring's
// life, and the waiting thread's side (wait, the wake-up read, reaping completions, shutdown).
#include "uring_backend.hpp"
#include "ringport/error_code.hpp"
#include "uring_thread_exits.hpp"

#include "../tsan_annotations.hpp"
#include "sockets/fault_injection.hpp"

#include <liburing.h>

#include <cerrno>
#include <csignal>
#include <unistd.h>

#include <atomic>
#include <concepts>
#include <cstdint>
#include <mutex>
#include <system_error>
#include <thread>

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

#if RINGPORT_TESTING_HOOKS
namespace {
// wait() calls, by any io_uring backend of the process, that found the completion queue
// overflowed (read by tests).
std::atomic<unsigned long> cq_overflows_seen{0};
}  // namespace
#endif

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

}  // namespace

// Takes over a ring set up by the probe (io_uring holds no pointers to itself, so the
// struct may be copied once; the probe's copy is never used again).
uring_backend::uring_backend(const io_uring& ring, int event_fd)
    : ring_(ring), event_fd_(event_fd) {
  arm_wakeup();
}

uring_backend::~uring_backend() {
  ::io_uring_queue_exit(&ring_);
  ::close(event_fd_);
  while (uring_descriptor* d = descriptors_) {
    descriptors_ = d->next_;
    delete d;
  }
}

// No op in the kernel or waiting in the submission queue, the backlog or for_next_wait_.
bool uring_backend::idle() const noexcept {
  return in_flight_.load(std::memory_order_acquire) == 0 &&
         parked_.load(std::memory_order_acquire) == 0;
}

bool uring_backend::few_in_flight() const noexcept {
  return in_flight_.load(std::memory_order_acquire) <= 1 &&
         parked_.load(std::memory_order_acquire) == 0;
}

void uring_backend::wait(long long timeout_ns, op_queue<scheduler_operation>& ready) {
  // TRICKY: other threads add SQEs (start_op, cancels) under sq_mutex_, so this thread
  // publishes the submission queue under it too, then enters the kernel without it: one
  // io_uring_enter both submits what the handlers started since the last wait() and waits
  // for completions. While it sleeps (sleeping_), start_op submits by itself. Only this
  // thread (the scheduler lets one in at a time) touches the completion queue.
  unsigned to_submit;
  bool sleep;
  // TRICKY: a thread outside wait() may be emptying the completion queue (take_accepted, a
  // short and rare reap); this thread reaps only once it has finished.
  while (reaping_.exchange(true, std::memory_order_acquire))
    std::this_thread::yield();
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
#if RINGPORT_TESTING_HOOKS
  if (kflags & IORING_SQ_CQ_OVERFLOW) [[unlikely]]
    cq_overflows_seen.fetch_add(1, std::memory_order_relaxed);
#endif
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
  reap(ready, sleep);
  reaping_.store(false, std::memory_order_release);
}

void uring_backend::interrupt() noexcept {
  if (wake_pending_.exchange(true, std::memory_order_acq_rel)) return;
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t r = ::write(event_fd_, &one, sizeof one);
}

void uring_backend::shutdown(op_queue<scheduler_operation>& abandoned) {
  // Requests still in the kernel are ended with the ring (io_uring_queue_exit cancels
  // them); their ops are handed back here. The scheduler destroys them afterwards, so the
  // ring must not write into them later: exit the ring first.
  std::lock_guard lock(sq_mutex_);
  abandoned.push(backlog_);
  abandon_accepts(abandoned);
  cancel_everything_and_drain(abandoned);
#if RINGPORT_TESTING_HOOKS
  // The cancel of everything above covered the deferred cancels.
  late_cancels_.clear();
  fault_reaped_.clear();
  fault_unreaped_.clear();
#endif
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
unsigned uring_backend::publish_sq() {
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

// Shutdown: cancel every request, wait for the ring to report each, hand the ops back.
void uring_backend::cancel_everything_and_drain(op_queue<scheduler_operation>& abandoned) {
  abandoned.push(for_next_wait_);
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
    reap_cqes(done, nullptr, nullptr);
    abandoned.push(done);
  }
}

// Collects the completion queue. Only the thread that holds reaping_ calls it (or shutdown,
// when no thread waits). Returns true when the wake-up read fired and must be re-armed. An op
// to submit again (an accept that met a reset connection and may not report it, an op dropped
// with its submitting thread) goes to `retry` when given. A multishot accept's completion
// needs sq_mutex_: taken through `lock` (held until the caller lets it go), or already held
// when `lock` is null (shutdown).
bool uring_backend::reap_cqes(op_queue<scheduler_operation>& ready,
                              op_queue<scheduler_operation>* retry,
                              std::unique_lock<std::mutex>* lock) {
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
    __u64 data = cqe->user_data;
    int res = cqe->res;
    if (data & accept_tag_bit) [[unlikely]] {
      if (lock && !lock->owns_lock()) lock->lock();
      auto* d =
          reinterpret_cast<uring_descriptor*>(static_cast<std::uintptr_t>(data & ~accept_tag_bit));
      on_accept_completion(d, res, (cqe->flags & IORING_CQE_F_MORE) != 0, ready, retry == nullptr);
      continue;
    }
#if RINGPORT_TESTING_HOOKS
    // An injected interruption: the request moved nothing (it asked for zero bytes).
    if (data & interrupted_bit) {
      data &= ~interrupted_bit;
      if (res >= 0) res = -EINTR;
    }
#endif
    auto* op = reinterpret_cast<scheduler_operation*>(static_cast<std::uintptr_t>(data));
    tsan_acquire(op);
    in_flight_.fetch_sub(1, std::memory_order_relaxed);
    auto* sop = static_cast<socket_op*>(op);
    fd_requests_.removed(sop->fd_);
#if RINGPORT_TESTING_HOOKS
    if (fault_tracking_.load(std::memory_order_acquire)) fault_reaped_.push_back(op);
    // Not during shutdown (`retry` null), which holds sq_mutex_.
    if (retry && fault::armed()) fault_reset(*sop, res);
#endif
    if (sop->kind_ == socket_op_kind::accept && res >= 0 && fault::filter_accept(res) < 0)
      res = -ECONNABORTED;
    if (res < 0 && retry && submit_again(*sop, res)) {
      // resubmit() reads why (EAGAIN puts the descriptor back in blocking mode).
      op->ec_ = std::error_code(-res, ringport::system_category());
      retry->push(op);
      continue;
    }
    if (res < 0) {
      op->ec_ = std::error_code(-res, ringport::system_category());
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

// `slept`: this thread set sleeping_ for its wait; cleared here.
void uring_backend::reap(op_queue<scheduler_operation>& ready, bool slept) {
#if RINGPORT_TESTING_HOOKS
  if (fault_hold_completions()) {
    std::lock_guard lock(sq_mutex_);
    sleeping_ = false;
    return;
  }
#endif
  op_queue<scheduler_operation> retry;
  std::unique_lock lock(sq_mutex_, std::defer_lock);
  bool rearm = reap_cqes(ready, &retry, &lock);
#if RINGPORT_TESTING_HOOKS
  bool fault_work = fault_tracking_.load(std::memory_order_acquire);
#else
  constexpr bool fault_work = false;
#endif
  // Most reaps have nothing to do under the mutex: skip it. An op aborted after this check
  // comes with an interrupt(), whose completion makes a later reap take the mutex.
  if (!lock.owns_lock()) {
    if (!slept && !rearm && retry.empty() && !fault_work &&
        parked_.load(std::memory_order_acquire) == 0)
      return;
    lock.lock();
  }
  sleeping_ = false;
#if RINGPORT_TESTING_HOOKS
  fault_after_reap();
#endif
  resubmit(retry, ready);
  while (scheduler_operation* o = for_next_wait_.front()) {
    for_next_wait_.pop();
    parked_.fetch_sub(1, std::memory_order_release);
    ready.push(o);
  }
  if (rearm) {
    wake_pending_.store(false, std::memory_order_release);
    arm_wakeup();
  }
}

// From a thread outside wait(): reaps the completion queue when no thread is waiting (true),
// holding completed ops for the next wait(); otherwise wakes the waiting thread (false).
bool uring_backend::reap_outside_wait() {
  if (reaping_.exchange(true, std::memory_order_acquire)) {
    interrupt();
    return false;
  }
  // Runs the task work that posts completions (the ring defers it to a kernel entry).
  ::io_uring_get_events(&ring_);
  op_queue<scheduler_operation> done;
  reap(done, false);
  {
    std::lock_guard lock(sq_mutex_);
    while (scheduler_operation* o = done.front()) {
      done.pop();
      for_next_wait_.push(o);
      parked_.fetch_add(1, std::memory_order_release);
    }
  }
  reaping_.store(false, std::memory_order_release);
  interrupt();
  return true;
}

// Needs sq_mutex_ (or no other thread yet, in the constructor).
void uring_backend::arm_wakeup() {
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

#if RINGPORT_TESTING_HOOKS
unsigned long uring_cq_overflows_for_testing() noexcept {
  return cq_overflows_seen.load(std::memory_order_relaxed);
}
#endif

}  // namespace ringport::detail
