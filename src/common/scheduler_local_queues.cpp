// The scheduler's local queues: posts from a handler stay with its thread, and threads with
// nothing to run steal from the others before they sleep.
#include "scheduler_thread_info.hpp"

namespace ringport::detail {

void scheduler::register_thread(thread_info& self) {
  self.next_thread = threads_;
  if (threads_) threads_->prev_thread = &self;
  threads_ = &self;
}

void scheduler::unregister_thread(thread_info& self) {
  if (self.prev_thread)
    self.prev_thread->next_thread = self.next_thread;
  else
    threads_ = self.next_thread;
  if (self.next_thread) self.next_thread->prev_thread = self.prev_thread;
  self.prev_thread = self.next_thread = nullptr;
}

void scheduler::push_local(thread_info& self, scheduler_operation* op, bool counted) {
  {
    std::lock_guard local(self.local_mutex);
    self.local_ops.push(op);
    if (!counted) ++self.local_uncounted;
    self.local_size.store(self.local_size.load(std::memory_order_relaxed) + 1,
                          std::memory_order_relaxed);
  }
  self.pushed_local = true;
  // TRICKY: a thread about to sleep (on the condition variable or in the backend) first
  // publishes that (idle_threads_, task_interrupted_), then looks into every local queue
  // under its lock. Whichever of the two takes this local_mutex second sees the other's
  // write: either the sleeper finds this op, or this load sees the sleeper and wakes it.
  // Without the wake a handler that waits for what it posted would wait forever.
  if (idle_threads_.load(std::memory_order_relaxed) > 0 ||
      !task_interrupted_.load(std::memory_order_relaxed)) {
    std::unique_lock lock(mutex_);
    wake_one_and_unlock(lock);
  }
}

scheduler_operation* scheduler::take_local_work(thread_info& self) {
  if (scheduler_operation* op = self.pop_local()) return op;
  // Completions another thread kept while it was alone in run() (its handler may be the one
  // waiting for them): one at a time, in their order.
  for (thread_info* t = threads_; t != nullptr; t = t->next_thread)
    if (t != &self)
      if (scheduler_operation* op = t->claim_reaped()) return op;
  // Steal the older half of the first non-empty queue after ours (the list's order spreads
  // the thieves over the victims).
  thread_info* start = self.next_thread ? self.next_thread : threads_;
  for (thread_info* victim = start;;) {
    if (victim != &self) {
      op_queue<scheduler_operation> taken;
      long n = 0;
      {
        std::lock_guard local(victim->local_mutex);
        long size = victim->local_size.load(std::memory_order_relaxed);
        for (long i = 0; i < (size + 1) / 2; ++i) {
          scheduler_operation* op = victim->local_ops.front();
          victim->local_ops.pop();  // before push(), which clears the link pop() follows
          taken.push(op);
          ++n;
        }
        victim->local_size.store(size - n, std::memory_order_relaxed);
        // The victim's running handler counts its posts when it returns; those taken now
        // must count from now on, or the work count could reach zero while they run here.
        long count_now = n < victim->local_uncounted ? n : victim->local_uncounted;
        victim->local_uncounted -= count_now;
        if (count_now > 0) outstanding_work_.fetch_add(count_now, std::memory_order_relaxed);
      }
      if (n > 0) {
        scheduler_operation* op = taken.front();
        taken.pop();
        if (n > 1) {
          std::lock_guard local(self.local_mutex);
          self.local_ops.push(taken);
          self.local_size.store(self.local_size.load(std::memory_order_relaxed) + n - 1,
                                std::memory_order_relaxed);
        }
        return op;
      }
    }
    victim = victim->next_thread ? victim->next_thread : threads_;
    if (victim == start) return nullptr;
  }
}

}  // namespace ringport::detail
