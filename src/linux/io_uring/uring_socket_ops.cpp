// The io_uring backend's socket half: descriptor registration, starting and cancelling ops,
// preparing their requests, the submission backlog, and re-submitting ops the kernel dropped.
#include "uring_backend.hpp"
#include "ringport/error_code.hpp"
#include "uring_thread_exits.hpp"

#include "../tsan_annotations.hpp"
#include "sockets/posix_socket_calls.hpp"

#include <liburing.h>

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <system_error>

namespace ringport::detail {

void uring_make_blocking(int fd) noexcept {
  int fl = ::fcntl(fd, F_GETFL);
  if (fl >= 0 && (fl & O_NONBLOCK)) ::fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
}

descriptor_state* uring_backend::register_descriptor(int fd, fd_mode& /*mode*/,
                                                     std::error_code& ec) {
  // The descriptor stays blocking: older kernels' io_uring returns EAGAIN for O_NONBLOCK
  // files instead of waiting for readiness itself.
  ec.clear();
  std::lock_guard lock(sq_mutex_);
  auto* d = new uring_descriptor(fd, ++last_descriptor_id_);
  d->next_ = descriptors_;
  if (descriptors_) descriptors_->prev_ = d;
  descriptors_ = d;
  return d;
}

void uring_backend::deregister_descriptor(descriptor_state* state) {
  // TRICKY: close() does not cancel io_uring requests on a descriptor (they hold their
  // own file reference), so every request on it is cancelled before the caller closes it.
  cancel_descriptor(state);
  auto* d = static_cast<uring_descriptor*>(state);
  {
    std::lock_guard lock(sq_mutex_);
    if (d->accept_) {
      d->accept_->close_kept();
      if (d->accept_->armed) {
        // The multishot accept's last completion names `d` and frees it; connections it takes
        // until then are closed.
        d->closing_ = true;
        d = nullptr;
      }
    }
    if (d) unlink_descriptor(d);
  }
  if (d == nullptr) {
    // Reaped now if no thread waits, so that their clients see the listener close.
    reap_outside_wait();
    return;
  }
  delete d;
}

// Needs sq_mutex_.
void uring_backend::unlink_descriptor(uring_descriptor* d) {
  if (d->prev_)
    d->prev_->next_ = d->next_;
  else
    descriptors_ = d->next_;
  if (d->next_) d->next_->prev_ = d->prev_;
}

bool uring_backend::start_op(descriptor_state* state, socket_op& op) {
  if (op.kind_ == socket_op_kind::accept) {
    // Decided before the request, so the connection stays queued for the next accept.
    if (int e = fault::no_descriptor_fault()) {
      op.ec_ = std::error_code(-e, ringport::system_category());
      op.bytes_ = 0;
      return true;
    }
  }
  std::lock_guard lock(sq_mutex_);
  // reap() may submit the op again (an accept that met a reset connection, any op the
  // kernel dropped with its submitting thread): it records which registration it belongs to
  // and how many cancels that had seen.
  auto* d = static_cast<uring_descriptor*>(state);
  op.uring_.registration = d->id_;
  op.uring_.cancel_epoch = d->cancels_;
  if (op.kind_ == socket_op_kind::accept) {
    if (multishot_accept_) return start_accept(d, op);
  } else if (op.kind_ == socket_op_kind::wait && d->accept_ && (op.flags_ & POLLIN)) {
    if (wait_for_connection(*d->accept_, op)) return true;
    if (d->accept_->armed) return false;
  }
  return start_request(op);
}

// Needs sq_mutex_.
bool uring_backend::start_request(socket_op& op) {
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

void uring_backend::cancel_op(descriptor_state* state, socket_op& op) {
  std::lock_guard lock(sq_mutex_);
  // Read by reap() before it re-submits an accept: the cancel below cannot find an op
  // that is between two submissions.
  op.uring_.cancel_requested = true;
  if (remove_from_backlog(&op)) return;
  if ((op.kind_ == socket_op_kind::accept || op.kind_ == socket_op_kind::wait) &&
      abort_waiting_accept(static_cast<uring_descriptor*>(state), op))
    return;
#if RINGPORT_TESTING_HOOKS
  if (fault::armed() && fault_defer_cancel(op)) return;
#endif
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

void uring_backend::cancel_descriptor(descriptor_state* state) {
  auto* d = static_cast<uring_descriptor*>(state);
  int fd = d->fd_;
  std::lock_guard lock(sq_mutex_);
  ++d->cancels_;
  remove_backlog_of(fd);
  abort_waiting_accepts(d);
  // Nothing prepared on the descriptor is left unreaped: there is nothing to cancel (an op
  // reaped for a retry meets the new cancel count in resubmit()).
  if (fd_requests_.none(fd)) return;
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

void uring_backend::prepare(io_uring_sqe* sqe, socket_op& op) {
  __u64 data = reinterpret_cast<std::uintptr_t>(&op);
#if RINGPORT_TESTING_HOOKS
  if (fault::armed()) {
    fault_unreaped_.insert(&op);
    fault_tracking_.store(true, std::memory_order_release);
    if (fault_prepare(sqe, op, data)) return finish_prepare(sqe, op, data);
  }
#endif
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
    // An offset of -1 (as unsigned) reads or writes at the file's position and advances it;
    // pipes and other streams ignore it.
    case socket_op_kind::read:
      if (op.msg_.msg_iovlen == 1)
        ::io_uring_prep_read(sqe, op.fd_, op.msg_.msg_iov[0].iov_base,
                             static_cast<unsigned>(op.msg_.msg_iov[0].iov_len),
                             static_cast<__u64>(op.offset_));
      else
        ::io_uring_prep_readv(sqe, op.fd_, op.msg_.msg_iov,
                              static_cast<unsigned>(op.msg_.msg_iovlen),
                              static_cast<__u64>(op.offset_));
      break;
    case socket_op_kind::write:
      if (op.msg_.msg_iovlen == 1)
        ::io_uring_prep_write(sqe, op.fd_, op.msg_.msg_iov[0].iov_base,
                              static_cast<unsigned>(op.msg_.msg_iov[0].iov_len),
                              static_cast<__u64>(op.offset_));
      else
        ::io_uring_prep_writev(sqe, op.fd_, op.msg_.msg_iov,
                               static_cast<unsigned>(op.msg_.msg_iovlen),
                               static_cast<__u64>(op.offset_));
      break;
  }
#if RINGPORT_TESTING_HOOKS
  if (fault::armed()) fault_after_prepare(sqe, op);
#endif
  finish_prepare(sqe, op, data);
}

void uring_backend::finish_prepare(io_uring_sqe* sqe, socket_op& op, __u64 data) {
  ::io_uring_sqe_set_data64(sqe, data);
  // Relaxed: a stale (smaller) value can only make reap() submit a failed op once more.
  op.uring_.thread_exits = uring_thread_exits.load(std::memory_order_relaxed);
  in_flight_.fetch_add(1, std::memory_order_relaxed);
  fd_requests_.added(op.fd_);
  tsan_release(&op);
}

// Needs sq_mutex_.
void uring_backend::flush_backlog() {
  while (scheduler_operation* front = backlog_.front()) {
    io_uring_sqe* sqe = ::io_uring_get_sqe(&ring_);
    if (sqe == nullptr) return;
    backlog_.pop();
    parked_.fetch_sub(1, std::memory_order_release);
    prepare(sqe, *static_cast<socket_op*>(front));
  }
}

bool uring_backend::remove_from_backlog(scheduler_operation* op) {
  if (!backlog_.remove(op)) return false;
  abort_later(*op);
  return true;
}

void uring_backend::remove_backlog_of(int fd) {
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
void uring_backend::abort_later(scheduler_operation& op) {
  op.ec_ = std::error_code(ECANCELED, ringport::system_category());
  op.bytes_ = 0;
  for_next_wait_.push(&op);
  interrupt();
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
bool uring_backend::maybe_dropped_with_submitter(const socket_op& op, int res) {
  return (res == -ECANCELED || res == -EFAULT || res == -EINTR) &&
         op.uring_.thread_exits != uring_thread_exits.load(std::memory_order_seq_cst);
}

// For a failed op (`res` < 0): true when it goes back to the kernel instead of completing
// (dropped with its submitting thread; an accept that met a reset connection, unless the
// acceptor reports those). A connect submitted again that finds the socket connected has
// succeeded: `res` becomes 0. Out of line: successful completions never come here.
[[gnu::noinline]] bool uring_backend::submit_again(const socket_op& op, int& res) {
  if (maybe_dropped_with_submitter(op, res)) return true;
  if (retries_after(op, res)) return true;
  if (op.kind_ == socket_op_kind::accept)
    return posix_calls::accept_again(res, op.flags_ & accept_report_connection_aborted);
  if (op.kind_ == socket_op_kind::connect && op.uring_.reissued && res == -EISCONN) res = 0;
  return false;
}

// An async op never reports what Asio retries itself: EINTR (a request interrupted before it
// moved anything) and EAGAIN (io_uring does not wait for readiness when the request carries
// MSG_DONTWAIT, nor, on older kernels, on a descriptor in non-blocking mode: the user
// switched it with native_non_blocking while the request waited to be submitted, or another
// holder of the open file did). A connect is not submitted again: it goes on in the kernel,
// and a second one would answer EALREADY.
bool uring_backend::retries_after(const socket_op& op, int res) noexcept {
  return (res == -EINTR || res == -EAGAIN) && op.kind_ != socket_op_kind::connect;
}

// Needs sq_mutex_. Ops from reap_cqes()'s retry queue are submitted again, unless they or
// their descriptor were cancelled or deregistered meanwhile (then they end with
// operation_aborted: the cancel could not find them in the kernel).
void uring_backend::resubmit(op_queue<scheduler_operation>& retry,
                             op_queue<scheduler_operation>& ready) {
  bool submitted = false;
  while (scheduler_operation* o = retry.front()) {
    retry.pop();
    auto* op = static_cast<socket_op*>(o);
    uring_descriptor* d = find_descriptor(op->uring_.registration, op->fd_);
    if (op->uring_.cancel_requested || d == nullptr || d->cancels_ != op->uring_.cancel_epoch) {
      op->ec_ = std::error_code(ECANCELED, ringport::system_category());
      op->bytes_ = 0;
      ready.push(op);
      continue;
    }
    op->uring_.reissued = true;
    // After EAGAIN the op goes back without what made io_uring answer it instead of
    // waiting for readiness: MSG_DONTWAIT among the user's flags, or (on kernels that do
    // not wait for those) a descriptor in non-blocking mode, which is put back in blocking
    // mode as the socket service does before every op; retrying as it was would spin. The
    // live registration means the descriptor is open.
    if (op->ec_.value() == EAGAIN) {
      // flags_ holds MSG_* only for transfers (poll events for a wait).
      if (op->kind_ == socket_op_kind::receive || op->kind_ == socket_op_kind::send)
        op->flags_ &= ~MSG_DONTWAIT;
      uring_make_blocking(op->fd_);
    }
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
uring_descriptor* uring_backend::find_descriptor(std::uint64_t id, int fd) {
  for (uring_descriptor* d = descriptors_; d; d = d->next_)
    if (d->id_ == id && d->fd_ == fd) return d;
  return nullptr;
}

}  // namespace ringport::detail
