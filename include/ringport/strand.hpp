// strand<Executor>: runs the functions submitted to it one at a time, in submission order, on
// the inner executor's threads. Copies share the same queue.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/executor_op.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/strand_impl.hpp"
#include "ringport/detail/strand_invoker.hpp"
#include "ringport/detail/strand_service.hpp"
#include "ringport/execution.hpp"
#include "ringport/execution_context.hpp"

#include <concepts>
#include <memory>
#include <type_traits>
#include <utility>

namespace ringport {

/// Runs the functions submitted to it one at a time, in submission order, on the inner
/// executor's threads: Asio's strand. Copies share the same queue.
template <typename Executor>
class strand {
 public:
  /// The executor the strand's functions run on.
  using inner_executor_type = Executor;

  /// @name Construction and assignment
  //@{
  /// A strand with a new queue over a default-constructed inner executor, or over a copy of
  /// `e`; copies and moves share the queue of the strand they come from.
  strand() requires std::default_initializable<Executor>
      : executor_(), impl_(create_implementation(executor_)) {}

  // TRICKY: never a strand of this very type (that is the copy constructor): for
  // strand<any_io_executor> the convertibility test would ask whether the strand can be
  // wrapped by an any_io_executor, which asks whether the strand is copyable, which asks this.
  template <typename Executor1>
  requires(!std::is_same_v<Executor1, strand> &&
           std::is_convertible_v<const Executor1&, Executor>) explicit strand(const Executor1& e)
      : executor_(e), impl_(create_implementation(executor_)) {}

  strand(const strand&) noexcept = default;
  strand(strand&&) noexcept = default;
  strand& operator=(const strand&) noexcept = default;
  strand& operator=(strand&&) noexcept = default;
  ~strand() = default;

  //@}
  /// @name Members
  //@{
  /// A strand over another executor type shares the same queue.
  template <typename OtherExecutor>
  requires std::is_convertible_v<const OtherExecutor&, Executor> strand(
      const strand<OtherExecutor>& other)
  noexcept : executor_(other.executor_), impl_(other.impl_) {}
  template <typename OtherExecutor>
  requires std::is_convertible_v<OtherExecutor&&, Executor> strand(strand<OtherExecutor>&& other)
  noexcept : executor_(std::move(other.executor_)), impl_(std::move(other.impl_)) {}
  template <typename OtherExecutor>
  requires std::is_convertible_v<const OtherExecutor&, Executor> strand& operator=(
      const strand<OtherExecutor>& other) noexcept {
    executor_ = other.executor_;
    impl_ = other.impl_;
    return *this;
  }
  template <typename OtherExecutor>
  requires std::is_convertible_v<OtherExecutor&&, Executor> strand& operator=(
      strand<OtherExecutor>&& other) noexcept {
    executor_ = std::move(other.executor_);
    impl_ = std::move(other.impl_);
    return *this;
  }

  //@}
  /// The inner executor.
  inner_executor_type get_inner_executor() const noexcept { return executor_; }

  /// Queries go to the inner executor, except that a strand is never blocking.always: it may
  /// have to queue behind another handler.
  template <typename Property>
  requires can_query_v<const Executor&, Property>
  decltype(auto) query(const Property& p) const {
    if constexpr (std::is_convertible_v<Property, execution::blocking_t>) {
      execution::blocking_t result = ringport::query(executor_, p);
      return result == execution::blocking.always
                 ? execution::blocking_t(execution::blocking.possibly)
                 : result;
    } else {
      return ringport::query(executor_, p);
    }
  }

  /// @name Members
  //@{
  /// require/prefer give a strand over the adapted inner executor, sharing this queue.
  template <typename Property>
  requires(detail::has_member_require<Executor, Property> &&
           !std::is_convertible_v<
               Property, execution::blocking_t::always_t>) auto require(const Property& p) const {
    using inner = std::decay_t<decltype(ringport::require(executor_, p))>;
    return strand<inner>(ringport::require(executor_, p), impl_);
  }
  template <typename Property>
  requires(!std::is_convertible_v<Property, execution::blocking_t::always_t>) auto prefer(
      const Property& p) const {
    using inner = std::decay_t<decltype(ringport::prefer(executor_, p))>;
    return strand<inner>(ringport::prefer(executor_, p), impl_);
  }

  //@}

  /// Runs `f` at once when the caller is already inside this strand and the inner executor
  /// may block; otherwise queues it behind the strand's other functions.
  template <typename Function>
  void execute(Function&& f) const {
    if (inner_may_run_inline() && impl_->running_in_this_thread()) {
      std::decay_t<Function> tmp(std::forward<Function>(f));
      std::move(tmp)();
      return;
    }
    submit(std::forward<Function>(f), inner_allocator(), executor_);
  }

  /// True when the calling thread is running a function of this strand.
  bool running_in_this_thread() const noexcept { return impl_->running_in_this_thread(); }

  /// @name decltype
  //@{
  /// The Networking TS executor members Asio still offers.
  decltype(auto) context() const noexcept requires requires(const Executor& e) { e.context(); }
  { return executor_.context(); }
  void on_work_started() const noexcept requires requires(const Executor& e) {
    e.on_work_started();
  }
  { executor_.on_work_started(); }
  void on_work_finished() const noexcept requires requires(const Executor& e) {
    e.on_work_finished();
  }
  { executor_.on_work_finished(); }
  template <typename Function, typename OtherAllocator>
  void dispatch(Function&& f, const OtherAllocator& a) const {
    if (impl_->running_in_this_thread()) {
      std::decay_t<Function> tmp(std::forward<Function>(f));
      std::move(tmp)();
      return;
    }
    submit(std::forward<Function>(f), a, ringport::prefer(executor_, execution::blocking.possibly));
  }
  template <typename Function, typename OtherAllocator>
  void post(Function&& f, const OtherAllocator& a) const {
    submit(std::forward<Function>(f), a,
           ringport::prefer(executor_, execution::blocking.never, execution::relationship.fork));
  }
  template <typename Function, typename OtherAllocator>
  void defer(Function&& f, const OtherAllocator& a) const {
    submit(std::forward<Function>(f), a,
           ringport::prefer(executor_, execution::blocking.never,
                            execution::relationship.continuation));
  }

  //@}
  /// @name Comparison
  //@{
  /// Two strands are equal when they share the same queue (copies of one strand).
  friend bool operator==(const strand& a, const strand& b) noexcept {
    return a.executor_ == b.executor_ && a.impl_ == b.impl_;
  }
  friend bool operator!=(const strand& a, const strand& b) noexcept { return !(a == b); }

  //@}

 private:
  template <typename>
  friend class strand;

  strand(const Executor& ex, const std::shared_ptr<detail::strand_impl>& impl)
      : executor_(ex), impl_(impl) {}

  static std::shared_ptr<detail::strand_impl> create_implementation(const Executor& ex) {
    if constexpr (requires {
                    {
                      ringport::query(ex, execution::context)
                      } -> std::convertible_to<execution_context&>;
                  }) {
      execution_context& ctx = ringport::query(ex, execution::context);
      return use_service<detail::strand_service>(ctx).create_implementation();
    } else {
      return std::make_shared<detail::strand_impl>(nullptr);
    }
  }

  bool inner_may_run_inline() const noexcept {
    if constexpr (can_query_v<const Executor&, execution::blocking_t>)
      return !(ringport::query(executor_, execution::blocking) == execution::blocking.never);
    else
      return true;
  }

  auto inner_allocator() const noexcept {
    if constexpr (can_query_v<const Executor&, execution::allocator_t<void>>)
      return ringport::query(executor_, execution::allocator);
    else
      return std::allocator<void>();
  }

  // Queues the function; if the strand was idle, hands an invoker to `scheduling_ex`.
  template <typename Function, typename Alloc, typename SchedulingExecutor>
  void submit(Function&& f, const Alloc& a, const SchedulingExecutor& scheduling_ex) const {
    using op = detail::executor_op<std::decay_t<Function>, Alloc>;
    op* p = detail::allocate_op<op>(a, std::forward<Function>(f), a);
    if (impl_->enqueue(p))
      execution::execute(scheduling_ex, detail::strand_invoker<Executor>(impl_, executor_));
  }

  Executor executor_;
  std::shared_ptr<detail::strand_impl> impl_;
};

/// @name Making a strand
//@{
/// A strand on `ex` (or the execution context's get_executor()).
template <typename Executor>
requires execution::executor<Executor> strand<Executor> make_strand(const Executor& ex) {
  return strand<Executor>(ex);
}

template <typename ExecutionContext>
requires std::is_convertible_v<ExecutionContext&, execution_context&>
    strand<typename ExecutionContext::executor_type> make_strand(ExecutionContext& ctx) {
  return strand<typename ExecutionContext::executor_type>(ctx.get_executor());
}
//@}

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/associated_executor.hpp"
#include "ringport/defer.hpp"
#include "ringport/dispatch.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/post.hpp"
#include "ringport/system_context.hpp"
#include "ringport/system_executor.hpp"
#include <csignal>
