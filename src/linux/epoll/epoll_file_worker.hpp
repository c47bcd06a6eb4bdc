// The epoll backend's helper for descriptors epoll cannot watch (regular files: epoll_ctl
// answers EPERM). Their reads and writes never report EAGAIN, they block on the disk, so
// instead of trying them on a thread that runs the context, the backend hands them to this
// worker: one thread, started with the first such op, makes the blocking calls in FIFO order
// and hands each finished op back to the backend.
#pragma once

#include "ringport/detail/linux/socket_op.hpp"
#include "ringport/detail/op_queue.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace ringport::detail {

class epoll_file_worker {
 public:
  // `deliver(context, op)` hands a finished op to the backend (any thread).
  using deliver_fn = void (*)(void* context, scheduler_operation* op);
  epoll_file_worker(deliver_fn deliver, void* context) noexcept
      : deliver_(deliver), context_(context) {}
  ~epoll_file_worker();  // stops the thread; ops still queued must have been taken by stop()
  epoll_file_worker(const epoll_file_worker&) = delete;
  epoll_file_worker& operator=(const epoll_file_worker&) = delete;

  // Queues a read or write; it completes through deliver. Returns false when the thread
  // cannot start: the op is not queued and holds the error.
  bool submit(socket_op& op) noexcept;

  // Takes `op` out of the queue with operation_aborted into `aborted`; an op already being
  // carried out is left to finish (its result stands).
  void cancel(socket_op& op, op_queue<scheduler_operation>& aborted);
  // The same for every queued op of descriptor `fd`.
  void cancel_descriptor(int fd, op_queue<scheduler_operation>& aborted);
  // Returns once no call on `fd` is in progress: the caller is about to close it, and the
  // number may be reused at once.
  void wait_not_using(int fd);

  // Ends the thread (after the call in progress, which is delivered) and moves every op still
  // queued to `abandoned`.
  void stop(op_queue<scheduler_operation>& abandoned);

 private:
  void run();

  deliver_fn deliver_;
  void* context_;
  std::mutex mutex_;
  std::condition_variable wake_;  // the queue got an op, or stop
  std::condition_variable idle_;  // the call in progress finished
  op_queue<scheduler_operation> queue_;
  socket_op* running_ = nullptr;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ringport::detail
