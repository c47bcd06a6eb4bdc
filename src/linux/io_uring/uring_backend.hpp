// The io_uring proactor backend: the uring_backend class (its core in uring_backend.cpp, its
// socket operations in uring_socket_ops.cpp) and the factory that probes for it (uring_setup.cpp).
#pragma once

#include "ringport/detail/backend.hpp"
#include "ringport/detail/linux/socket_op.hpp"

#include "uring_accept_state.hpp"
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
// user_data bit of a listening descriptor's multishot accept: the descriptor's address with
// this bit set (descriptors, like ops, are aligned, so the bit is free).
inline constexpr __u64 accept_tag_bit = 2;

// Clears O_NONBLOCK: io_uring answers EAGAIN for a request on a non-blocking descriptor (on
// older kernels) instead of waiting for readiness, so a request retried as it was would spin.
void uring_make_blocking(int fd) noexcept;

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
  // A listening socket's multishot accept, made by its first async accept (guarded by
  // sq_mutex_, like everything below).
  std::unique_ptr<uring_accept_state> accept_;
  // Deregistered while its multishot accept was armed: the request's last completion, which
  // names this object, frees it.
  bool closing_ = false;
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
  bool few_in_flight() const noexcept override;
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
  int take_accepted(descriptor_state* state) override;

#if RINGPORT_TESTING_HOOKS
  // For tests: multishot accepts armed so far by any io_uring backend of the process.
  static unsigned long multishot_accepts_armed_for_testing() noexcept;
  // For tests: backends made from now on accept one connection per request (false) or keep
  // a multishot accept armed where the kernel has it (true, the default).
  static void use_multishot_accept_for_testing(bool use) noexcept;
#endif

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
  inline bool reap_cqes(op_queue<scheduler_operation>& ready, op_queue<scheduler_operation>* retry,
                        std::unique_lock<std::mutex>* lock);
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
  void unlink_descriptor(uring_descriptor* d);

  // Needs sq_mutex_: prepares `op`'s request (or parks it in the backlog) and submits it
  // unless the calling thread's next wait() will. Returns false (the op is pending).
  bool start_request(socket_op& op);

  // Multishot accept (uring_accept.cpp); each needs sq_mutex_ unless said.
  bool start_accept(uring_descriptor* d, socket_op& op);
  bool arm_accept(uring_descriptor* d);
  bool cancel_accept(uring_descriptor* d);
  void on_accept_completion(uring_descriptor* d, int res, bool more,
                            op_queue<scheduler_operation>& ready, bool shutting_down);
  void offer_connection(uring_descriptor* d, int fd, op_queue<scheduler_operation>& ready);
  void accept_failed(uring_descriptor* d, int res, bool more, op_queue<scheduler_operation>& ready);
  void accept_one_at_a_time(uring_accept_state& a);
  bool wait_for_connection(uring_accept_state& a, socket_op& op);
  void abort_waiting_accepts(uring_descriptor* d);
  bool abort_waiting_accept(uring_descriptor* d, socket_op& op);
  void abandon_accepts(op_queue<scheduler_operation>& abandoned);
  bool reap_outside_wait();
  static bool use_multishot_accept() noexcept;

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
  // Guards the submission queue, backlog_, for_next_wait_, the descriptor list and every
  // descriptor's accept state.
  std::mutex sq_mutex_;
  // Ops waiting for a free submission slot (back-pressure, never an exception).
  op_queue<scheduler_operation> backlog_;
  // Ops finished outside wait(), for the next wait(): cancelled before they reached the
  // kernel, or reaped by a thread that had to empty the completion queue (take_accepted).
  op_queue<scheduler_operation> for_next_wait_;
  // A thread is reaping the completion queue: the one in wait(), or another that found none
  // there (reap_outside_wait). Only one at a time.
  std::atomic<bool> reaping_{false};
  // Live descriptors (guarded by sq_mutex_).
  uring_descriptor* descriptors_ = nullptr;
  std::uint64_t last_descriptor_id_ = 0;  // guarded by sq_mutex_
  // Ops the kernel holds (submitted, completion not yet reaped).
  std::atomic<long> in_flight_{0};
  // The same, per descriptor number (cancel_descriptor skips a descriptor with none).
  uring_fd_requests fd_requests_;
  // Ops in backlog_ or for_next_wait_ (changed under sq_mutex_; read by idle()).
  std::atomic<long> parked_{0};
  // Async accepts wait on one multishot accept per listening socket; false once the kernel
  // refused one (it has no multishot accept), and every accept is a request of its own.
  // Guarded by sq_mutex_.
  bool multishot_accept_ = use_multishot_accept();
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
