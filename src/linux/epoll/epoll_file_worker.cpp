#include "epoll_file_worker.hpp"

#include "sockets/posix_socket_calls.hpp"

#include "ringport/error_code.hpp"

#include <cerrno>
#include <system_error>

namespace ringport::detail {

epoll_file_worker::~epoll_file_worker() {
  op_queue<scheduler_operation> left;
  stop(left);
  // Nothing is left here: the backend's shutdown() took the queue before.
  while (scheduler_operation* o = left.front()) {
    left.pop();
    o->destroy();
  }
}

bool epoll_file_worker::submit(socket_op& op) noexcept {
  std::lock_guard lock(mutex_);
  if (!thread_.joinable()) {
    try {
      thread_ = std::thread([this] { run(); });
    } catch (const std::system_error& e) {
      op.ec_ = e.code();
      op.bytes_ = 0;
      return false;
    }
  }
  queue_.push(&op);
  wake_.notify_one();
  return true;
}

void epoll_file_worker::cancel(socket_op& op, op_queue<scheduler_operation>& aborted) {
  std::lock_guard lock(mutex_);
  if (!queue_.remove(&op)) return;
  op.ec_ = std::error_code(ECANCELED, ringport::system_category());
  op.bytes_ = 0;
  aborted.push(&op);
}

void epoll_file_worker::cancel_descriptor(int fd, op_queue<scheduler_operation>& aborted) {
  std::lock_guard lock(mutex_);
  op_queue<scheduler_operation> keep;
  while (scheduler_operation* o = queue_.front()) {
    queue_.pop();
    if (static_cast<socket_op*>(o)->fd_ == fd) {
      o->ec_ = std::error_code(ECANCELED, ringport::system_category());
      o->bytes_ = 0;
      aborted.push(o);
    } else {
      keep.push(o);
    }
  }
  queue_.push(keep);
}

void epoll_file_worker::wait_not_using(int fd) {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return running_ == nullptr || running_->fd_ != fd; });
}

void epoll_file_worker::stop(op_queue<scheduler_operation>& abandoned) {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mutex_);
  abandoned.push(queue_);
}

void epoll_file_worker::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    auto* op = static_cast<socket_op*>(queue_.front());
    queue_.pop();
    running_ = op;
    lock.unlock();
    // SAFETY: the op and the user's buffers stay alive until the op is delivered; a close of
    // the descriptor waits in wait_not_using() until this call has returned.
    long n = op->kind_ == socket_op_kind::read ? posix_calls::read(op->fd_, op->msg_, op->offset_)
                                               : posix_calls::write(op->fd_, op->msg_, op->offset_);
    if (n >= 0) {
      op->ec_.clear();
      op->bytes_ = static_cast<std::size_t>(n);
    } else {
      op->ec_ = std::error_code(static_cast<int>(-n), ringport::system_category());
      op->bytes_ = 0;
    }
    lock.lock();
    running_ = nullptr;
    idle_.notify_all();
    lock.unlock();
    deliver_(context_, op);
    lock.lock();
  }
}

}  // namespace ringport::detail
