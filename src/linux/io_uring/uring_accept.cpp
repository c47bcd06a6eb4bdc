// The io_uring backend's multishot accept (see uring_accept_state.hpp): arming it, handing its
// connections to accept ops or keeping them, its end, synchronous accepts beside it, and the
// fallback to one request per accept where the kernel has no multishot accept (before 5.19).
#include "uring_backend.hpp"
#include "ringport/error_code.hpp"
#include "uring_thread_exits.hpp"

#include "sockets/fault_injection.hpp"
#include "sockets/posix_socket_calls.hpp"

#include <liburing.h>

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

namespace ringport::detail {

namespace {

#if RINGPORT_TESTING_HOOKS
std::atomic<unsigned long> multishot_accepts_armed{0};
std::atomic<bool> multishot_accept_wanted{true};
#endif

// The op takes the connection `fd`: true when it has finished. A multishot accept has no
// address buffer per connection, so a peer address asked for (msg_name) is read from the
// connection. A connection already reset has none: it is closed, and the op either reports
// that (the acceptor's enable_connection_aborted) or waits for the next one (false).
bool hand_over(int fd, socket_op& op) noexcept {
  if (op.msg_.msg_name != nullptr) {
    socklen_t len = op.msg_.msg_namelen;
    if (::getpeername(fd, static_cast<sockaddr*>(op.msg_.msg_name), &len) != 0) {
      ::close(fd);
      if (!(op.flags_ & accept_report_connection_aborted)) return false;
      op.ec_ = std::error_code(ECONNABORTED, ringport::system_category());
      op.bytes_ = 0;
      return true;
    }
    op.addr_len_ = len;
  }
  op.ec_.clear();
  op.bytes_ = static_cast<std::size_t>(fd);
  return true;
}

bool is_listening(int fd) noexcept {
  int value = 0;
  socklen_t len = sizeof value;
  return ::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &value, &len) == 0 && value != 0;
}

}  // namespace

bool uring_backend::use_multishot_accept() noexcept {
#if RINGPORT_TESTING_HOOKS
  return multishot_accept_wanted.load(std::memory_order_relaxed);
#else
  return true;
#endif
}

// Needs sq_mutex_. An async accept on a listener that has a multishot accept (or is about to):
// takes a kept connection, or waits for the request's next one.
bool uring_backend::start_accept(uring_descriptor* d, socket_op& op) {
  if (!d->accept_) d->accept_ = std::make_unique<uring_accept_state>();
  uring_accept_state& a = *d->accept_;
  while (!a.kept.empty()) {
    int fd = a.kept.front();
    a.kept.pop_front();
    if (hand_over(fd, op)) return true;
  }
  if (a.one_at_a_time) return start_request(op);
  // TRICKY: the kernel accepts each connection as task work of the thread that armed the
  // request, and the ring (COOP_TASKRUN) does not wake that thread for it. Run by one thread,
  // that thread is the one waiting in the ring; with several, it may sleep on the scheduler's
  // condition variable while another waits, and every connection waits for it to wake (the
  // two-thread accept row fell from 0.94 to 0.83 of the loop). So with several threads each
  // accept is a request of its own, made by the thread about to wait; an armed request ends.
  if (several_threads_run()) {
    if (a.armed && !a.cancelling) cancel_accept(d);
    return start_request(op);
  }
  // No submission slot (the queue is full even after a submit): the op is a request of its
  // own, through the backlog.
  if (!a.armed && !arm_accept(d)) return start_request(op);
  a.waiting.push(&op);
  // As start_request: a thread that comes back to wait() submits it with its batch.
  if (sleeping_ || !op.may_defer_) submit();
  return false;
}

// Needs sq_mutex_.
bool uring_backend::arm_accept(uring_descriptor* d) {
  io_uring_sqe* sqe = get_sqe();
  if (sqe == nullptr) return false;
  // Close-on-exec and blocking, as the single accept (see register_descriptor).
  ::io_uring_prep_multishot_accept(sqe, d->fd_, nullptr, nullptr, SOCK_CLOEXEC);
  ::io_uring_sqe_set_data64(sqe, reinterpret_cast<std::uintptr_t>(d) | accept_tag_bit);
  uring_accept_state& a = *d->accept_;
  a.armed = true;
  a.cancelling = false;
  a.thread_exits = uring_thread_exits.load(std::memory_order_relaxed);
  in_flight_.fetch_add(1, std::memory_order_relaxed);
  fd_requests_.added(d->fd_);
#if RINGPORT_TESTING_HOOKS
  multishot_accepts_armed.fetch_add(1, std::memory_order_relaxed);
#endif
  return true;
}

// Needs sq_mutex_. One completion of a multishot accept: a connection (res >= 0) or an error;
// `more`: the request goes on. `shutting_down`: from shutdown's drain, nothing is handed out.
void uring_backend::on_accept_completion(uring_descriptor* d, int res, bool more,
                                         op_queue<scheduler_operation>& ready, bool shutting_down) {
  uring_accept_state& a = *d->accept_;
  if (!more) {
    a.armed = false;
    in_flight_.fetch_sub(1, std::memory_order_relaxed);
    fd_requests_.removed(d->fd_);
  }
  bool closing = d->closing_ || shutting_down;
  if (res >= 0 && closing)
    ::close(res);
  else if (res >= 0 && fault::filter_accept(res) >= 0)
    offer_connection(d, res, ready);
  else if (!closing)
    accept_failed(d, res >= 0 ? -ECONNABORTED : res, more, ready);
  if (more) return;
  if (d->closing_) {
    unlink_descriptor(d);
    delete d;
    return;
  }
  // Ops still wait: the request is armed again, from this (living) thread. Without a slot,
  // each becomes a request of its own.
  if (shutting_down) return;
  if (!a.waiting.empty() && (a.one_at_a_time || several_threads_run() || !arm_accept(d)))
    accept_one_at_a_time(a);
  if (!a.armed) {
    // Readiness waits go to the kernel: its queue holds the connections from now on.
    while (scheduler_operation* r = a.readers.front()) {
      a.readers.pop();
      backlog_.push(r);
      parked_.fetch_add(1, std::memory_order_release);
    }
  }
}

// Needs sq_mutex_. A readiness wait (POLLIN) on a listener: true when it has finished (a
// connection is kept); while the multishot accept is armed it waits for one to be kept.
bool uring_backend::wait_for_connection(uring_accept_state& a, socket_op& op) {
  if (!a.kept.empty()) {
    op.ec_.clear();
    op.bytes_ = POLLIN;
    return true;
  }
  if (a.armed) a.readers.push(&op);
  return false;
}

// Needs sq_mutex_.
void uring_backend::offer_connection(uring_descriptor* d, int fd,
                                     op_queue<scheduler_operation>& ready) {
  uring_accept_state& a = *d->accept_;
  if (scheduler_operation* o = a.waiting.front()) {
    if (hand_over(fd, *static_cast<socket_op*>(o))) {
      a.waiting.pop();
      ready.push(o);
    }
    return;
  }
  a.kept.push_back(fd);
  // The listener is readable now.
  while (scheduler_operation* r = a.readers.front()) {
    a.readers.pop();
    r->ec_.clear();
    r->bytes_ = POLLIN;
    ready.push(r);
  }
  if (a.kept.size() < uring_accept_state::keep_limit || !a.armed || a.cancelling) return;
  // Enough kept: the kernel's listen queue holds the rest until accepts come (without a slot,
  // the next connection tries again).
  cancel_accept(d);
}

// Needs sq_mutex_. Asks the kernel to end the multishot accept (submitted with the next batch);
// false without a submission slot.
bool uring_backend::cancel_accept(uring_descriptor* d) {
  io_uring_sqe* sqe = get_sqe();
  if (sqe == nullptr) return false;
  ::io_uring_prep_cancel64(sqe, reinterpret_cast<std::uintptr_t>(d) | accept_tag_bit, 0);
  ::io_uring_sqe_set_data64(sqe, ignore_tag);
  d->accept_->cancelling = true;
  return true;
}

// Needs sq_mutex_. An error from the multishot accept: the oldest waiting op gets it, unless it
// is one that an accept does not report (the request goes on, or is armed again).
void uring_backend::accept_failed(uring_descriptor* d, int res, bool more,
                                  op_queue<scheduler_operation>& ready) {
  uring_accept_state& a = *d->accept_;
  scheduler_operation* first = a.waiting.front();
  if (first == nullptr) return;  // the next accept arms a new request
  auto& op = *static_cast<socket_op*>(first);
  // Cancelled (a listener cancel that the ops waiting now came after, too many kept, the ring
  // ending the request with the thread that submitted it), interrupted, or a reset connection
  // that the acceptor does not report.
  // EAGAIN: the listener was switched to non-blocking mode behind the service's back; the
  // request armed again must wait for connections.
  if (res == -EAGAIN && !more) uring_make_blocking(d->fd_);
  if (res == -ECANCELED || res == -EINTR || res == -EAGAIN ||
      (res == -EFAULT && a.thread_exits != uring_thread_exits.load(std::memory_order_seq_cst)) ||
      posix_calls::accept_again(res, op.flags_ & accept_report_connection_aborted))
    return;
  // A kernel without multishot accept refuses the flag as it refuses an accept on a socket
  // that does not listen; the socket's state tells which.
  if (res == -EINVAL && !more && is_listening(d->fd_)) {
    multishot_accept_ = false;
    accept_one_at_a_time(a);
    return;
  }
  a.waiting.pop();
  op.ec_ = std::error_code(-res, ringport::system_category());
  op.bytes_ = 0;
  ready.push(&op);
}

// Needs sq_mutex_. The waiting ops become requests of their own (through the backlog, which the
// next wait() submits).
void uring_backend::accept_one_at_a_time(uring_accept_state& a) {
  while (scheduler_operation* o = a.waiting.front()) {
    a.waiting.pop();
    backlog_.push(o);
    parked_.fetch_add(1, std::memory_order_release);
  }
}

// Needs sq_mutex_ (cancel_descriptor): accepts and readiness waits.
void uring_backend::abort_waiting_accepts(uring_descriptor* d) {
  if (!d->accept_) return;
  for (op_queue<scheduler_operation>* q : {&d->accept_->waiting, &d->accept_->readers}) {
    while (scheduler_operation* o = q->front()) {
      q->pop();
      parked_.fetch_add(1, std::memory_order_release);
      abort_later(*o);
    }
  }
}

// Needs sq_mutex_ (cancel_op): an accept or a readiness wait.
bool uring_backend::abort_waiting_accept(uring_descriptor* d, socket_op& op) {
  if (!d->accept_ || (!d->accept_->waiting.remove(&op) && !d->accept_->readers.remove(&op)))
    return false;
  parked_.fetch_add(1, std::memory_order_release);
  abort_later(op);
  return true;
}

// Needs sq_mutex_ (shutdown): waiting ops are handed back, kept connections closed.
void uring_backend::abandon_accepts(op_queue<scheduler_operation>& abandoned) {
  for (uring_descriptor* d = descriptors_; d; d = d->next_) {
    if (!d->accept_) continue;
    abandoned.push(d->accept_->waiting);
    abandoned.push(d->accept_->readers);
    d->accept_->close_kept();
  }
}

// A synchronous accept (or a non-blocking one) on the listener: a kept connection first. While
// a multishot accept is armed, connections it took may sit in the completion queue, which only
// a waiting thread reaps, and the kernel's queue would not show them: the request is cancelled
// for good (this listener accepts one connection per request from now on) and its last
// completions are reaped before the caller asks the kernel.
int uring_backend::take_accepted(descriptor_state* state) {
  auto* d = static_cast<uring_descriptor*>(state);
  // Bounded: the cancel ends the request at once; each round reaps or lets the waiting thread.
  for (int round = 0; round < 5000; ++round) {
    {
      std::lock_guard lock(sq_mutex_);
      if (!d->accept_) return -1;
      uring_accept_state& a = *d->accept_;
      if (!a.kept.empty()) {
        int fd = a.kept.front();
        a.kept.pop_front();
        return fd;
      }
      a.one_at_a_time = true;
      if (!a.armed) return -1;
      if (!a.cancelling && cancel_accept(d)) submit();
    }
    if (!reap_outside_wait()) std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return -1;
}

#if RINGPORT_TESTING_HOOKS
unsigned long uring_backend::multishot_accepts_armed_for_testing() noexcept {
  return multishot_accepts_armed.load(std::memory_order_relaxed);
}

void uring_backend::use_multishot_accept_for_testing(bool use) noexcept {
  multishot_accept_wanted.store(use, std::memory_order_relaxed);
}
#endif

}  // namespace ringport::detail
