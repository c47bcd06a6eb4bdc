// thread_pool: an execution context with its own threads, each running the scheduler. The
// scheduler carries a backend like an io_context's, so I/O objects can live on a pool too.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/backend_kind.hpp"
#include "ringport/detail/blocking_executor_op.hpp"
#include "ringport/detail/executor_op.hpp"
#include "ringport/detail/scheduler.hpp"
#include "ringport/execution.hpp"
#include "ringport/execution_context.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace ringport {

/// An execution context with its own threads, each running the scheduler: Asio's
/// thread_pool. The scheduler carries a backend like an io_context's, so I/O objects can live
/// on a pool too.
class RINGPORT_DECL thread_pool : public execution_context {
 public:
  template <typename Allocator, unsigned int Bits>
  class basic_executor_type;
  /// The executor type get_executor() returns: blocking.possibly, relationship.fork,
  /// outstanding_work.untracked, with std::allocator<void>.
  using executor_type = basic_executor_type<std::allocator<void>, 0>;

  /// @name Construction and destruction
  //@{
  /// Twice the hardware threads, as Asio does.
  thread_pool();
  explicit thread_pool(std::size_t num_threads);
  /// ringport extension: run the pool's scheduler on a chosen backend.
  thread_pool(std::size_t num_threads, backend_kind backend);
  /// Stops the pool, joins its threads, and destroys handlers that never ran.
  ~thread_pool();

  //@}
  /// @name Executor
  //@{
  /// An executor that submits function objects to the pool (executor() is Asio's other name).
  executor_type get_executor() noexcept;
  executor_type executor() noexcept;

  /// Makes every pool thread (and attached thread) return after its current handler.
  void stop();
  /// Runs handlers on the calling thread as one more pool thread, until the pool stops or, once
  /// join()/wait() released the pool's own work, until no work is left.
  void attach();
  /// Waits for the pool's threads to finish: without a prior stop(), they finish when no work
  /// is left. Does nothing when the pool has no threads left to join.
  void join();
  /// As join(), but also releases the pool's work when it has no threads of its own.
  void wait();

  //@}

 private:
  void release_work() noexcept;
  void join_threads();

  detail::scheduler& scheduler_;
  std::size_t num_threads_;  // as constructed (the occupancy its executors report)
  std::mutex mutex_;         // guards threads_ and work_released_ against concurrent join()/wait()
  bool work_released_ = false;
  std::vector<std::thread> threads_;
};

namespace detail {
// The properties a thread_pool executor type carries in its Bits.
enum : unsigned int {
  pool_ex_blocking_never = 1,
  pool_ex_relationship_continuation = 2,
  pool_ex_outstanding_work_tracked = 4,
  pool_ex_blocking_always = 8,
};
}  // namespace detail

/// The executor of a thread_pool (Asio's thread_pool::basic_executor_type): a pointer to the
/// pool, an allocator and the properties `Bits` encodes (blocking.never or blocking.always,
/// relationship.continuation, outstanding_work.tracked). A tracked executor counts as work
/// for the pool while it exists.
template <typename Allocator, unsigned int Bits>
class thread_pool::basic_executor_type {
 public:
  /// @name Copy and move
  //@{
  /// Copies and moves; a tracked executor's copy counts as work too, and a moved-from tracked
  /// executor no longer does.
  basic_executor_type(const basic_executor_type& other) noexcept
      : pool_(other.pool_), alloc_(other.alloc_) {
    if constexpr (tracked) pool_->scheduler_.work_started();
  }
  basic_executor_type(basic_executor_type&& other) noexcept
      : pool_(other.pool_), alloc_(std::move(other.alloc_)) {
    if constexpr (tracked) other.pool_ = nullptr;
  }
  ~basic_executor_type() {
    if constexpr (tracked)
      if (pool_) pool_->scheduler_.work_finished();
  }
  basic_executor_type& operator=(const basic_executor_type& other) noexcept {
    if (this != &other) {
      if constexpr (tracked) {
        if (other.pool_) other.pool_->scheduler_.work_started();
        if (pool_) pool_->scheduler_.work_finished();
      }
      pool_ = other.pool_;
      alloc_ = other.alloc_;
    }
    return *this;
  }
  basic_executor_type& operator=(basic_executor_type&& other) noexcept {
    if (this != &other) {
      if constexpr (tracked)
        if (pool_) pool_->scheduler_.work_finished();
      pool_ = other.pool_;
      alloc_ = std::move(other.alloc_);
      if constexpr (tracked) other.pool_ = nullptr;
    }
    return *this;
  }

  //@}
  /// @name Properties
  //@{
  /// Properties (Asio's set for thread_pool executors).
  constexpr auto require(execution::blocking_t::possibly_t) const {
    return rebind<Allocator, Bits & ~(blocking_bits)>(alloc_);
  }
  constexpr auto require(execution::blocking_t::always_t) const {
    return rebind<Allocator, (Bits & ~(blocking_bits)) | detail::pool_ex_blocking_always>(alloc_);
  }
  constexpr auto require(execution::blocking_t::never_t) const {
    return rebind<Allocator, (Bits & ~(blocking_bits)) | detail::pool_ex_blocking_never>(alloc_);
  }
  constexpr auto require(execution::relationship_t::fork_t) const {
    return rebind<Allocator, Bits & ~detail::pool_ex_relationship_continuation>(alloc_);
  }
  constexpr auto require(execution::relationship_t::continuation_t) const {
    return rebind<Allocator, Bits | detail::pool_ex_relationship_continuation>(alloc_);
  }
  constexpr auto require(execution::outstanding_work_t::tracked_t) const {
    return rebind<Allocator, Bits | detail::pool_ex_outstanding_work_tracked>(alloc_);
  }
  constexpr auto require(execution::outstanding_work_t::untracked_t) const {
    return rebind<Allocator, Bits & ~detail::pool_ex_outstanding_work_tracked>(alloc_);
  }
  template <typename OtherAllocator>
  constexpr auto require(const execution::allocator_t<OtherAllocator>& a) const {
    return rebind<OtherAllocator, Bits>(a.value());
  }
  constexpr auto require(const execution::allocator_t<void>&) const {
    return rebind<std::allocator<void>, Bits>(std::allocator<void>());
  }

  //@}
  /// @name Queries
  //@{
  /// The values of Asio's properties for this executor: mapping.thread, bulk_guarantee.parallel,
  /// the pool's thread count as occupancy, the pool as context, the blocking, relationship and
  /// outstanding_work values `Bits` encodes, and the allocator.
  static constexpr execution::mapping_t query(execution::mapping_t) noexcept {
    return execution::mapping.thread;
  }
  static constexpr execution::bulk_guarantee_t query(execution::bulk_guarantee_t) noexcept {
    return execution::bulk_guarantee.parallel;
  }
  /// The pool's thread count, as constructed.
  std::size_t query(execution::occupancy_t) const noexcept { return pool_->num_threads_; }
  thread_pool& query(execution::context_t) const noexcept { return *pool_; }
  template <typename T>
  T query(execution::context_as_t<T>) const noexcept {
    return *pool_;
  }
  static constexpr execution::blocking_t query(execution::blocking_t) noexcept {
    if constexpr ((Bits & detail::pool_ex_blocking_never) != 0)
      return execution::blocking.never;
    else if constexpr ((Bits & detail::pool_ex_blocking_always) != 0)
      return execution::blocking.always;
    else
      return execution::blocking.possibly;
  }
  static constexpr execution::relationship_t query(execution::relationship_t) noexcept {
    if constexpr ((Bits & detail::pool_ex_relationship_continuation) != 0)
      return execution::relationship.continuation;
    else
      return execution::relationship.fork;
  }
  static constexpr execution::outstanding_work_t query(execution::outstanding_work_t) noexcept {
    if constexpr (tracked)
      return execution::outstanding_work.tracked;
    else
      return execution::outstanding_work.untracked;
  }
  template <typename OtherAllocator>
  constexpr Allocator query(execution::allocator_t<OtherAllocator>) const noexcept {
    return alloc_;
  }
  constexpr Allocator query(execution::allocator_t<void>) const noexcept { return alloc_; }

  //@}
  /// True when the calling thread is one of the pool's (or attached to it).
  bool running_in_this_thread() const noexcept { return pool_->scheduler_.can_dispatch(); }

  /// @name Comparison
  //@{
  /// Two executors are equal when they refer to the same pool with equal allocators.
  friend bool operator==(const basic_executor_type& a, const basic_executor_type& b) noexcept {
    return a.pool_ == b.pool_ && a.alloc_ == b.alloc_;
  }
  friend bool operator!=(const basic_executor_type& a, const basic_executor_type& b) noexcept {
    return !(a == b);
  }

  //@}
  /// Runs `f` inline when the calling thread is one of the pool's (unless the executor is
  /// blocking.never); otherwise queues it on the pool (as a continuation when relationship is
  /// continuation) and, when the executor is blocking.always, waits until it has run.
  template <typename Function>
  void execute(Function&& f) const {
    using function_type = std::decay_t<Function>;
    if constexpr ((Bits & detail::pool_ex_blocking_never) == 0) {
      if (running_in_this_thread()) {
        function_type tmp(std::forward<Function>(f));
        std::move(tmp)();
        return;
      }
    }
    if constexpr ((Bits & detail::pool_ex_blocking_always) != 0) {
      function_type tmp(std::forward<Function>(f));
      detail::blocking_executor_op<function_type> op(tmp);
      pool_->scheduler_.post_immediate_completion(&op, false);
      op.wait();
    } else {
      using op = detail::executor_op<function_type, Allocator>;
      op* p = detail::allocate_op<op>(alloc_, std::forward<Function>(f), alloc_);
      pool_->scheduler_.post_immediate_completion(
          p, (Bits & detail::pool_ex_relationship_continuation) != 0);
    }
  }

  /// @name Networking TS members
  //@{
  /// The Networking TS executor members Asio still offers.
  thread_pool& context() const noexcept { return *pool_; }
  void on_work_started() const noexcept { pool_->scheduler_.work_started(); }
  void on_work_finished() const noexcept { pool_->scheduler_.work_finished(); }
  template <typename Function, typename OtherAllocator>
  void dispatch(Function&& f, const OtherAllocator& a) const {
    if (running_in_this_thread()) {
      std::decay_t<Function> tmp(std::forward<Function>(f));
      std::move(tmp)();
      return;
    }
    post(std::forward<Function>(f), a);
  }
  template <typename Function, typename OtherAllocator>
  void post(Function&& f, const OtherAllocator& a) const {
    using op = detail::executor_op<std::decay_t<Function>, OtherAllocator>;
    op* p = detail::allocate_op<op>(a, std::forward<Function>(f), a);
    pool_->scheduler_.post_immediate_completion(p, false);
  }
  template <typename Function, typename OtherAllocator>
  void defer(Function&& f, const OtherAllocator& a) const {
    using op = detail::executor_op<std::decay_t<Function>, OtherAllocator>;
    op* p = detail::allocate_op<op>(a, std::forward<Function>(f), a);
    pool_->scheduler_.post_immediate_completion(p, true);
  }

  //@}

 private:
  friend class thread_pool;
  template <typename, unsigned int>
  friend class basic_executor_type;

  static constexpr bool tracked = (Bits & detail::pool_ex_outstanding_work_tracked) != 0;
  static constexpr unsigned int blocking_bits =
      detail::pool_ex_blocking_never | detail::pool_ex_blocking_always;

  basic_executor_type(thread_pool& pool, const Allocator& a) noexcept : pool_(&pool), alloc_(a) {
    if constexpr (tracked) pool_->scheduler_.work_started();
  }

  template <typename OtherAllocator, unsigned int OtherBits>
  basic_executor_type<OtherAllocator, OtherBits> rebind(const OtherAllocator& a) const {
    return basic_executor_type<OtherAllocator, OtherBits>(*pool_, a);
  }

  thread_pool* pool_;
  [[no_unique_address]] Allocator alloc_;
};

inline thread_pool::executor_type thread_pool::get_executor() noexcept {
  return executor_type(*this, std::allocator<void>());
}

inline thread_pool::executor_type thread_pool::executor() noexcept {
  return get_executor();
}

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include <csignal>
