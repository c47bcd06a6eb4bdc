// The service behind every timer of one clock (one per execution context and time traits):
// owns the timer queue it registers with the context's scheduler, and implements the timer
// operations on a timer's implementation.
//
// Completion rules: a wait ends exactly once. It is moved out of the queue under the
// scheduler mutex either by expiry (success), by cancel()/expires_at()/expires_after()/
// destruction of the timer, or by its cancellation slot (operation_aborted); whichever takes
// it first wins, the others find it gone. Waits still queued when the context shuts down are
// destroyed without being called (the scheduler collects them).
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/op_queue.hpp"
#include "ringport/detail/per_timer_data.hpp"
#include "ringport/detail/scheduler.hpp"
#include "ringport/detail/timer_queue.hpp"
#include "ringport/detail/wait_handler.hpp"
#include "ringport/detail/wait_op.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <thread>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename TimeTraits>
class deadline_timer_service final
    : public execution_context_service_base<deadline_timer_service<TimeTraits>> {
 public:
  using time_type = typename TimeTraits::time_type;
  using duration_type = typename TimeTraits::duration_type;

  struct implementation_type {
    time_type expiry{};
    // False only when the timer certainly has no pending wait: cancel() can skip the lock.
    bool might_have_pending_waits = false;
    per_timer_data timer_data;
  };

  explicit deadline_timer_service(execution_context& ctx)
      : execution_context_service_base<deadline_timer_service>(ctx),
        scheduler_(use_service<scheduler>(ctx)) {
    scheduler_.add_timer_queue(queue_);
  }

  ~deadline_timer_service() override {
    scheduler_.remove_timer_queue(queue_);
    // Waits started after the scheduler shut down (by a handler's destructor, say) are still
    // here; destroy them (outside the lock) rather than leak them.
    op_queue<scheduler_operation> ops;
    {
      auto lock = scheduler_.lock_timers();
      queue_.get_all_timers(ops);
    }
  }

  // Nothing to do here: the scheduler collects the waits of every registered queue when it
  // shuts down, and destroys them without calling their handlers.
  void shutdown() override {}

  void construct(implementation_type& impl) {
    impl.expiry = time_type();
    impl.might_have_pending_waits = false;
  }

  void destroy(implementation_type& impl) { cancel(impl); }

  void move_construct(implementation_type& impl, implementation_type& other) {
    if (other.might_have_pending_waits) {
      auto lock = scheduler_.lock_timers();
      queue_.move_timer(impl.timer_data, other.timer_data);
    }
    impl.expiry = other.expiry;
    impl.might_have_pending_waits = other.might_have_pending_waits;
    other.expiry = time_type();
    other.might_have_pending_waits = false;
  }

  // Like destroying the target, then move-constructing it: the target's own waits are
  // aborted; the source's waits stay in the source's service (its context's queue).
  void move_assign(implementation_type& impl, deadline_timer_service& other_service,
                   implementation_type& other) {
    destroy(impl);
    other_service.move_construct(impl, other);
  }

  std::size_t cancel(implementation_type& impl) {
    if (!impl.might_have_pending_waits) return 0;
    op_queue<scheduler_operation> ops;
    auto lock = scheduler_.lock_timers();
    const std::size_t n = queue_.cancel_timer(impl.timer_data, ops);
    scheduler_.post_deferred_completions(ops, lock);
    impl.might_have_pending_waits = false;
    return n;
  }

  std::size_t cancel_one(implementation_type& impl) {
    if (!impl.might_have_pending_waits) return 0;
    op_queue<scheduler_operation> ops;
    auto lock = scheduler_.lock_timers();
    const std::size_t n = queue_.cancel_timer(impl.timer_data, ops, 1);
    scheduler_.post_deferred_completions(ops, lock);
    if (n == 0) impl.might_have_pending_waits = false;
    return n;
  }

  time_type expiry(const implementation_type& impl) const { return impl.expiry; }

  std::size_t expires_at(implementation_type& impl, const time_type& expiry) {
    std::size_t n = cancel(impl);
    impl.expiry = expiry;
    return n;
  }

  std::size_t expires_after(implementation_type& impl, const duration_type& d) {
    return expires_at(impl, TimeTraits::add(TimeTraits::now(), d));
  }

  duration_type expires_from_now(const implementation_type& impl) const {
    return TimeTraits::subtract(impl.expiry, TimeTraits::now());
  }

  // Blocks the calling thread until the expiry has passed.
  void wait(implementation_type& impl, error_code& ec) {
    ec.clear();
    // Sleeps in slices of at most a minute so that a clock change is noticed.
    constexpr long long max_sleep_ns = 60LL * 1000 * 1000 * 1000;
    for (time_type now = TimeTraits::now(); TimeTraits::less_than(now, impl.expiry);
         now = TimeTraits::now()) {
      long long ns = TimeTraits::to_wait_ns(TimeTraits::subtract(impl.expiry, now), max_sleep_ns);
      std::this_thread::sleep_for(std::chrono::nanoseconds(ns));
    }
  }

  template <typename Handler, typename IoExecutor>
  void async_wait(implementation_type& impl, Handler&& handler, const IoExecutor& io_ex) {
    using handler_type = std::decay_t<Handler>;
    using op = wait_handler<handler_type, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(get_associated_allocator(handler), std::forward<Handler>(handler),
                            io_ex, this->context());

    op_cancellation* canceller = nullptr;
    if (slot.is_connected()) {
      try {
        // Outside the scheduler lock: replacing the slot's previous handler may lock it.
        canceller =
            &slot.template emplace<op_cancellation>(slot_owner<deadline_timer_service>{this});
      } catch (...) {
        p->destroy();
        throw;
      }
    }

    impl.might_have_pending_waits = true;
    auto lock = scheduler_.lock_timers();
    bool earliest;
    try {
      earliest = queue_.enqueue_timer(impl.expiry, impl.timer_data, *p);
    } catch (...) {
      lock.unlock();
      p->destroy();
      throw;
    }
    // TRICKY: linked under the same lock that queues the op, so no emit, expiry or cancel
    // can see one half of the link without the other.
    if (canceller) canceller->link(*p);
    // The pending wait keeps run() going until its handler has run or it is destroyed.
    scheduler_.work_started();
    if (earliest) scheduler_.timers_changed(lock);
  }

  // What a wait whose handler has a connected cancellation slot installs there; both ends of
  // the link are set and cleared under the scheduler mutex.
  friend struct slot_owner<deadline_timer_service>;
  using op_cancellation = slot_cancellation_link<slot_owner<deadline_timer_service>, wait_op>;

  void cancel_linked(op_cancellation& c) {
    op_queue<scheduler_operation> ops;
    // TRICKY: the link is read under the mutex that expiry and cancel() hold while they take
    // the op out of its timer (and clear the link): exactly one of them gets the op.
    auto lock = scheduler_.lock_timers();
    if (wait_op* op = c.op_.load(std::memory_order_relaxed)) queue_.cancel_op(*op, ops);
    scheduler_.post_deferred_completions(ops, lock);
  }

  void unlink(op_cancellation& c) {
    auto lock = scheduler_.lock_timers();
    if (wait_op* op = c.op_.load(std::memory_order_relaxed)) {
      op->canceller_ = nullptr;
      c.op_.store(nullptr, std::memory_order_relaxed);
    }
  }

  timer_queue<TimeTraits> queue_;
  scheduler& scheduler_;
};

}  // namespace ringport::detail
