// The epoll reactor backend (Linux fallback when io_uring is missing or blocked): an op is
// tried at once without blocking; on EAGAIN it waits in its descriptor's queue and is retried
// when epoll reports readiness (edge-triggered, registered once per descriptor).
#pragma once

#include "ringport/detail/backend.hpp"
#include "ringport/detail/linux/socket_op.hpp"

#include "epoll_descriptor.hpp"
#include "epoll_file_worker.hpp"

#include <sys/epoll.h>

#include <atomic>
#include <mutex>

namespace ringport::detail {

class epoll_backend final : public socket_backend {
 public:
  epoll_backend();  // throws std::system_error
  ~epoll_backend() override;

  backend_kind kind() const noexcept override { return backend_kind::epoll; }
  void wait(long long timeout_ns, op_queue<scheduler_operation>& ready) override;
  bool idle() const noexcept override {
    return descriptors_.load(std::memory_order_acquire) == 0 &&
           !done_pending_.load(std::memory_order_acquire);
  }
  void interrupt() noexcept override;
  void shutdown(op_queue<scheduler_operation>& abandoned) override;

  descriptor_state* register_descriptor(int fd, fd_mode& mode, std::error_code& ec) override;
  void deregister_descriptor(descriptor_state* state) override;
  bool start_op(descriptor_state* state, socket_op& op) override;
  void cancel_op(descriptor_state* state, socket_op& op) override;
  void cancel_descriptor(descriptor_state* state) override;
  // Every connection stays in the kernel's queue until an accept takes it.
  int take_accepted(descriptor_state*) override { return -1; }

  int native_handle() const noexcept { return epoll_fd_; }

 private:
  // Runs the queued ops of one direction while they complete; stops at the first EAGAIN.
  static void perform_queue(op_queue<scheduler_operation>& queue,
                            op_queue<scheduler_operation>& ready);
  // The same for the read queue after a readable edge; also stops once a receive drained the
  // socket. Needs d.mutex_.
  static void perform_reads(epoll_descriptor& d, op_queue<scheduler_operation>& ready);
  // Moves every queued op of `d` to `aborted` with operation_aborted. Needs d->mutex_.
  static void abort_all(epoll_descriptor& d, op_queue<scheduler_operation>& aborted);
  // Hands ops finished outside wait() (cancellations) to the next wait().
  void deliver(op_queue<scheduler_operation>& ops);
  void free_retired();
  // Moves the ops deliver() left in done_ to `ready`; true if there were any.
  bool take_done(op_queue<scheduler_operation>& ready);
  // Performs what one event reports; skips a descriptor shut down since the batch was read.
  void handle_event(const epoll_event& event, op_queue<scheduler_operation>& ready);

  // Carries out the transfers of descriptors epoll cannot watch (regular files).
  epoll_file_worker files_;
  int epoll_fd_ = -1;
  int event_fd_ = -1;
  bool have_pwait2_ = true;

  // The last batch epoll returned, handed out a slice per wait(): the transfers of a slice
  // run, then their handlers, before the next slice's transfers. Performing all 128 first
  // and running the handlers after would find each connection's descriptor, op and buffers
  // evicted from the cache by the other connections' work in between. Only the thread
  // inside wait() touches these.
  static constexpr int batch_capacity = 128;
  static constexpr int slice_size = 16;
  epoll_event batch_[batch_capacity];
  int batch_size_ = 0;
  int batch_next_ = 0;
  // Set by interrupt(), cleared by the waiter: repeated interrupts cost one write.
  std::atomic<bool> interrupt_pending_{false};

  std::mutex mutex_;  // guards done_ and registered_
  op_queue<scheduler_operation> done_;
  // TRICKY: a deregistered descriptor may still sit in the event batch the waiter is working
  // through, so its memory is freed by the wait() that reads the next batch, when no event
  // refers to it any more. A lock-free stack: pushed by compare-and-swap, taken whole.
  std::atomic<epoll_descriptor*> retired_{nullptr};
  epoll_descriptor* registered_ = nullptr;  // for shutdown: every live descriptor
  // For idle(): descriptors registered or retired but not yet freed (counted up under mutex_,
  // down by free_retired() without it), and whether done_ holds ops (written under mutex_).
  std::atomic<long> descriptors_{0};
  std::atomic<bool> done_pending_{false};
};
static_assert(complete_backend<epoll_backend>);

}  // namespace ringport::detail
