// The io_uring proactor backend: the uring_backend class (its core in uring_backend.cpp, its
// socket operations in uring_socket_ops.cpp) and the factory that probes for it (uring_setup.cpp).
#pragma once

#include "ringport/detail/backend.hpp"
#include "ringport/detail/linux/socket_op.hpp"

#include "uring_fd_requests.hpp"
#include "uring_thread_exits.hpp"

#include "../../common/fault_plan.hpp"
#include "ringport/platform_report.hpp"

#include <liburing.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>

#if RINGPORT_TESTING_HOOKS
#include <unordered_set>
#include <vector>
#endif

namespace ringport::detail {

// user_data of the eventfd read that wakes the waiter, and of cancel requests whose own
// completions carry nothing; op pointers are never these values.
inline constexpr __u64 wake_tag = 1;
inline constexpr __u64 ignore_tag = 2;

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

class uring_backend final : public socket_backend {
 public:
  // The core (uring_backend.cpp).
  uring_backend(const io_uring& ring, int event_fd);
  uring_backend(const uring_backend&) = delete;
  uring_backend& operator=(const uring_backend&) = delete;
  ~uring_backend() override;

  backend_kind kind() const noexcept override { return backend_kind::io_uring; }

  bool idle() const noexcept override;
  // A poll submits what the handlers started; with nothing to submit or reap it makes no
  // system call.
  unsigned handlers_per_poll() const noexcept override { return 1; }
  void wait(long long timeout_ns, op_queue<scheduler_operation>& ready) override;
  void interrupt() noexcept override;
  void shutdown(op_queue<scheduler_operation>& abandoned) override;

  // The socket half (uring_socket_ops.cpp).
  descriptor_state* register_descriptor(int fd, fd_mode& mode, std::error_code& ec) override;
  void deregister_descriptor(descriptor_state* state) override;
  bool start_op(descriptor_state* state, socket_op& op) override;
  void cancel_op(descriptor_state* state, socket_op& op) override;
  void cancel_descriptor(descriptor_state* state) override;

 private:
  // Every submission goes through here (or wait()): the kernel makes the calling thread the
  // owner of what it submits, so that thread's exit must be counted.
  void submit() {
    note_ring_submitter();
    ::io_uring_submit(&ring_);
  }

  io_uring_sqe* get_sqe() {
    // An injected full queue takes the same flush-and-retry path as a real one.
    io_uring_sqe* sqe =
        fault::fires(fault::kind::full_submission_queue) ? nullptr : ::io_uring_get_sqe(&ring_);
    if (sqe == nullptr) {
      submit();
      sqe = ::io_uring_get_sqe(&ring_);
    }
    return sqe;
  }

  // The functions declared inline below are on the hot paths (start_op -> prepare, wait ->
  // publish_sq, reap -> reap_cqes) and defined in the one file that calls them.

  // The core (uring_backend.cpp).
  inline unsigned publish_sq();
  void cancel_everything_and_drain(op_queue<scheduler_operation>& abandoned);
  inline bool reap_cqes(op_queue<scheduler_operation>& ready, op_queue<scheduler_operation>* retry);
  inline void reap(op_queue<scheduler_operation>& ready, bool slept);
  void arm_wakeup();

  // The socket half (uring_socket_ops.cpp).
  inline void prepare(io_uring_sqe* sqe, socket_op& op);
  inline void finish_prepare(io_uring_sqe* sqe, socket_op& op, __u64 data);
  void flush_backlog();
  bool remove_from_backlog(scheduler_operation* op);
  void remove_backlog_of(int fd);
  void abort_later(scheduler_operation& op);
  static bool maybe_dropped_with_submitter(const socket_op& op, int res);
  [[gnu::noinline]] static bool submit_again(const socket_op& op, int& res);
  void resubmit(op_queue<scheduler_operation>& retry, op_queue<scheduler_operation>& ready);
  uring_descriptor* find_descriptor(std::uint64_t id, int fd);
  static bool retries_after(const socket_op& op, int res) noexcept;

#if RINGPORT_TESTING_HOOKS
  // Fault injection (common/fault_plan.hpp), in the tests' build only (uring_faults.cpp).
  // user_data bit of a request made as an injected interruption: a transfer of zero bytes
  // whose completion is reported as -EINTR. Op pointers are aligned, so the bit is free.
  // TRICKY: cancel_op() names the untagged address and so misses such a request; it asks for
  // nothing and finishes at once, and resubmit() then ends the op (cancel_requested).
  static constexpr __u64 interrupted_bit = 1;
  // Needs sq_mutex_. Before a receive or send is prepared: may cut it short, make it an
  // interruption (returns true: the SQE is prepared, `data` tagged) or non-blocking.
  bool fault_prepare(io_uring_sqe* sqe, socket_op& op, __u64& data);
  // After a receive or send's SQE was prepared normally.
  void fault_after_prepare(io_uring_sqe* sqe, socket_op& op);
  // The waiting thread, without sq_mutex_: may reset the connection of a stream transfer
  // that completed (`res` becomes -ECONNRESET or -EPIPE).
  void fault_reset(const socket_op& op, int& res);
  // Needs sq_mutex_. True when cancel_op() defers its request past the op's completion.
  bool fault_defer_cancel(socket_op& op);
  // Needs sq_mutex_; in reap() before any reaped op is handed out: sends deferred cancels.
  void fault_after_reap();
  // The waiting thread: true while completions are left in the ring to make it overflow.
  bool fault_hold_completions();

  // Ops prepared while a plan was armed whose completion has not been reaped (guarded by
  // sq_mutex_); a cancel is deferred only for those, see fault_defer_cancel().
  std::unordered_set<const void*> fault_unreaped_;
  std::atomic<bool> fault_tracking_{false};
  // Ops reaped since the last fault_after_reap() (the waiting thread).
  std::vector<const void*> fault_reaped_;
  // Cancels deferred past the op's completion (guarded by sq_mutex_).
  std::vector<const void*> late_cancels_;
  // Waits so far that left the completions in the ring (the waiting thread); 0: none.
  unsigned long fault_hold_ = 0;
  // The completions in the ring at the last wait of a hold, and when their number last
  // grew (a hold that nothing feeds ends soon, rather than spinning long).
  unsigned fault_hold_ready_ = 0;
  std::chrono::steady_clock::time_point fault_hold_progress_;
#endif

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
  // The same, per descriptor number (cancel_descriptor skips a descriptor with none).
  uring_fd_requests fd_requests_;
  // Ops in backlog_ or aborted_ (changed under sq_mutex_; read by idle()).
  std::atomic<long> parked_{0};
};
static_assert(complete_backend<uring_backend>);

// Probes and starts an io_uring backend. On failure returns nullptr and sets `reason` to a
// human-readable cause naming the errno (ENOSYS: seccomp or no kernel support; EPERM: the
// io_uring_disabled sysctl; ENOMEM: locked-memory limits; or a missing opcode).
std::unique_ptr<socket_backend> try_make_uring_backend(std::string& reason);

// For ringport-info: whether the probe passes (or why not), and what the kernel offers.
void describe_uring(std::vector<platform_fact>& facts);

// As try_make_uring_backend, but throws std::system_error carrying the reason.
std::unique_ptr<socket_backend> make_uring_backend();

#if RINGPORT_TESTING_HOOKS
// For tests: how many times a wait() of any io_uring backend of the process found completions
// the kernel held back because the completion queue was full (IORING_SQ_CQ_OVERFLOW).
unsigned long uring_cq_overflows_for_testing() noexcept;
// For tests: rings set up from now on get `entries` completion entries (0: the default), so
// an overflow test need not start thousands of ops.
void uring_set_cq_entries_for_testing(unsigned entries) noexcept;
#endif

}  // namespace ringport::detail
