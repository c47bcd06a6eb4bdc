#include "epoll_backend.hpp"
#include "ringport/error_code.hpp"

#include "sockets/posix_socket_calls.hpp"

#include "../tsan_annotations.hpp"

#include <cerrno>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <system_error>

namespace ringport::detail {

namespace {

[[noreturn]] void throw_errno(int err, const char* what) {
  throw std::system_error(err, ringport::system_category(), what);
}

constexpr long long ns_per_ms = 1000 * 1000;

int queue_of(const socket_op& op) {
  switch (op.kind_) {
    case socket_op_kind::receive:
    case socket_op_kind::accept:
    case socket_op_kind::read:
      return epoll_descriptor::read_queue;
    case socket_op_kind::send:
    case socket_op_kind::connect:
    case socket_op_kind::write:
      return epoll_descriptor::write_queue;
    case socket_op_kind::wait:
      if (op.flags_ & POLLIN) return epoll_descriptor::read_queue;
      if (op.flags_ & POLLOUT) return epoll_descriptor::write_queue;
      return epoll_descriptor::except_queue;
  }
  return epoll_descriptor::except_queue;
}

// Edge-triggered, every direction the ops can wait for; EPOLLOUT only once a write-side op
// has had to wait (see epoll_descriptor::watching_writes_).
std::uint32_t watched_events(bool writes) {
  return EPOLLIN | EPOLLPRI | EPOLLRDHUP | EPOLLET | (writes ? EPOLLOUT : 0u);
}

// `n`: a count, or -errno.
void set_result(socket_op& op, long n) {
  if (n >= 0) {
    op.ec_.clear();
    op.bytes_ = static_cast<std::size_t>(n);
  } else {
    op.ec_ = std::error_code(static_cast<int>(-n), ringport::system_category());
    op.bytes_ = 0;
  }
}

// Tries the op's system call once without blocking. Returns false when it would block.
bool perform(socket_op& op) {
  long n = 0;
  switch (op.kind_) {
    // MSG_DONTWAIT: the reactor thread never blocks, even if the user switched the
    // descriptor back to blocking (native_non_blocking(false)) while an op was queued.
    case socket_op_kind::receive:
      n = posix_calls::receive(op.fd_, op.msg_, op.flags_ | MSG_DONTWAIT, op.out_flags_ != nullptr);
      break;
    case socket_op_kind::send:
      n = posix_calls::send(op.fd_, op.msg_, op.flags_ | MSG_DONTWAIT);
      break;
    case socket_op_kind::accept:
      // A connection the peer reset before it was taken: take the next one now (the
      // registration is edge-triggered, so waiting could miss one already queued), unless
      // the acceptor asked to see it.
      do {
        op.addr_len_ = op.msg_.msg_namelen;
        n = posix_calls::accept(op.fd_, static_cast<sockaddr*>(op.msg_.msg_name),
                                op.msg_.msg_name ? &op.addr_len_ : nullptr, SOCK_NONBLOCK);
      } while (posix_calls::accept_again(static_cast<int>(n),
                                         op.flags_ & accept_report_connection_aborted));
      break;
    case socket_op_kind::connect:
      if (!op.epoll_.connect_issued) {
        op.epoll_.connect_issued = true;
        n = posix_calls::connect(op.fd_, static_cast<const sockaddr*>(op.msg_.msg_name),
                                 op.msg_.msg_namelen);
        if (n == -EINPROGRESS) return false;
      } else {
        // The descriptor became writable: the connect has finished, SO_ERROR tells how.
        n = posix_calls::connect_result(op.fd_);
      }
      break;
    // The descriptor is non-blocking (register_descriptor made it so; start_op puts it back
    // before every op), so these return EAGAIN rather than wait.
    case socket_op_kind::read:
      n = posix_calls::read(op.fd_, op.msg_, op.offset_);
      break;
    case socket_op_kind::write:
      n = posix_calls::write(op.fd_, op.msg_, op.offset_);
      break;
    case socket_op_kind::wait: {
      pollfd p{op.fd_, static_cast<short>(op.flags_), 0};
      do {
        n = ::poll(&p, 1, 0);
      } while (n < 0 && errno == EINTR);
      if (n == 0) return false;
      n = n > 0 ? 0 : -errno;
      break;
    }
  }
  if (n == -EAGAIN || n == -EWOULDBLOCK) return false;
  set_result(op, n);
  return true;
}

// After `op` of the read queue was tried: whether the descriptor may still hold data. A
// stream receive that got less than it asked for took everything there was (the kernel
// copies all it holds, up to the size asked), unless the peer has closed (the end of file
// may wait behind the data) or a peek or out-of-band read left it. Not while faults are
// injected: a receive the fault layer cut short left data behind, and no edge would
// announce it.
bool may_have_data_after(const epoll_descriptor& d, const socket_op& op, bool done) noexcept {
  if (!done) return false;  // EAGAIN: the next edge says when
  if (!op.epoll_.stream_receive || op.ec_ || op.bytes_ == 0 || d.peer_closed_ ||
      (op.flags_ & (MSG_PEEK | MSG_OOB)) != 0 || fault::armed())
    return true;
  std::size_t asked = 0;
  for (std::size_t i = 0; i < op.msg_.msg_iovlen; ++i)
    asked += op.msg_.msg_iov[i].iov_len;
  return op.bytes_ >= asked;
}

}  // namespace

epoll_backend::epoll_backend()
    : files_(
          [](void* self, scheduler_operation* op) {
            op_queue<scheduler_operation> one;
            one.push(op);
            static_cast<epoll_backend*>(self)->deliver(one);
          },
          this) {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ < 0) throw_errno(errno, "epoll_create1");
  event_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (event_fd_ < 0) {
    int err = errno;
    ::close(epoll_fd_);
    throw_errno(err, "eventfd");
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = nullptr;  // nullptr marks the wake-up descriptor
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, event_fd_, &ev) < 0) {
    int err = errno;
    ::close(event_fd_);
    ::close(epoll_fd_);
    throw_errno(err, "epoll_ctl");
  }
}

epoll_backend::~epoll_backend() {
  {
    // Normally empty: shutdown() stopped the worker. Its last delivery needs mutex_ and the
    // eventfd, so it ends while they exist.
    op_queue<scheduler_operation> left;
    files_.stop(left);
    std::lock_guard lock(mutex_);
    left.push(done_);
    while (scheduler_operation* o = left.front()) {
      left.pop();
      o->destroy();
    }
  }
  free_retired();
  while (epoll_descriptor* d = registered_) {
    registered_ = d->next_;
    delete d;
  }
  ::close(event_fd_);
  ::close(epoll_fd_);
}

void epoll_backend::free_retired() {
  // Without mutex_: pushes (deregister_descriptor) are compare-and-swaps, and this takes the
  // whole list at once.
  epoll_descriptor* list = retired_.exchange(nullptr, std::memory_order_acquire);
  while (list) {
    epoll_descriptor* next = list->next_;
    delete list;
    descriptors_.fetch_sub(1, std::memory_order_release);
    list = next;
  }
}

void epoll_backend::wait(long long timeout_ns, op_queue<scheduler_operation>& ready) {
  if (batch_next_ < batch_size_) {
    // The rest of the last batch comes first, without a system call.
    timeout_ns = 0;
  } else {
    free_retired();
    if (take_done(ready)) timeout_ns = 0;
    int n = -1;
    if (have_pwait2_) {
      timespec ts{};
      timespec* tsp = nullptr;
      if (timeout_ns >= 0) {
        ts.tv_sec = static_cast<time_t>(timeout_ns / 1000000000LL);
        ts.tv_nsec = static_cast<long>(timeout_ns % 1000000000LL);
        tsp = &ts;
      }
      n = ::epoll_pwait2(epoll_fd_, batch_, batch_capacity, tsp, nullptr);
      if (n < 0 && errno == ENOSYS) have_pwait2_ = false;  // before 5.11: ms waits, rounded up
    }
    if (!have_pwait2_) {
      int ms = -1;
      if (timeout_ns >= 0) {
        long long rounded = (timeout_ns + ns_per_ms - 1) / ns_per_ms;
        ms = rounded > 0x7fffffff ? 0x7fffffff : static_cast<int>(rounded);
      }
      n = ::epoll_wait(epoll_fd_, batch_, batch_capacity, ms);
    }
    batch_size_ = n > 0 ? n : 0;
    batch_next_ = 0;
  }
  // A slice that finishes nothing (wake-ups, descriptors closed since) is followed by the
  // next: a wait() that returned nothing while the batch still held work would end a poll()
  // before the handlers that were ready when it was called.
  do {
    int end = batch_next_ + slice_size < batch_size_ ? batch_next_ + slice_size : batch_size_;
    for (; batch_next_ < end; ++batch_next_)
      handle_event(batch_[batch_next_], ready);
  } while (ready.empty() && batch_next_ < batch_size_);
  take_done(ready);
}

bool epoll_backend::take_done(op_queue<scheduler_operation>& ready) {
  // TRICKY: without mutex_ when nothing is pending (the common case). A deliver() that
  // sets the flag after this load interrupts the wait, so the next wait() returns at once
  // and takes its ops here.
  if (!done_pending_.load(std::memory_order_acquire)) return false;
  std::lock_guard lock(mutex_);
  bool any = !done_.empty();
  ready.push(done_);
  done_pending_.store(false, std::memory_order_release);
  return any;
}

void epoll_backend::handle_event(const epoll_event& event, op_queue<scheduler_operation>& ready) {
  auto* d = static_cast<epoll_descriptor*>(event.data.ptr);
  if (d == nullptr) {
    // TRICKY: drain first, then clear the flag. The other order loses a wake-up for good:
    // an interrupt() between the two would be drained yet leave the flag set, so every
    // later interrupt() would return without writing.
    std::uint64_t value;
    while (::read(event_fd_, &value, sizeof value) > 0) {
    }
    interrupt_pending_.store(false, std::memory_order_release);
    return;
  }
  std::uint32_t ev = event.events;
  tsan_acquire(d);
  std::lock_guard lock(d->mutex_);
  if (d->shut_down_) return;
  // Errors and hang-ups wake every direction: the retried call reports what happened.
  if (ev & (EPOLLERR | EPOLLHUP | EPOLLRDHUP)) d->peer_closed_ = true;
  if (ev & (EPOLLIN | EPOLLERR | EPOLLHUP | EPOLLRDHUP)) {
    d->may_have_data_ = true;
    perform_reads(*d, ready);
  }
  if (ev & (EPOLLOUT | EPOLLERR | EPOLLHUP))
    perform_queue(d->queues_[epoll_descriptor::write_queue], ready);
  if (ev & (EPOLLPRI | EPOLLERR | EPOLLHUP))
    perform_queue(d->queues_[epoll_descriptor::except_queue], ready);
}

void epoll_backend::perform_reads(epoll_descriptor& d, op_queue<scheduler_operation>& ready) {
  auto& queue = d.queues_[epoll_descriptor::read_queue];
  while (scheduler_operation* front = queue.front()) {
    auto& op = *static_cast<socket_op*>(front);
    bool done = perform(op);
    d.may_have_data_ = may_have_data_after(d, op, done);
    if (!done) return;
    queue.pop();
    ready.push(front);
    if (!d.may_have_data_) return;  // the rest waits for the next edge
  }
}

void epoll_backend::perform_queue(op_queue<scheduler_operation>& queue,
                                  op_queue<scheduler_operation>& ready) {
  while (scheduler_operation* front = queue.front()) {
    if (!perform(*static_cast<socket_op*>(front))) return;
    queue.pop();
    ready.push(front);
  }
}

void epoll_backend::interrupt() noexcept {
  if (interrupt_pending_.exchange(true, std::memory_order_acq_rel)) return;
  std::uint64_t one = 1;
  // A full counter (EAGAIN) still leaves the descriptor readable, which is all we need.
  [[maybe_unused]] ssize_t r = ::write(event_fd_, &one, sizeof one);
}

void epoll_backend::shutdown(op_queue<scheduler_operation>& abandoned) {
  // First, without mutex_: the worker's last call delivers through it.
  files_.stop(abandoned);
  std::lock_guard lock(mutex_);
  abandoned.push(done_);
  for (epoll_descriptor* d = registered_; d; d = d->next_) {
    std::lock_guard dlock(d->mutex_);
    for (auto& q : d->queues_)
      abandoned.push(q);
  }
}

descriptor_state* epoll_backend::register_descriptor(int fd, fd_mode& mode, std::error_code& ec) {
  if (mode != fd_mode::non_blocking) {
    // A descriptor the library made blocking has no other status flags to keep.
    int flags = mode == fd_mode::blocking ? 0 : ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
      ec = std::error_code(errno, ringport::system_category());
      return nullptr;
    }
    mode = fd_mode::non_blocking;
  }
  auto* d = new epoll_descriptor(fd);
  epoll_event ev{};
  ev.events = watched_events(false);
  ev.data.ptr = d;
  tsan_release(d);
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) < 0) {
    if (errno != EPERM) {
      ec = std::error_code(errno, ringport::system_category());
      delete d;
      return nullptr;
    }
    // A regular file (or directory): epoll cannot watch it, and it is always ready. Its
    // transfers go to the file worker.
    d->always_ready_ = true;
  }
  ec.clear();
  std::lock_guard lock(mutex_);
  descriptors_.fetch_add(1, std::memory_order_release);
  d->next_ = registered_;
  if (registered_) registered_->prev_ = d;
  registered_ = d;
  return d;
}

void epoll_backend::deregister_descriptor(descriptor_state* state) {
  auto* d = static_cast<epoll_descriptor*>(state);
  op_queue<scheduler_operation> aborted;
  if (d->always_ready_) {
    {
      std::lock_guard dlock(d->mutex_);
      d->shut_down_ = true;
    }
    files_.cancel_descriptor(d->fd_, aborted);
    // TRICKY: the caller closes the descriptor next, and its number may be reused at once.
    files_.wait_not_using(d->fd_);
  } else {
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, d->fd_, nullptr);
    std::lock_guard dlock(d->mutex_);
    d->shut_down_ = true;
    abort_all(*d, aborted);
  }
  {
    std::lock_guard lock(mutex_);
    if (d->prev_)
      d->prev_->next_ = d->next_;
    else
      registered_ = d->next_;
    if (d->next_) d->next_->prev_ = d->prev_;
    d->prev_ = nullptr;
  }
  // A compare-and-swap: free_retired() takes the list without mutex_.
  d->next_ = retired_.load(std::memory_order_relaxed);
  while (!retired_.compare_exchange_weak(d->next_, d, std::memory_order_release,
                                         std::memory_order_relaxed)) {
  }
  deliver(aborted);
}

bool epoll_backend::start_op(descriptor_state* state, socket_op& op) {
  auto* d = static_cast<epoll_descriptor*>(state);
  std::lock_guard lock(d->mutex_);
  auto& queue = d->queues_[queue_of(op)];
  if (d->shut_down_) {
    op.ec_ = std::error_code(EBADF, ringport::system_category());
    op.bytes_ = 0;
    return true;
  }
  if (d->always_ready_) {
    // A worker that cannot start leaves its error on the op, which finishes at once.
    if (op.kind_ == socket_op_kind::read || op.kind_ == socket_op_kind::write)
      return !files_.submit(op);
    // A wait finds the file ready; anything else fails at once (a file is no socket).
    bool done = perform(op);
    if (!done) set_result(op, -EAGAIN);
    return true;
  }
  // Speculative attempt, only when no earlier op of that direction waits (keeps FIFO order)
  // and, for reads, unless the last receive drained the socket.
  if (queue.empty()) {
    if (&queue != &d->queues_[epoll_descriptor::read_queue]) {
      if (perform(op)) return true;
    } else if (d->may_have_data_) {
      bool done = perform(op);
      d->may_have_data_ = may_have_data_after(*d, op, done);
      if (done) return true;
    }
  }
  if (&queue == &d->queues_[epoll_descriptor::write_queue] && !d->watching_writes_) {
    // TRICKY: the edge is not lost. The modification checks the descriptor's readiness
    // and queues an event if it is writable already; the op is queued under the
    // descriptor's mutex, which the handling of that event takes.
    epoll_event ev{};
    ev.events = watched_events(true);
    ev.data.ptr = d;
    if (::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, d->fd_, &ev) < 0) {
      set_result(op, -errno);
      return true;
    }
    d->watching_writes_ = true;
  }
  queue.push(&op);
  return false;
}

void epoll_backend::cancel_op(descriptor_state* state, socket_op& op) {
  auto* d = static_cast<epoll_descriptor*>(state);
  op_queue<scheduler_operation> ended;
  if (d->always_ready_) {
    files_.cancel(op, ended);
    deliver(ended);
    return;
  }
  {
    std::lock_guard lock(d->mutex_);
    auto& queue = d->queues_[queue_of(op)];
    op_queue<scheduler_operation> keep;
    while (scheduler_operation* o = queue.front()) {
      queue.pop();
      if (o == &op) {
        // Test fault: the op finishes just before the cancel reaches it, as when its
        // readiness was being handled on another thread. Only the first op of its queue may
        // make its call; a connect is left out (its second step reads the outcome and
        // needs the socket writable first).
        if (keep.empty() && op.kind_ != socket_op_kind::connect &&
            fault::fires(fault::kind::cancel_loses_race) && perform(op)) {
          ended.push(o);
          continue;
        }
        o->ec_ = std::error_code(ECANCELED, ringport::system_category());
        o->bytes_ = 0;
        ended.push(o);
      } else {
        keep.push(o);
      }
    }
    queue.push(keep);
  }
  // Not found: the op already finished and its result stands.
  deliver(ended);
}

void epoll_backend::cancel_descriptor(descriptor_state* state) {
  auto* d = static_cast<epoll_descriptor*>(state);
  op_queue<scheduler_operation> aborted;
  if (d->always_ready_) files_.cancel_descriptor(d->fd_, aborted);
  {
    std::lock_guard lock(d->mutex_);
    abort_all(*d, aborted);
  }
  deliver(aborted);
}

void epoll_backend::abort_all(epoll_descriptor& d, op_queue<scheduler_operation>& aborted) {
  for (auto& queue : d.queues_) {
    while (scheduler_operation* o = queue.front()) {
      queue.pop();
      o->ec_ = std::error_code(ECANCELED, ringport::system_category());
      o->bytes_ = 0;
      aborted.push(o);
    }
  }
}

void epoll_backend::deliver(op_queue<scheduler_operation>& ops) {
  if (ops.empty()) return;
  {
    std::lock_guard lock(mutex_);
    done_.push(ops);
    done_pending_.store(true, std::memory_order_release);
  }
  interrupt();
}

}  // namespace ringport::detail
