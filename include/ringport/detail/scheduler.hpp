// The scheduler: the queue of ready handlers, outstanding-work counting, and the run loop
// that lets one thread at a time wait in the backend while the others wait on a condition
// variable (the design Asio uses for its reactors, here used for every backend).
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/detail/backend.hpp"
#include "ringport/detail/op_queue.hpp"
#include "ringport/detail/scheduler_operation.hpp"
#include "ringport/detail/timer_queue_base.hpp"
#include "ringport/execution_context.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <system_error>

namespace ringport::detail {

class RINGPORT_DECL scheduler : public execution_context_service_base<scheduler> {
 public:
  static execution_context::id id;  // defined in the library: see execution_context_service_base
  using clock = std::chrono::steady_clock;

  scheduler(execution_context& owner, backend_kind requested, int concurrency_hint);
  // For use_service<scheduler>(ctx): services such as the timer service find the scheduler of
  // the context they live in (io_context and thread_pool register theirs first); a context
  // without one gets a scheduler on the automatic backend.
  explicit scheduler(execution_context& owner) : scheduler(owner, backend_kind::automatic, -1) {}
  ~scheduler() override;

  // Destroys every queued and pending operation without invoking it.
  void shutdown() override;

  std::size_t run(std::error_code& ec);
  std::size_t run_one(std::error_code& ec);
  // Runs at most one handler, waiting no later than `deadline`.
  std::size_t run_one_until(clock::time_point deadline, std::error_code& ec);
  std::size_t poll(std::error_code& ec);
  std::size_t poll_one(std::error_code& ec);

  void stop();
  bool stopped() const;
  void restart();

  void work_started() noexcept { outstanding_work_.fetch_add(1, std::memory_order_relaxed); }
  void work_finished() noexcept {
    if (outstanding_work_.fetch_sub(1, std::memory_order_acq_rel) == 1) stop();
  }
  long outstanding_work() const noexcept {
    return outstanding_work_.load(std::memory_order_relaxed);
  }

  // True when the calling thread is running this scheduler.
  bool can_dispatch() const noexcept;

  // Queues an op that is not yet counted as work (post, defer).
  void post_immediate_completion(scheduler_operation* op, bool is_continuation);
  // Queues an op already counted as work (a backend or timer completion).
  void post_deferred_completion(scheduler_operation* op);
  void post_deferred_completions(op_queue<scheduler_operation>& ops);
  // The same with the lock from lock_timers() held (timers cancelled under it go to the
  // ready queue without a second lock); releases the lock.
  void post_deferred_completions(op_queue<scheduler_operation>& ops,
                                 std::unique_lock<std::mutex>& lock);

  // Timer queues live in timer services; the scheduler's mutex guards them.
  void add_timer_queue(timer_queue_base& queue);
  void remove_timer_queue(timer_queue_base& queue);
  std::unique_lock<std::mutex> lock_timers() { return std::unique_lock(mutex_); }
  // Called with the lock from lock_timers() held, after a timer became the earliest.
  void timers_changed(std::unique_lock<std::mutex>& lock);

  // Whoever asks for the backend is about to use it (a socket service, say): from then on a
  // thread must wait in it, so the backend's turn (the marker) joins the ready queue. Services
  // see the whole contract of their OS (detail/backend.hpp), never a concrete backend.
  socket_backend& get_backend() {
    if (!task_started_.load(std::memory_order_acquire)) start_task();
    return *backend_;
  }
  backend_kind kind() const noexcept { return backend_->kind(); }
  const std::string& fallback_reason() const noexcept { return fallback_reason_; }
  int concurrency_hint() const noexcept { return concurrency_hint_; }

 private:
  // The marker that stands for "wait in the backend" in the ready queue.
  class task_marker : public scheduler_operation {
   public:
    // The marker is not an operation and must not count as a live one; cancelling the
    // base's counting here keeps every operation object one word smaller than a flag would.
    task_marker() : scheduler_operation(&do_nothing) { op_counter::remove(); }
    ~task_marker() { op_counter::add(); }

   private:
    static void do_nothing(void*, scheduler_operation*, const std::error_code&, std::size_t) {}
  };

  // Per thread inside run()/poll(). What a running handler posts stays with its thread:
  // - in a private queue (no lock) published when the handler returns, when no other thread
  //   could have run it meanwhile (a single run() thread, a hint of 1);
  // - otherwise in the thread's local queue, which the thread runs without the scheduler's
  //   mutex and which idle threads steal from (so a handler that waits for what it posted
  //   still sees it run). Continuations (defer) too: publishing them into the shared queue
  //   would take the contended mutex once per strand batch.
  // Either way the work count is settled once, when the handler returns.
  struct thread_info;
  struct handler_cleanup;

  // The thread running a handler of this scheduler on the calling thread, or null.
  thread_info* handler_thread() const noexcept;
  // True when a running handler's posts may wait in its thread's private queue.
  bool private_allowed() const noexcept;
  // Queues op in self's local queue; `counted` says whether it already counts as work.
  void push_local(thread_info& self, scheduler_operation* op, bool counted);
  // An op from self's local queue, else one stolen from another thread's (with half of the
  // rest of that queue moved to self's), else null. Needs mutex_.
  scheduler_operation* take_local_work(thread_info& self);
  void register_thread(thread_info& self);    // needs mutex_
  void unregister_thread(thread_info& self);  // needs mutex_

  // Puts the marker into the ready queue, once. Until then (a context that only runs posted
  // handlers) threads wait on the condition variable alone, as in Asio, and a post never
  // has to interrupt a backend wait. A backend with a post queue (IOCP) starts at once.
  void start_task();
  void start_task_locked();  // needs mutex_

  // Clears ec; when no work is left, stops the scheduler (as run() does) and returns true.
  bool out_of_work(std::error_code& ec);
  // With the lock not held: runs one op of the thread's local queue (without the lock) when
  // it is that queue's turn and returns 1; otherwise takes the lock and returns 0.
  std::size_t run_own_turn(std::unique_lock<std::mutex>& lock, thread_info& self);
  // One handler from the shared queue on (then the local queues, then waiting): lock held.
  std::size_t do_run_one(std::unique_lock<std::mutex>& lock, thread_info& self,
                         const clock::time_point* deadline);
  std::size_t do_poll_one(std::unique_lock<std::mutex>& lock, thread_info& self);
  // Waits in the backend (lock held on entry and on return, released meanwhile) and queues
  // what completed, then the due timers and the marker. With `keeper`, that thread keeps
  // the completions (thread_info::keep) and only the rest go to the shared queue.
  void run_task(std::unique_lock<std::mutex>& lock, long long timeout_ns,
                thread_info* keeper = nullptr);
  // Runs the completions self kept (run_task's `keeper`) in order and returns how many it
  // ran. Once another thread has entered run(), or the scheduler stopped, it moves the rest
  // to the shared queue instead and returns with the lock held.
  std::size_t run_reaped(std::unique_lock<std::mutex>& lock, thread_info& self);
  long long timer_wait_ns(long long max_ns) const;
  // Queues the timers that are due. Needs mutex_.
  void collect_ready_timers();
  void wake_one_and_unlock(std::unique_lock<std::mutex>& lock);
  // Runs op with the lock released (taken or not on entry); returns with the lock held if the
  // handler queued anything privately, otherwise without it.
  void run_op(std::unique_lock<std::mutex>& lock, thread_info& self, scheduler_operation* op);

  // Guarded by mutex_. The atomics are written under it and read without it by a thread
  // that has just queued work in its local queue, to learn whether anyone must be woken.
  mutable std::mutex mutex_;
  std::condition_variable wakeup_;
  op_queue<scheduler_operation> queue_;
  thread_info* threads_ = nullptr;  // every thread inside run()/poll(), for stealing
  std::atomic<int> idle_threads_{0};
  std::atomic<bool> task_interrupted_{true};  // no interrupt needed: nobody blocks in the backend
  std::atomic<bool> stopped_{false};
  bool shutdown_ = false;
  // The marker left alone in the queue by the handler of a lone completion (one op collected,
  // at most one left in the backend) does not wake an idle thread that sleeps with a bound;
  // idle threads sleep so while waits are lone (see run_op, do_run_one).
  int lazy_sleepers_ = 0;         // idle threads in a bounded sleep
  unsigned marker_passes_ = 0;    // times a thread took the marker
  bool lone_waits_ = false;       // the last wait that collected anything was such a wait
  bool lone_completion_ = false;  // its op is the next one to run

  // Read-mostly.
  task_marker task_;
  std::unique_ptr<socket_backend> backend_;
  std::string fallback_reason_;
  timer_queue_base* timer_queues_ = nullptr;
  std::atomic<int> running_threads_{0};    // threads inside run()/poll() of this scheduler
  std::atomic<bool> task_started_{false};  // set once, under mutex_, by start_task()
  int concurrency_hint_;

  // Changed by every post and every handler without the mutex: on a cache line of its own,
  // apart from the fields the mutex guards (no false sharing between run() threads).
  alignas(64) std::atomic<long> outstanding_work_{0};
};

}  // namespace ringport::detail
