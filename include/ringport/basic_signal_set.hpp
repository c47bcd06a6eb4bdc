// basic_signal_set<Executor>: waits for signals with Asio's interface: add, remove, clear,
// cancel, async_wait (completion signature void(error_code, int signal_number)). POSIX
// signals on Linux; on Windows those of the C runtime and the console control events (see
// detail/signal_set_service.hpp). A signal that arrives while no wait is pending is kept for
// the set's next wait. Several sets (in one or several contexts) may hold the same signal:
// each of them sees every delivery. The set is neither copyable nor movable, as in Asio.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/any_io_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/io_object_impl.hpp"
#include "ringport/detail/signal_set_service.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/signal_set_base.hpp"

#include <type_traits>
#include <utility>

namespace ringport {

/// Waits for signals, with Asio's interface: add, remove, clear, cancel, async_wait (Asio's
/// basic_signal_set).
///
/// POSIX signals on Linux; on Windows those of the C runtime and the console control events
/// (closing the console, logging off and shutting down arrive as SIGTERM). A signal that arrives
/// while no wait is pending is kept for the set's next wait. Several sets (in one or several
/// contexts) may hold the same signal: each of them sees every delivery. The set is neither
/// copyable nor movable, as in Asio.
template <typename Executor = any_io_executor>
class basic_signal_set : public signal_set_base {
  using service_type = detail::signal_set_service;

 public:
  /// The type of the executor the set's handlers run on by default.
  using executor_type = Executor;

  /// The same set type on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The set type on `Executor1`.
    using other = basic_signal_set<Executor1>;
  };

  /// @name Construction
  //@{
  /// A set on the executor `ex`, or on `ctx`'s executor, holding the signals given (none, one,
  /// two or three), each added as add() does (throws std::system_error when one cannot be
  /// added).
  explicit basic_signal_set(const executor_type& ex) : impl_(0, ex) {}
  template <detail::execution_context_type ExecutionContext>
  explicit basic_signal_set(ExecutionContext& ctx) : impl_(ctx) {}

  basic_signal_set(const executor_type& ex, int signal_number_1) : impl_(0, ex) {
    add(signal_number_1);
  }
  template <detail::execution_context_type ExecutionContext>
  basic_signal_set(ExecutionContext& ctx, int signal_number_1) : impl_(ctx) {
    add(signal_number_1);
  }
  basic_signal_set(const executor_type& ex, int signal_number_1, int signal_number_2)
      : impl_(0, ex) {
    add(signal_number_1);
    add(signal_number_2);
  }
  template <detail::execution_context_type ExecutionContext>
  basic_signal_set(ExecutionContext& ctx, int signal_number_1, int signal_number_2) : impl_(ctx) {
    add(signal_number_1);
    add(signal_number_2);
  }
  basic_signal_set(const executor_type& ex, int signal_number_1, int signal_number_2,
                   int signal_number_3)
      : impl_(0, ex) {
    add(signal_number_1);
    add(signal_number_2);
    add(signal_number_3);
  }
  template <detail::execution_context_type ExecutionContext>
  basic_signal_set(ExecutionContext& ctx, int signal_number_1, int signal_number_2,
                   int signal_number_3)
      : impl_(ctx) {
    add(signal_number_1);
    add(signal_number_2);
    add(signal_number_3);
  }
  //@}

  basic_signal_set(const basic_signal_set&) = delete;
  basic_signal_set& operator=(const basic_signal_set&) = delete;

  /// Removes the set's signals; pending waits complete with operation_aborted.
  ~basic_signal_set() = default;

  /// The executor the set's handlers run on by default.
  executor_type get_executor() noexcept { return impl_.get_executor(); }

  /// @name Adding signals
  //@{
  /// Adds `signal_number` to the set, registered with the flags `f` (signal_set_base::flags;
  /// `dont_care` when not given). Adding a signal the set already holds does nothing. Fails with
  /// invalid_argument when another registration of the signal cares about its flags and chose
  /// others. The overloads without `ec` throw std::system_error on failure.
  void add(int signal_number) { add(signal_number, dont_care); }
  error_code add(int signal_number, error_code& ec) { return add(signal_number, dont_care, ec); }
  void add(int signal_number, flags_t f) {
    error_code ec;
    add(signal_number, f, ec);
    detail::throw_error(ec, "add");
  }
  error_code add(int signal_number, flags_t f, error_code& ec) {
    return service().add(impl(), signal_number, f, ec);
  }
  //@}

  /// @name Removing signals
  //@{
  /// Removes `signal_number` from the set (remove()) or every signal (clear()); when the last
  /// registration of a signal in the process goes, its default action is restored. The
  /// overloads without `ec` throw std::system_error on failure.
  void remove(int signal_number) {
    error_code ec;
    remove(signal_number, ec);
    detail::throw_error(ec, "remove");
  }
  error_code remove(int signal_number, error_code& ec) {
    return service().remove(impl(), signal_number, ec);
  }

  void clear() {
    error_code ec;
    clear(ec);
    detail::throw_error(ec, "clear");
  }
  error_code clear(error_code& ec) { return service().clear(impl(), ec); }
  //@}

  /// @name Cancelling
  //@{
  /// Ends the set's pending waits with operation_aborted. The overload without `ec` throws
  /// std::system_error on failure.
  void cancel() {
    error_code ec;
    cancel(ec);
    detail::throw_error(ec, "cancel");
  }
  error_code cancel(error_code& ec) { return service().cancel(impl(), ec); }
  //@}

  /// Starts a wait for the next delivery of one of the set's signals (or takes one kept since the
  /// last wait). Completion signature void(error_code, int), with the signal number. cancel(),
  /// the set's destruction or the handler's cancellation slot (terminal, partial or total) end
  /// it with operation_aborted.
  template <completion_token_for<void(error_code, int)> SignalToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_wait(SignalToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<SignalToken, void(error_code, int)>(initiate_async_wait(this), token);
  }

 private:
  service_type& service() { return impl_.get_service(); }
  typename service_type::implementation_type& impl() { return impl_.get_implementation(); }

  class initiate_async_wait {
   public:
    using executor_type = Executor;
    explicit initiate_async_wait(basic_signal_set* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename Handler>
    void operator()(Handler&& handler) const {
      self_->service().async_wait(self_->impl(), std::forward<Handler>(handler),
                                  self_->impl_.get_executor());
    }

   private:
    basic_signal_set* self_;
  };

  detail::io_object_impl<service_type, Executor> impl_;
};

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/executor_work_guard.hpp"
