// What the scheduler keeps per thread inside run()/poll(): the private queue of the running
// handler and the thread's local queue, which the thread runs without the scheduler's mutex
// and which idle threads steal from. Private to the scheduler's sources.
#pragma once

#include "ringport/detail/scheduler.hpp"
#include "ringport/detail/thread_context.hpp"

#include <atomic>
#include <mutex>

namespace ringport::detail {

// Local queues: how many ops a thread runs from its own queue before it looks at the shared
// one again, so that backend completions and posts from outside are not starved by a thread
// that keeps feeding itself.
inline constexpr unsigned local_turns_per_shared_look = 61;

struct scheduler::thread_info : thread_context {
  explicit thread_info(scheduler* s) : thread_context(s), owner(s) {
    s->running_threads_.fetch_add(1, std::memory_order_relaxed);
    std::lock_guard lock(s->mutex_);
    s->register_thread(*this);
    // TRICKY: run() nested inside a handler must see what that handler already queued
    // privately or locally, or it could wait for ops that only the outer level would
    // publish: settle the outer handler's count and move its queues to the shared one.
    if (auto* outer = static_cast<thread_info*>(find_outer())) {
      long uncounted = outer->private_work;
      outer->private_work = 0;
      s->queue_.push(outer->private_ops);
      outer->give_up_reaped(s->queue_);
      std::lock_guard local(outer->local_mutex);
      uncounted += outer->local_uncounted;
      outer->local_uncounted = 0;
      outer->local_size.store(0, std::memory_order_relaxed);
      s->queue_.push(outer->local_ops);
      if (uncounted > 0) s->outstanding_work_.fetch_add(uncounted, std::memory_order_relaxed);
    }
  }
  ~thread_info() {
    std::unique_lock lock(owner->mutex_);
    owner->unregister_thread(*this);
    owner->running_threads_.fetch_sub(1, std::memory_order_relaxed);
    // Ops left here (run() stopped, or run_one() returned) are counted: others run them.
    bool left = give_up_reaped(owner->queue_);
    {
      std::lock_guard local(local_mutex);
      left = left || !local_ops.empty();
      owner->queue_.push(local_ops);
      local_size.store(0, std::memory_order_relaxed);
    }
    if (left) owner->wake_one_and_unlock(lock);
  }
  thread_info(const thread_info&) = delete;
  thread_info& operator=(const thread_info&) = delete;

  scheduler* owner;
  thread_info* prev_thread = nullptr;  // the scheduler's list, guarded by its mutex_
  thread_info* next_thread = nullptr;

  // Owner only.
  op_queue<scheduler_operation> private_ops;
  long private_work = 0;  // posts queued privately, not yet in outstanding_work_
  bool in_handler = false;
  bool pushed_local = false;  // the running handler queued something locally
  unsigned local_turns = 0;   // local ops run since the shared queue was last looked at
  // Idle on the condition variable, sleep for at most lazy_sleep_period (see do_run_one):
  // cleared when such a sleep saw the context quiet, set again when the thread runs an op.
  bool lazy_sleep = true;

  // The local queue: the owner pushes and pops, thieves take from the front; all under
  // local_mutex, which is only contended while someone steals.
  std::mutex local_mutex;
  op_queue<scheduler_operation> local_ops;
  long local_uncounted = 0;         // pushed by the running handler's posts, not yet counted
  std::atomic<long> local_size{0};  // exact under local_mutex; a hint without it

  // The oldest op of the local queue, or null.
  scheduler_operation* pop_local() {
    if (local_size.load(std::memory_order_relaxed) == 0) return nullptr;
    std::lock_guard local(local_mutex);
    scheduler_operation* op = local_ops.front();
    if (op == nullptr) return nullptr;
    local_ops.pop();
    local_size.store(local_size.load(std::memory_order_relaxed) - 1, std::memory_order_relaxed);
    return op;
  }
  // The same, unless it is time to look at the shared queue.
  scheduler_operation* pop_local_turn() {
    if (++local_turns % local_turns_per_shared_look == 0) return nullptr;
    return pop_local();
  }

  // Completions this thread reaped while it was the only thread in run(), kept out of the
  // shared queue so that it runs them, in order, without the scheduler's mutex. Each is
  // claimed once by an atomic increment of reaped_next: by the owner without the mutex
  // (scheduler::run_reaped, called by do_run_one right after the wait that kept them), or by
  // a thread about to sleep under the mutex (take_local_work), so one that enters run()
  // while a kept handler blocks can still run the others. The slots and reaped_count are
  // written under the mutex, by the owner, once every slot is claimed. Only run() keeps
  // completions (keep_reaped).
  static constexpr unsigned reaped_capacity = 128;
  scheduler_operation* reaped[reaped_capacity];
  unsigned reaped_count = 0;
  std::atomic<unsigned> reaped_next{0};
  bool keep_reaped = false;
  std::size_t reaped_ran = 0;  // kept completions run beyond the first of each batch

  bool has_reaped() const noexcept {
    return reaped_next.load(std::memory_order_relaxed) < reaped_count;
  }
  // The next kept completion, or null when all are claimed.
  scheduler_operation* claim_reaped() noexcept {
    if (!has_reaped()) return nullptr;
    unsigned i = reaped_next.fetch_add(1, std::memory_order_relaxed);
    return i < reaped_count ? reaped[i] : nullptr;
  }
  // Needs the scheduler's mutex, every slot claimed. Keeps up to reaped_capacity of `ops`.
  void keep(op_queue<scheduler_operation>& ops) noexcept {
    unsigned n = 0;
    while (n < reaped_capacity && ops.front() != nullptr) {
      reaped[n++] = ops.front();
      ops.pop();
    }
    reaped_count = n;
    reaped_next.store(0, std::memory_order_relaxed);
  }
  // Needs the scheduler's mutex. Moves the unclaimed ones to `to`; true if there were any.
  bool give_up_reaped(op_queue<scheduler_operation>& to) noexcept {
    if (!has_reaped()) return false;
    unsigned i = reaped_next.exchange(reaped_count, std::memory_order_relaxed);
    bool any = i < reaped_count;
    for (; i < reaped_count; ++i)
      to.push(reaped[i]);
    return any;
  }
};

// Inline here: every post calls both (an out-of-line call cost a single-thread post chain
// about 20 instructions per handler).
inline scheduler::thread_info* scheduler::handler_thread() const noexcept {
  auto* self = static_cast<thread_info*>(thread_context::find(this));
  return self != nullptr && self->in_handler ? self : nullptr;
}

inline bool scheduler::private_allowed() const noexcept {
  return concurrency_hint_ == 1 || running_threads_.load(std::memory_order_relaxed) == 1;
}

}  // namespace ringport::detail
