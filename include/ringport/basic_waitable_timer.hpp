// basic_waitable_timer<Clock, WaitTraits, Executor>: a timer of a std::chrono-style clock
// with Asio's interface. A timer has one expiry time; every wait started on it completes
// with success when that time has passed, or with error::operation_aborted when the timer is
// cancelled, re-armed (expires_at/expires_after), destroyed, or the wait's cancellation slot
// is emitted (terminal, partial or total). One timer object is not thread-safe; distinct
// timers may be used from different threads.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/any_io_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/chrono.hpp"
#include "ringport/detail/chrono_time_traits.hpp"
#include "ringport/detail/deadline_timer_service.hpp"
#include "ringport/detail/io_object_impl.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/wait_traits.hpp"

#include <cstddef>
#include <type_traits>
#include <utility>

namespace ringport {

template <typename Clock, typename WaitTraits = wait_traits<Clock>,
          typename Executor = any_io_executor>
class basic_waitable_timer;

namespace detail {
template <typename T>
struct is_waitable_timer : std::false_type {};
template <typename Clock, typename WaitTraits, typename Executor>
struct is_waitable_timer<basic_waitable_timer<Clock, WaitTraits, Executor>> : std::true_type {};

// An argument the executor constructor takes: anything convertible to the timer's executor,
// except a timer. The timer test comes first so that it short-circuits the conversion test.
template <typename T, typename Executor>
concept timer_executor_arg =
    !is_waitable_timer<std::remove_cvref_t<T>>::value && std::is_convertible_v<const T&, Executor>;
}  // namespace detail

/// A timer of a std::chrono-style clock with Asio's interface (Asio's basic_waitable_timer).
///
/// A timer has one expiry time; every wait started on it completes with success when that
/// time has passed, or with error::operation_aborted when the timer is cancelled, re-armed
/// (expires_at/expires_after), destroyed, or the wait's cancellation slot is emitted
/// (terminal, partial or total). One timer object is not thread-safe; distinct timers may be
/// used from different threads.
template <typename Clock, typename WaitTraits, typename Executor>
class basic_waitable_timer {
 private:
  using service_type =
      detail::deadline_timer_service<detail::chrono_time_traits<Clock, WaitTraits>>;

 public:
  /// The executor the timer's handlers run on by default.
  using executor_type = Executor;

  /// The same timer type on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The timer type on `Executor1`.
    using other = basic_waitable_timer<Clock, WaitTraits, Executor1>;
  };

  /// @name Clock types
  //@{
  /// The clock, its duration and time point types, and the wait traits.
  using clock_type = Clock;
  using duration = typename clock_type::duration;
  using time_point = typename clock_type::time_point;
  using traits_type = WaitTraits;

  //@}
  /// @name Construction and assignment
  //@{
  /// A timer whose expiry (the clock's epoch) has passed; set one before waiting. Given an
  /// expiry time or a duration from now, the timer is set to it.
  // TRICKY: a template rather than `const executor_type&`, so that overload resolution for a
  // timer argument (the move constructors) never asks whether a timer converts to the
  // executor: for any_io_executor that question recurses through these very constructors.
  template <detail::timer_executor_arg<Executor> ExecutorArg>
  explicit basic_waitable_timer(const ExecutorArg& ex) : impl_(0, executor_type(ex)) {}

  template <detail::execution_context_type ExecutionContext>
  explicit basic_waitable_timer(ExecutionContext& ctx) : impl_(ctx) {}

  basic_waitable_timer(const executor_type& ex, const time_point& expiry_time) : impl_(0, ex) {
    impl_.get_service().expires_at(impl_.get_implementation(), expiry_time);
  }

  template <detail::execution_context_type ExecutionContext>
  basic_waitable_timer(ExecutionContext& ctx, const time_point& expiry_time) : impl_(ctx) {
    impl_.get_service().expires_at(impl_.get_implementation(), expiry_time);
  }

  basic_waitable_timer(const executor_type& ex, const duration& expiry_time) : impl_(0, ex) {
    impl_.get_service().expires_after(impl_.get_implementation(), expiry_time);
  }

  template <detail::execution_context_type ExecutionContext>
  basic_waitable_timer(ExecutionContext& ctx, const duration& expiry_time) : impl_(ctx) {
    impl_.get_service().expires_after(impl_.get_implementation(), expiry_time);
  }

  /// Pending waits move with the timer; `other` is left as if newly constructed on its
  /// executor.
  basic_waitable_timer(basic_waitable_timer&& other) = default;

  /// The waits pending on this timer complete with operation_aborted; those of `other` move.
  basic_waitable_timer& operator=(basic_waitable_timer&& other) = default;

  template <detail::executor_convertible_to<Executor> Executor1>
  basic_waitable_timer(basic_waitable_timer<Clock, WaitTraits, Executor1>&& other)
      : impl_(std::move(other.impl_)) {}

  template <detail::executor_convertible_to<Executor> Executor1>
  basic_waitable_timer& operator=(basic_waitable_timer<Clock, WaitTraits, Executor1>&& other) {
    basic_waitable_timer tmp(std::move(other));
    impl_ = std::move(tmp.impl_);
    return *this;
  }

  basic_waitable_timer(const basic_waitable_timer&) = delete;
  basic_waitable_timer& operator=(const basic_waitable_timer&) = delete;

  /// Pending waits complete with operation_aborted.
  ~basic_waitable_timer() = default;

  //@}
  /// The executor the timer's handlers run on by default.
  executor_type get_executor() noexcept { return impl_.get_executor(); }

  /// Aborts every pending wait; returns how many. Waits that have already expired (their
  /// handlers are queued) are not affected.
  std::size_t cancel() { return impl_.get_service().cancel(impl_.get_implementation()); }

  /// Aborts the oldest pending wait; returns 0 or 1.
  std::size_t cancel_one() { return impl_.get_service().cancel_one(impl_.get_implementation()); }

  /// The expiry time.
  time_point expiry() const { return impl_.get_service().expiry(impl_.get_implementation()); }

  /// Sets the expiry, aborting pending waits; returns how many were aborted.
  std::size_t expires_at(const time_point& expiry_time) {
    return impl_.get_service().expires_at(impl_.get_implementation(), expiry_time);
  }

  /// Sets the expiry relative to now, aborting pending waits; returns how many were aborted.
  std::size_t expires_after(const duration& expiry_time) {
    return impl_.get_service().expires_after(impl_.get_implementation(), expiry_time);
  }

  /// @name Deprecated
  //@{
  /// Deprecated Asio forms, kept because they are one-liners.
  std::size_t cancel(error_code& ec) {
    ec.clear();
    return cancel();
  }
  std::size_t cancel_one(error_code& ec) {
    ec.clear();
    return cancel_one();
  }
  time_point expires_at() const { return expiry(); }
  std::size_t expires_at(const time_point& expiry_time, error_code& ec) {
    ec.clear();
    return expires_at(expiry_time);
  }
  duration expires_from_now() const {
    return impl_.get_service().expires_from_now(impl_.get_implementation());
  }
  std::size_t expires_from_now(const duration& expiry_time) { return expires_after(expiry_time); }
  std::size_t expires_from_now(const duration& expiry_time, error_code& ec) {
    ec.clear();
    return expires_after(expiry_time);
  }

  //@}
  /// @name Waiting
  //@{
  /// Blocks until the expiry has passed.
  void wait() {
    error_code ec;
    impl_.get_service().wait(impl_.get_implementation(), ec);
    detail::throw_error(ec, "wait");
  }
  void wait(error_code& ec) { impl_.get_service().wait(impl_.get_implementation(), ec); }

  //@}
  /// Starts a wait for the expiry; completion signature void(error_code). The handler never
  /// runs inside async_wait, even when the expiry has already passed.
  template <
      completion_token_for<void(error_code)> WaitToken = default_completion_token_t<executor_type>>
  decltype(auto) async_wait(WaitToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<WaitToken, void(error_code)>(initiate_async_wait(this), token);
  }

 private:
  template <typename, typename, typename>
  friend class basic_waitable_timer;

  class initiate_async_wait {
   public:
    using executor_type = Executor;

    explicit initiate_async_wait(basic_waitable_timer* self) noexcept : self_(self) {}

    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename WaitHandler>
    void operator()(WaitHandler&& handler) const {
      static_assert(std::is_invocable_v<std::decay_t<WaitHandler>&&, error_code>,
                    "a wait handler must be callable as void(error_code)");
      self_->impl_.get_service().async_wait(self_->impl_.get_implementation(),
                                            std::forward<WaitHandler>(handler),
                                            self_->impl_.get_executor());
    }

   private:
    basic_waitable_timer* self_;
  };

  detail::io_object_impl<service_type, executor_type> impl_;
};

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/executor_work_guard.hpp"
