// Fault injection in the io_uring backend (tests' build only), driven by the seeded plan
// (common/fault_plan.hpp). As in sockets/fault_injection.cpp, the kernel still does the work:
// a request is cut short, made non-blocking or made a transfer of nothing, a connection is
// really shut down, completions are really left in the ring until it overflows, a cancel
// really reaches the kernel after the op finished. Only the result the backend reports is
// turned into one the kernel could have given.
#include "uring_backend.hpp"

#if RINGPORT_TESTING_HOOKS

#include "sockets/fault_injection.hpp"

#include <liburing.h>

#include <cerrno>
#include <chrono>
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <mutex>

namespace ringport::detail {

namespace {

// Only a stream's transfers can be interrupted, cut short or reset: a datagram moves whole,
// and a receive of zero bytes would consume one.
bool is_stream(int fd) noexcept {
  int type = 0;
  socklen_t len = sizeof type;
  return ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM;
}

bool is_transfer(const socket_op& op) noexcept {
  return op.kind_ == socket_op_kind::receive || op.kind_ == socket_op_kind::send;
}

// Completions are left in the ring for at most this many waits in a row (a bound for ops
// that never complete; a hold normally ends when the ring overflows), and for at most
// max_still with no new completion: while completions are held the waits do not block, and
// when only this thread could make more (a peer served by the same context), none come.
// Wall time, not a count of waits: a thread that feeds the ring may be preempted meanwhile.
constexpr unsigned long max_hold = 1000000;
constexpr std::chrono::milliseconds max_still{20};

}  // namespace

bool uring_backend::fault_prepare(io_uring_sqe* sqe, socket_op& op, __u64& data) {
  if (!is_transfer(op) || !is_stream(op.fd_)) return false;
  bool send = op.kind_ == socket_op_kind::send;
  if (fault::fires(fault::kind::interrupted)) {
    // A transfer of zero bytes that does not wait (MSG_DONTWAIT: io_uring would otherwise
    // wait for readiness even for zero bytes, under an address that a cancel does not
    // name) finishes at once and moves nothing; its completion is reported as the -EINTR
    // a request interrupted before it moved anything gives.
    void* base = op.msg_.msg_iovlen > 0 ? op.msg_.msg_iov[0].iov_base : nullptr;
    if (send)
      ::io_uring_prep_send(sqe, op.fd_, base, 0, op.flags_ | MSG_NOSIGNAL | MSG_DONTWAIT);
    else
      ::io_uring_prep_recv(sqe, op.fd_, base, 0, op.flags_ | MSG_DONTWAIT);
    data |= interrupted_bit;
    return true;
  }
  std::size_t total = 0;
  for (std::size_t i = 0; i < op.msg_.msg_iovlen; ++i)
    total += op.msg_.msg_iov[i].iov_len;
  if (total >= 2 && fault::fires(fault::kind::short_transfer)) {
    // SAFETY: the op's own iovec array (not the user's buffers) is cut to a prefix before
    // the request that the kernel reads it for is published; nothing changes it afterwards.
    // A later re-submission of the op asks for the prefix again, still a valid transfer.
    std::size_t limit = 1 + fault::draw(fault::kind::short_transfer, total - 1);
    std::size_t n = 0;
    while (n < op.msg_.msg_iovlen && limit > 0) {
      iovec& v = op.msg_.msg_iov[n];
      if (v.iov_len > limit) v.iov_len = limit;
      limit -= v.iov_len;
      ++n;
    }
    op.msg_.msg_iovlen = n;
  }
  return false;
}

void uring_backend::fault_after_prepare(io_uring_sqe* sqe, socket_op& op) {
  if (!is_transfer(op) || !is_stream(op.fd_)) return;
  // MSG_DONTWAIT makes io_uring answer -EAGAIN instead of waiting for readiness, as it does
  // for a descriptor in non-blocking mode.
  if (fault::fires(fault::kind::would_block)) sqe->msg_flags |= MSG_DONTWAIT;
}

void uring_backend::fault_reset(const socket_op& op, int& res) {
  if (res < 0 || !is_transfer(op)) return;
  std::lock_guard lock(sq_mutex_);
  // TRICKY: the op's descriptor may have been closed (and its number reused) since the
  // request completed; a live registration means it is still open, as deregistration
  // comes before the close and takes sq_mutex_.
  if (find_descriptor(op.uring_.registration, op.fd_) == nullptr || !is_stream(op.fd_)) return;
  if (!fault::fires(fault::kind::reset)) return;
  // Both directions are gone, as after a reset; what this transfer moved is lost with it.
  ::shutdown(op.fd_, SHUT_RDWR);
  res = op.kind_ == socket_op_kind::send ? -EPIPE : -ECONNRESET;
}

bool uring_backend::fault_defer_cancel(socket_op& op) {
  // TRICKY: the cancel names the op by its address. Deferred only while the op's completion
  // is unreaped, and sent by fault_after_reap() before the reap that follows hands any op
  // out: the op cannot have run its handler, so no new op can have reused the address.
  if (fault_unreaped_.count(&op) == 0) return false;
  if (!fault::fires(fault::kind::cancel_loses_race)) return false;
  late_cancels_.push_back(&op);
  // A reap must come even if nothing else completes (an op that only the cancel ends, with
  // no other work): the wake-up's completion brings one.
  interrupt();
  return true;
}

void uring_backend::fault_after_reap() {
  for (const void* op : fault_reaped_)
    fault_unreaped_.erase(op);
  fault_reaped_.clear();
  if (late_cancels_.empty()) return;
  // The ops reaped just now answer -ENOENT (the cancel lost the race); the others are still
  // in the kernel and end with -ECANCELED.
  for (const void* op : late_cancels_) {
    io_uring_sqe* sqe = get_sqe();
    if (sqe == nullptr) break;  // not reached: get_sqe() submits to free the queue
    ::io_uring_prep_cancel64(sqe, reinterpret_cast<std::uintptr_t>(op), 0);
    ::io_uring_sqe_set_data64(sqe, ignore_tag);
  }
  late_cancels_.clear();
  submit();
}

bool uring_backend::fault_hold_completions() {
  if (!fault::armed()) {
    fault_hold_ = 0;
    return false;
  }
  // SAFETY: the kernel's SQ flags word, mapped for the ring's life (one relaxed read).
  unsigned kflags = IO_URING_READ_ONCE(*ring_.sq.kflags);
  unsigned ready = ::io_uring_cq_ready(&ring_);
  // Holding on is pointless once the kernel has overflowed the ring, or when every op in
  // flight has its completion in the ring (nothing more can come).
  bool pointless = (kflags & IORING_SQ_CQ_OVERFLOW) != 0 ||
                   ready >= static_cast<unsigned>(in_flight_.load(std::memory_order_relaxed));
  if (fault_hold_ == 0) {
    if (ready == 0 || pointless || !fault::fires(fault::kind::completion_overflow)) return false;
    fault_hold_progress_ = std::chrono::steady_clock::now();
  } else {
    auto now = std::chrono::steady_clock::now();
    if (ready != fault_hold_ready_) fault_hold_progress_ = now;
    if (pointless || fault_hold_ >= max_hold || now - fault_hold_progress_ >= max_still) {
      fault_hold_ = 0;
      return false;
    }
  }
  fault_hold_ready_ = ready;
  ++fault_hold_;
  return true;
}

}  // namespace ringport::detail

#endif  // RINGPORT_TESTING_HOOKS
