#include "ringport/detail/scheduler.hpp"

#include "ringport/detail/thread_context.hpp"

#include "scheduler_thread_info.hpp"
#include "trace.hpp"

#include <limits>

namespace ringport::detail {

execution_context::id scheduler::id;

#if RINGPORT_WINDOWS && RINGPORT_SHARED
namespace {
constinit thread_local thread_context* thread_context_top = nullptr;
}  // namespace
thread_context*& thread_context::top() noexcept {
  return thread_context_top;
}
#else
thread_local thread_context* thread_context::top_ = nullptr;
#endif

namespace {

// Longest single wait in the backend; a bound keeps a lost wake-up from hanging forever.
constexpr long long max_wait_ns = 5LL * 60 * 1000 * 1000 * 1000;

// How long an idle thread of a busy context sleeps before it looks at the queue again by
// itself: the longest a marker can wait for a thread whose handler blocks (see run_op).
constexpr std::chrono::microseconds lazy_sleep_period{1000};

// Passes of the marker with handlers queued on this thread (backend::handlers_per_poll).
// Per thread and not per run() call: a program that calls run_one() once per handler must
// still reach the poll.
constinit thread_local unsigned polls_deferred = 0;

// Runs an op's handler with tracing on: out of line, so that the check in run_op() is the
// whole cost of tracing on the hot path.
[[gnu::noinline]] void run_traced(void* owner, scheduler_operation* op) {
  trace_point::handler_run traced(op);
  op->complete(owner);
}

}  // namespace

// When a handler returns or throws: settles the work count (its own unit against what it
// posted) and publishes its private queue, keeping the lock for the run loop.
struct scheduler::handler_cleanup {
  scheduler* owner;
  std::unique_lock<std::mutex>* lock;
  thread_info* self;
  ~handler_cleanup() {
    self->in_handler = false;
    long posted = self->private_work;
    self->private_work = 0;
    if (self->pushed_local) {
      self->pushed_local = false;
      std::lock_guard local(self->local_mutex);
      posted += self->local_uncounted;  // what no thief has counted already
      self->local_uncounted = 0;
      // TRICKY: counted before the lock is released: a thief may take these ops next and
      // finish them, and the count must not reach zero meanwhile.
      if (posted > 1) {
        owner->outstanding_work_.fetch_add(posted - 1, std::memory_order_relaxed);
        posted = 1;
      }
    }
    if (posted > 1)
      owner->outstanding_work_.fetch_add(posted - 1, std::memory_order_relaxed);
    else if (posted < 1)
      owner->work_finished();
    if (self->private_ops.empty()) return;
    lock->lock();
    owner->queue_.push(self->private_ops);
    // Usually this thread takes them next; if run_one() returns instead, others must know.
    if (owner->idle_threads_.load(std::memory_order_relaxed) > 0) {
      owner->wakeup_.notify_one();
    } else if (!owner->task_interrupted_.load(std::memory_order_relaxed)) {
      owner->task_interrupted_.store(true, std::memory_order_relaxed);
      owner->backend_->interrupt();
    }
  }
};

scheduler::scheduler(execution_context& owner, backend_kind requested, int concurrency_hint)
    : execution_context_service_base<scheduler>(owner), concurrency_hint_(concurrency_hint) {
  trace_point::start_from_environment();
  backend_choice choice = make_backend(requested);
  backend_ = std::move(choice.chosen);
  backend_->watch_running_threads(&running_threads_);
  fallback_reason_ = std::move(choice.fallback_reason);
  if (backend_->has_post_queue()) start_task_locked();
}

void scheduler::start_task() {
  std::lock_guard lock(mutex_);
  start_task_locked();
}

void scheduler::start_task_locked() {
  if (task_started_.load(std::memory_order_relaxed)) return;
  task_started_.store(true, std::memory_order_release);
  if (shutdown_) return;  // shutdown() has emptied the queue for good
  queue_.push(&task_);
  // A thread idle on the condition variable takes the marker and waits in the backend.
  if (idle_threads_ > 0) wakeup_.notify_one();
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
  if (task_started_.load(std::memory_order_relaxed)) queue_.push(&task_);
}

bool scheduler::out_of_work(std::error_code& ec) {
  ec.clear();
  if (outstanding_work_.load(std::memory_order_acquire) != 0) return false;
  stop();
  return true;
}

std::size_t scheduler::run(std::error_code& ec) {
  if (out_of_work(ec)) return 0;
  thread_info self(this);
  std::unique_lock lock(mutex_, std::defer_lock);
  // The common case first, outside do_run_one (whose set-up costs a single-thread chain of
  // posts about a tenth of its rate): the shared queue's front is a handler.
  auto run_front = [&] {
    scheduler_operation* op = queue_.front();
    if (op == nullptr || op == &task_ || stopped_.load(std::memory_order_relaxed)) return false;
    queue_.pop();
    run_op(lock, self, op);
    return true;
  };
  self.keep_reaped = true;
  std::size_t n = 0;
  while (run_own_turn(lock, self) || run_front() || do_run_one(lock, self, nullptr))
    if (n != std::numeric_limits<std::size_t>::max()) ++n;
  // Kept completions past the first of each batch, run inside do_run_one.
  constexpr std::size_t most = std::numeric_limits<std::size_t>::max();
  return self.reaped_ran > most - n ? most : n + self.reaped_ran;
}

std::size_t scheduler::run_one(std::error_code& ec) {
  if (out_of_work(ec)) return 0;
  thread_info self(this);
  std::unique_lock lock(mutex_, std::defer_lock);
  return run_own_turn(lock, self) || do_run_one(lock, self, nullptr) ? 1 : 0;
}

std::size_t scheduler::run_one_until(clock::time_point deadline, std::error_code& ec) {
  if (out_of_work(ec)) return 0;
  thread_info self(this);
  std::unique_lock lock(mutex_, std::defer_lock);
  return run_own_turn(lock, self) || do_run_one(lock, self, &deadline) ? 1 : 0;
}

std::size_t scheduler::poll(std::error_code& ec) {
  if (out_of_work(ec)) return 0;
  thread_info self(this);
  std::unique_lock lock(mutex_, std::defer_lock);
  std::size_t n = 0;
  while (run_own_turn(lock, self) || do_poll_one(lock, self))
    if (n != std::numeric_limits<std::size_t>::max()) ++n;
  return n;
}

std::size_t scheduler::poll_one(std::error_code& ec) {
  if (out_of_work(ec)) return 0;
  thread_info self(this);
  std::unique_lock lock(mutex_, std::defer_lock);
  return run_own_turn(lock, self) || do_poll_one(lock, self) ? 1 : 0;
}

void scheduler::stop() {
  std::unique_lock lock(mutex_);
  stopped_.store(true, std::memory_order_relaxed);
  wakeup_.notify_all();
  if (!task_interrupted_.load(std::memory_order_relaxed)) {
    task_interrupted_.store(true, std::memory_order_relaxed);
    lock.unlock();
    backend_->interrupt();
  }
}

bool scheduler::stopped() const {
  std::lock_guard lock(mutex_);
  return stopped_.load(std::memory_order_relaxed);
}

void scheduler::restart() {
  std::lock_guard lock(mutex_);
  stopped_.store(false, std::memory_order_relaxed);
}

bool scheduler::can_dispatch() const noexcept {
  return thread_context::contains(this);
}

// A continuation (defer) is treated like any post from a handler: both stay with its thread.
void scheduler::post_immediate_completion(scheduler_operation* op, bool /*is_continuation*/) {
  if (thread_info* self = handler_thread()) {
    if (private_allowed()) {
      ++self->private_work;
      self->private_ops.push(op);
    } else {
      push_local(*self, op, false);
    }
    return;
  }
  work_started();
  // TRICKY: from outside the context an op may travel through the kernel's queue (IOCP):
  // the thread waiting in the backend is woken by the packet itself and the poster takes
  // no lock. Only once a thread waits in the backend: before that nobody would take the
  // packet. (Inside the context the thread's own queues are cheaper and keep FIFO order.)
  if (task_started_.load(std::memory_order_acquire) && !can_dispatch() && backend_->post_ready(op))
    return;
  std::unique_lock lock(mutex_);
  queue_.push(op);
  wake_one_and_unlock(lock);
}

void scheduler::post_deferred_completion(scheduler_operation* op) {
  if (thread_info* self = handler_thread()) {
    if (private_allowed())
      self->private_ops.push(op);
    else
      push_local(*self, op, true);
    return;
  }
  std::unique_lock lock(mutex_);
  queue_.push(op);
  wake_one_and_unlock(lock);
}

void scheduler::post_deferred_completions(op_queue<scheduler_operation>& ops) {
  if (ops.empty()) return;
  if (thread_info* self = handler_thread()) {
    if (private_allowed()) {
      self->private_ops.push(ops);
    } else {
      while (scheduler_operation* op = ops.front()) {
        ops.pop();
        push_local(*self, op, true);
      }
    }
    return;
  }
  std::unique_lock lock(mutex_);
  queue_.push(ops);
  wake_one_and_unlock(lock);
}

void scheduler::post_deferred_completions(op_queue<scheduler_operation>& ops,
                                          std::unique_lock<std::mutex>& lock) {
  if (ops.empty()) {
    lock.unlock();
    return;
  }
  // The local queue is not used here: waking a thread for it would need mutex_, held here.
  thread_info* self = handler_thread();
  if (self != nullptr && private_allowed()) {
    lock.unlock();
    self->private_ops.push(ops);
    return;
  }
  queue_.push(ops);
  wake_one_and_unlock(lock);
}

void scheduler::add_timer_queue(timer_queue_base& queue) {
  std::lock_guard lock(mutex_);
  queue.next_ = timer_queues_;
  timer_queues_ = &queue;
  // Timers expire while a thread waits in the backend with the earliest expiry as timeout.
  start_task_locked();
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
  if (!task_interrupted_.load(std::memory_order_relaxed)) {
    task_interrupted_.store(true, std::memory_order_relaxed);
    lock.unlock();
    backend_->interrupt();
    lock.lock();
  }
}

void scheduler::wake_one_and_unlock(std::unique_lock<std::mutex>& lock) {
  if (idle_threads_.load(std::memory_order_relaxed) > 0) {
    lock.unlock();
    wakeup_.notify_one();
  } else if (!task_interrupted_.load(std::memory_order_relaxed)) {
    task_interrupted_.store(true, std::memory_order_relaxed);
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

void scheduler::run_task(std::unique_lock<std::mutex>& lock, long long timeout_ns,
                         thread_info* keeper) {
  // Called with the marker popped. Other handlers may be queued meanwhile; they stay
  // runnable by the threads waiting on the condition variable.
  if (timeout_ns != 0) timeout_ns = timer_wait_ns(timeout_ns < 0 ? max_wait_ns : timeout_ns);
  task_interrupted_.store(timeout_ns == 0, std::memory_order_relaxed);
  lock.unlock();

  op_queue<scheduler_operation> ready;
  backend_->wait(timeout_ns, ready);

  lock.lock();
  task_interrupted_.store(true, std::memory_order_relaxed);
  // A wait that collected one op and left at most one in the backend (see run_op).
  if (!ready.empty())
    lone_waits_ = queue_.empty() && ready.front()->next_ == nullptr && backend_->few_in_flight();
  lone_completion_ = lone_waits_ && !ready.empty();
  if (keeper != nullptr && !keeper->has_reaped()) keeper->keep(ready);
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

void scheduler::run_op(std::unique_lock<std::mutex>& lock, thread_info& self,
                       scheduler_operation* op) {
  // TRICKY: two quick posts can both notify the one idle thread (it counts as idle until it
  // wakes), so the second wake-up is lost. Whoever takes an op from the shared queue and sees
  // more queued passes the wake-up on, interrupting the backend when no thread is idle;
  // otherwise the rest would wait for the thread blocked in the backend.
  //
  // TRICKY: except for the marker alone after a wait that collected one op and left at
  // most one in the backend (one socket streaming, say): a thread woken to wait there would
  // most likely find nothing until this handler starts the next op, yet it costs a futex
  // wake, two context switches and an immediate submission per op. (With many ops in flight
  // the woken thread does collect some meanwhile: there the wake pays, as the kit's echo
  // rows show.) This thread takes the marker itself when the handler returns. The wake is
  // skipped only while an idle thread sleeps with a bound (lazy_sleepers_): that thread
  // takes the marker within lazy_sleep_period if this handler blocks (waiting, say, for a
  // completion only a thread in the backend can collect).
  if (lock.owns_lock()) {
    bool wake = !queue_.empty();
    if (wake && lone_completion_) {
      lone_completion_ = false;
      if (queue_.front() == &task_ && task_.next_ == nullptr && lazy_sleepers_ > 0) wake = false;
    }
    if (wake)
      wake_one_and_unlock(lock);
    else
      lock.unlock();
  }
  self.lazy_sleep = true;
  handler_cleanup cleanup{this, &lock, &self};
  self.in_handler = true;
  if (trace_point::on()) [[unlikely]]
    return run_traced(this, op);
  op->complete(this);
}

std::size_t scheduler::run_own_turn(std::unique_lock<std::mutex>& lock, thread_info& self) {
  if (lock.owns_lock()) return 0;
  if (!stopped_.load(std::memory_order_relaxed)) {
    if (scheduler_operation* op = self.pop_local_turn()) {
      run_op(lock, self, op);
      return 1;
    }
  }
  lock.lock();
  return 0;
}

// TRICKY: a thread that enters run() while this one has completions kept does not know of
// them unless it looks (take_local_work, before it sleeps): so at its next handler boundary
// this thread gives the rest to the shared queue, whose wake-ups spread them.
std::size_t scheduler::run_reaped(std::unique_lock<std::mutex>& lock, thread_info& self) {
  std::size_t ran = 0;
  while (self.has_reaped()) {
    if (stopped_.load(std::memory_order_relaxed) || !private_allowed()) {
      if (!lock.owns_lock()) lock.lock();
      self.give_up_reaped(queue_);
      break;
    }
    scheduler_operation* op = self.claim_reaped();
    if (op == nullptr) break;  // another thread claimed the last one
    run_op(lock, self, op);
    ++ran;
  }
  return ran;
}

std::size_t scheduler::do_run_one(std::unique_lock<std::mutex>& lock, thread_info& self,
                                  const clock::time_point* deadline) {
  while (!stopped_.load(std::memory_order_relaxed)) {
    scheduler_operation* op = queue_.front();
    if (op != nullptr && op != &task_) {
      queue_.pop();
      run_op(lock, self, op);
      return 1;
    }
    if (op == &task_) {
      queue_.pop();
      ++marker_passes_;
      bool more = !queue_.empty();
      bool local = self.local_size.load(std::memory_order_relaxed) > 0;
      if ((more || local) &&
          (backend_->idle() || ++polls_deferred % backend_->handlers_per_poll() != 0)) {
        // Handlers are waiting and the backend has nothing that a poll could find, or is not
        // due for a poll yet (see handlers_per_poll): only timers can have become due. No
        // system call, no unlocking.
        collect_ready_timers();
        queue_.push(&task_);
        if (queue_.front() == &task_) {
          if ((op = self.pop_local())) {
            run_op(lock, self, op);
            return 1;
          }
        }
        continue;
      }
      if (!more && !local) {
        // About to block in the backend: say so first, then look into the local queues
        // (see push_local).
        task_interrupted_.store(false, std::memory_order_relaxed);
        if ((op = take_local_work(self))) {
          task_interrupted_.store(true, std::memory_order_relaxed);
          queue_.push(&task_);
          run_op(lock, self, op);
          return 1;
        }
      }
      if ((more || local) && idle_threads_.load(std::memory_order_relaxed) > 0)
        wakeup_.notify_one();
      long long timeout_ns = -1;
      if (more || local) {
        timeout_ns = 0;
      } else if (deadline) {
        auto left = *deadline - clock::now();
        timeout_ns = left.count() > 0
                         ? std::chrono::duration_cast<std::chrono::nanoseconds>(left).count()
                         : 0;
      }
      // Alone in run() and with nothing else queued, this thread keeps what the wait
      // collects and runs it without the mutex (run_reaped): one lock per wait instead of
      // one per completion. The order is the one the shared queue would have given.
      bool keep = self.keep_reaped && !more && !local && private_allowed();
      run_task(lock, timeout_ns, keep ? &self : nullptr);
      if (self.has_reaped()) {
        // Runs them all here, off the run loop's per-handler path; run() adds the count.
        if (std::size_t ran = run_reaped(lock, self)) {
          self.reaped_ran += ran - 1;
          return 1;
        }
        if (!lock.owns_lock()) lock.lock();
        continue;
      }
      // Polled for the sake of the local queue and nothing came: run from it, or this loop
      // would poll again and again.
      if (local && !more && queue_.front() == &task_) {
        if ((op = self.pop_local())) {
          run_op(lock, self, op);
          return 1;
        }
      }
      if (deadline && queue_.front() == &task_ && clock::now() >= *deadline) return 0;
      continue;
    }
    // The shared queue is empty. Say that this thread is idle, then look into the local
    // queues once more before sleeping (see push_local).
    idle_threads_.fetch_add(1, std::memory_order_relaxed);
    if ((op = take_local_work(self))) {
      idle_threads_.fetch_sub(1, std::memory_order_relaxed);
      run_op(lock, self, op);
      return 1;
    }
    if (deadline) {
      if (wakeup_.wait_until(lock, *deadline) == std::cv_status::timeout) {
        idle_threads_.fetch_sub(1, std::memory_order_relaxed);
        if (queue_.empty() || stopped_.load(std::memory_order_relaxed)) return 0;
        continue;
      }
    } else if (self.lazy_sleep && lone_waits_ &&
               running_threads_.load(std::memory_order_relaxed) > 1) {
      // A bounded sleep while the context is busy with lone completions, so that run_op
      // may leave the marker alone (see there). A whole period without a pass of the marker
      // means either that the context is quiet, and the next sleep is unbounded, or that the
      // marker waits for a thread stuck in a handler, and this loop takes it now. While the
      // marker keeps passing and nothing but the marker is queued, this thread sleeps again:
      // taking the marker from a thread that will take it in a moment would only move the
      // backend wait between threads.
      ++lazy_sleepers_;
      for (;;) {
        unsigned passes = marker_passes_;
        if (wakeup_.wait_for(lock, lazy_sleep_period) == std::cv_status::no_timeout ||
            stopped_.load(std::memory_order_relaxed))
          break;
        if (marker_passes_ == passes) {
          self.lazy_sleep = false;
          break;
        }
        scheduler_operation* front = queue_.front();
        if (front != nullptr && (front != &task_ || task_.next_ != nullptr)) break;
      }
      --lazy_sleepers_;
    } else {
      wakeup_.wait(lock);
    }
    idle_threads_.fetch_sub(1, std::memory_order_relaxed);
  }
  return 0;
}

std::size_t scheduler::do_poll_one(std::unique_lock<std::mutex>& lock, thread_info& self) {
  if (stopped_.load(std::memory_order_relaxed)) return 0;
  scheduler_operation* op = queue_.front();
  if (op == &task_) {
    queue_.pop();
    if (backend_->idle()) {
      collect_ready_timers();
      queue_.push(&task_);
    } else {
      run_task(lock, 0);  // queues what became ready, then the marker
    }
    op = queue_.front();
  }
  if (op != nullptr && op != &task_) {
    queue_.pop();
  } else if ((op = take_local_work(self)) == nullptr) {
    return 0;  // nothing ready, here or in another thread's local queue
  }
  run_op(lock, self, op);
  return 1;
}

}  // namespace ringport::detail
