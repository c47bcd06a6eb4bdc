#include "ringport/detail/scheduler.hpp"

#include "ringport/detail/thread_context.hpp"

#include <limits>

namespace ringport::detail {

thread_local thread_context* thread_context::top_ = nullptr;

namespace {

// Longest single wait in the backend; a bound keeps a lost wake-up from hanging forever.
constexpr long long max_wait_ns = 5LL * 60 * 1000 * 1000 * 1000;

// Ends one unit of work when a handler returns or throws.
struct work_cleanup {
  scheduler* owner;
  ~work_cleanup() { owner->work_finished(); }
};

}  // namespace

scheduler::scheduler(execution_context& owner, backend_kind requested, int concurrency_hint)
    : execution_context_service_base<scheduler>(owner), concurrency_hint_(concurrency_hint) {
  backend_choice choice = make_backend(requested);
  backend_ = std::move(choice.chosen);
  fallback_reason_ = std::move(choice.fallback_reason);
  queue_.push(&task_);
}

scheduler::~scheduler() {
  // The marker is not a heap op: unlink it so the queue's destructor does not destroy it.
  op_queue<scheduler_operation> rest;
  while (scheduler_operation* op = queue_.front()) {
    queue_.pop();
    if (op != &task_) rest.push(op);
  }
}

void scheduler::shutdown() {
  op_queue<scheduler_operation> ops;
  {
    std::lock_guard lock(mutex_);
    shutdown_ = true;
    stopped_ = true;
    while (scheduler_operation* op = queue_.front()) {
      queue_.pop();
      if (op != &task_) ops.push(op);
    }
    for (timer_queue_base* q = timer_queues_; q; q = q->next_)
      q->get_all_timers(ops);
  }
  backend_->shutdown(ops);
  // Destroying handlers can post, finish work or touch timers; do it without the lock.
  while (scheduler_operation* op = ops.front()) {
    ops.pop();
    op->destroy();
  }
  std::lock_guard lock(mutex_);
  queue_.push(&task_);
}

bool scheduler::out_of_work(std::error_code& ec) {
  ec.clear();
  if (outstanding_work_.load(std::memory_order_acquire) != 0) return false;
  stop();
  return true;
}

std::size_t scheduler::run(std::error_code& ec) {
  if (out_of_work(ec)) return 0;
  thread_context ctx(this);
  std::unique_lock lock(mutex_);
  std::size_t n = 0;
  while (do_run_one(lock, nullptr)) {
    if (n != std::numeric_limits<std::size_t>::max()) ++n;
    lock.lock();
  }
  return n;
}

std::size_t scheduler::run_one(std::error_code& ec) {
  if (out_of_work(ec)) return 0;
  thread_context ctx(this);
  std::unique_lock lock(mutex_);
  return do_run_one(lock, nullptr);
}

std::size_t scheduler::run_one_until(clock::time_point deadline, std::error_code& ec) {
  if (out_of_work(ec)) return 0;
  thread_context ctx(this);
  std::unique_lock lock(mutex_);
  return do_run_one(lock, &deadline);
}

std::size_t scheduler::poll(std::error_code& ec) {
  if (out_of_work(ec)) return 0;
  thread_context ctx(this);
  std::unique_lock lock(mutex_);
  std::size_t n = 0;
  while (do_poll_one(lock)) {
    if (n != std::numeric_limits<std::size_t>::max()) ++n;
    lock.lock();
  }
  return n;
}

std::size_t scheduler::poll_one(std::error_code& ec) {
  if (out_of_work(ec)) return 0;
  thread_context ctx(this);
  std::unique_lock lock(mutex_);
  return do_poll_one(lock);
}

void scheduler::stop() {
  std::unique_lock lock(mutex_);
  stopped_ = true;
  wakeup_.notify_all();
  if (!task_interrupted_) {
    task_interrupted_ = true;
    lock.unlock();
    backend_->interrupt();
  }
}

bool scheduler::stopped() const {
  std::lock_guard lock(mutex_);
  return stopped_;
}

void scheduler::restart() {
  std::lock_guard lock(mutex_);
  stopped_ = false;
}

bool scheduler::can_dispatch() const noexcept {
  return thread_context::contains(this);
}

void scheduler::post_immediate_completion(scheduler_operation* op, bool /*is_continuation*/) {
  work_started();
  // TRICKY: from outside the context an op may travel through the kernel's queue (IOCP):
  // the thread waiting in the backend is woken by the packet itself and the poster takes
  // no lock. Inside the context the scheduler's queue is cheaper and keeps FIFO order.
  if (!can_dispatch() && backend_->post_ready(op)) return;
  std::unique_lock lock(mutex_);
  queue_.push(op);
  wake_one_and_unlock(lock);
}

void scheduler::post_deferred_completion(scheduler_operation* op) {
  std::unique_lock lock(mutex_);
  queue_.push(op);
  wake_one_and_unlock(lock);
}

void scheduler::post_deferred_completions(op_queue<scheduler_operation>& ops) {
  if (ops.empty()) return;
  std::unique_lock lock(mutex_);
  queue_.push(ops);
  wake_one_and_unlock(lock);
}

void scheduler::add_timer_queue(timer_queue_base& queue) {
  std::lock_guard lock(mutex_);
  queue.next_ = timer_queues_;
  timer_queues_ = &queue;
}

void scheduler::remove_timer_queue(timer_queue_base& queue) {
  std::lock_guard lock(mutex_);
  for (timer_queue_base** p = &timer_queues_; *p; p = &(*p)->next_) {
    if (*p == &queue) {
      *p = queue.next_;
      queue.next_ = nullptr;
      return;
    }
  }
}

void scheduler::timers_changed(std::unique_lock<std::mutex>& lock) {
  // TRICKY: the thread blocked in the backend computed its timeout before this timer
  // existed; it must wake and recompute, or the timer would fire late.
  if (!task_interrupted_) {
    task_interrupted_ = true;
    lock.unlock();
    backend_->interrupt();
    lock.lock();
  }
}

void scheduler::wake_one_and_unlock(std::unique_lock<std::mutex>& lock) {
  if (idle_threads_ > 0) {
    lock.unlock();
    wakeup_.notify_one();
  } else if (!task_interrupted_) {
    task_interrupted_ = true;
    lock.unlock();
    backend_->interrupt();
  } else {
    lock.unlock();
  }
}

long long scheduler::timer_wait_ns(long long max_ns) const {
  long long ns = max_ns;
  for (const timer_queue_base* q = timer_queues_; q; q = q->next_)
    ns = q->wait_duration_ns(ns);
  return ns;
}

void scheduler::run_task(std::unique_lock<std::mutex>& lock, long long timeout_ns) {
  // Called with the marker popped. Other handlers may be queued meanwhile; they stay
  // runnable by the threads waiting on the condition variable.
  if (timeout_ns != 0) timeout_ns = timer_wait_ns(timeout_ns < 0 ? max_wait_ns : timeout_ns);
  task_interrupted_ = (timeout_ns == 0);
  lock.unlock();

  op_queue<scheduler_operation> ready;
  backend_->wait(timeout_ns, ready);

  lock.lock();
  task_interrupted_ = true;
  queue_.push(ready);
  collect_ready_timers();
  queue_.push(&task_);
}

void scheduler::collect_ready_timers() {
  op_queue<scheduler_operation> ready;
  for (timer_queue_base* q = timer_queues_; q; q = q->next_)
    q->get_ready_timers(ready);
  queue_.push(ready);
}

void scheduler::run_op(std::unique_lock<std::mutex>& lock, scheduler_operation* op) {
  // TRICKY: two quick posts can both notify the one idle thread (it counts as idle until it
  // wakes), so the second wake-up is lost. Whoever takes an op and sees more queued passes
  // the wake-up on, interrupting the backend when no thread is idle; otherwise the rest
  // would wait for the thread blocked in the backend.
  if (!queue_.empty())
    wake_one_and_unlock(lock);
  else
    lock.unlock();
  work_cleanup cleanup{this};
  op->complete(this);
}

std::size_t scheduler::do_run_one(std::unique_lock<std::mutex>& lock,
                                  const clock::time_point* deadline) {
  while (!stopped_) {
    if (scheduler_operation* op = queue_.front()) {
      queue_.pop();
      if (op == &task_) {
        bool more = !queue_.empty();
        if (more && backend_->idle()) {
          // Handlers are waiting and the backend has nothing that a poll could find: only
          // timers can have become due. No system call, no unlocking.
          collect_ready_timers();
          queue_.push(&task_);
          continue;
        }
        if (more && idle_threads_ > 0) wakeup_.notify_one();
        long long timeout_ns = -1;
        if (more) {
          timeout_ns = 0;
        } else if (deadline) {
          auto left = *deadline - clock::now();
          timeout_ns = left.count() > 0
                           ? std::chrono::duration_cast<std::chrono::nanoseconds>(left).count()
                           : 0;
        }
        run_task(lock, timeout_ns);
        if (deadline && queue_.front() == &task_ && clock::now() >= *deadline) return 0;
        continue;
      }
      run_op(lock, op);
      return 1;
    }
    ++idle_threads_;
    if (deadline) {
      if (wakeup_.wait_until(lock, *deadline) == std::cv_status::timeout) {
        --idle_threads_;
        if (queue_.empty() || stopped_) return 0;
        continue;
      }
    } else {
      wakeup_.wait(lock);
    }
    --idle_threads_;
  }
  return 0;
}

std::size_t scheduler::do_poll_one(std::unique_lock<std::mutex>& lock) {
  if (stopped_) return 0;
  scheduler_operation* op = queue_.front();
  if (op == &task_) {
    queue_.pop();
    if (backend_->idle()) {
      collect_ready_timers();
      queue_.push(&task_);
    } else {
      run_task(lock, 0);
    }
    op = queue_.front();
    if (op == &task_) return 0;  // nothing became ready
  }
  if (op == nullptr) return 0;  // another thread holds the marker and nothing is queued
  queue_.pop();
  if (op == &task_) {
    queue_.push(&task_);
    return 0;
  }
  run_op(lock, op);
  return 1;
}

}  // namespace ringport::detail
