// posix::basic_descriptor<Executor>: an I/O object over any POSIX descriptor (pipe end, tty,
// eventfd, inotify, ...) with Asio's interface: assign, close, release, cancel, io_control,
// the non-blocking modes and readiness waits. The descriptor takes part in the context's
// backend like a socket (io_uring requests, or the epoll set).
#pragma once

#include "ringport/detail/config.hpp"

// POSIX descriptors exist on POSIX systems only; elsewhere this header offers nothing, as
// Asio's does.
#if defined(RINGPORT_POSIX)
#include "ringport/detail/handle_object.hpp"
#include "ringport/posix/descriptor_base.hpp"

#include <utility>

namespace ringport::posix {

/// An I/O object over any POSIX descriptor (pipe end, tty, eventfd, inotify, ...) with Asio's
/// interface: assign, close, release, cancel, io_control, the non-blocking modes and readiness
/// waits (Asio's posix::basic_descriptor).
///
/// The descriptor takes part in the context's backend like a socket (io_uring requests, or the
/// epoll set).
template <typename Executor = any_io_executor>
class basic_descriptor : public detail::handle_object<Executor>, public descriptor_base {
  using base = detail::handle_object<Executor>;

 public:
  /// @name Types
  //@{
  /// The executor type and the OS handle type (a file descriptor).
  using typename base::executor_type;
  using typename base::native_handle_type;
  //@}
  /// The lowest layer: this class itself.
  using lowest_layer_type = basic_descriptor;

  /// The same class on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The class on `Executor1`.
    using other = basic_descriptor<Executor1>;
  };

  /// Constructs a closed object from an executor or an execution context.
  using base::base;

  /// @name Construction from a native handle
  //@{
  /// Takes ownership of the open descriptor `fd` (throws std::system_error if it cannot be
  /// assigned).
  basic_descriptor(const executor_type& ex, const native_handle_type& fd) : base(ex) {
    this->assign(fd);
  }
  template <detail::execution_context_type ExecutionContext>
  basic_descriptor(ExecutionContext& ctx, const native_handle_type& fd) : base(ctx) {
    this->assign(fd);
  }
  //@}

  /// @name Moves
  //@{
  /// Moves take pending operations along and leave the source closed; the move assignment
  /// closes this object first. An object on another executor type converts when its executor
  /// does.
  basic_descriptor(basic_descriptor&&) = default;
  basic_descriptor& operator=(basic_descriptor&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_descriptor(basic_descriptor<Executor1>&& other) : base(std::move(other)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_descriptor& operator=(basic_descriptor<Executor1>&& other) {
    base::operator=(std::move(other));
    return *this;
  }
  //@}

  /// @name Lowest layer
  //@{
  /// This object (a pipe or descriptor has no layer below it).
  lowest_layer_type& lowest_layer() noexcept { return *this; }
  const lowest_layer_type& lowest_layer() const noexcept { return *this; }
  //@}

  /// @name I/O control
  //@{
  /// Performs an ioctl on the descriptor. `command` is Asio's IoControlCommand: name() is the
  /// ioctl request, data() its argument (e.g. descriptor_base::bytes_readable). The overload
  /// without `ec` throws std::system_error on failure.
  template <typename IoControlCommand>
  void io_control(IoControlCommand& command) {
    error_code ec;
    io_control(command, ec);
    detail::throw_error(ec, "io_control");
  }
  template <typename IoControlCommand>
  error_code io_control(IoControlCommand& command, error_code& ec) {
    return this->service().io_control(this->impl(), command, ec);
  }
  //@}

  /// @name Non-blocking mode
  //@{
  /// The user's view: with it, a synchronous call that would wait reports would_block. The
  /// setter without `ec` throws std::system_error on failure.
  bool non_blocking() const { return this->service().non_blocking(this->impl()); }
  void non_blocking(bool mode) {
    error_code ec;
    non_blocking(mode, ec);
    detail::throw_error(ec, "non_blocking");
  }
  error_code non_blocking(bool mode, error_code& ec) {
    return this->service().non_blocking(this->impl(), mode, ec);
  }
  //@}

  /// @name Native non-blocking mode
  //@{
  /// The descriptor's own O_NONBLOCK flag. The setter without `ec` throws std::system_error on
  /// failure.
  bool native_non_blocking() const { return this->service().native_non_blocking(this->impl()); }
  void native_non_blocking(bool mode) {
    error_code ec;
    native_non_blocking(mode, ec);
    detail::throw_error(ec, "native_non_blocking");
  }
  error_code native_non_blocking(bool mode, error_code& ec) {
    return this->service().native_non_blocking(this->impl(), mode, ec);
  }
  //@}

  /// @name Waiting
  //@{
  /// Blocks until the descriptor is ready as `w` says (readable, writable, or an error
  /// pending). The overload without `ec` throws std::system_error on failure.
  void wait(wait_type w) {
    error_code ec;
    wait(w, ec);
    detail::throw_error(ec, "wait");
  }
  error_code wait(wait_type w, error_code& ec) {
    return this->service().wait(this->impl(), to_socket_wait(w), ec);
  }
  //@}

  /// Starts a wait until the descriptor is ready as `w` says. Completion signature
  /// void(error_code). cancel() or close() ends it with operation_aborted.
  template <
      completion_token_for<void(error_code)> WaitToken = default_completion_token_t<executor_type>>
  decltype(auto) async_wait(wait_type w,
                            WaitToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<WaitToken, void(error_code)>(initiate_async_wait(this), token, w);
  }

  /// @cond INTERNAL
 protected:
  ~basic_descriptor() = default;
  /// @endcond

 private:
  static socket_base::wait_type to_socket_wait(wait_type w) noexcept {
    return w == wait_read    ? socket_base::wait_read
           : w == wait_write ? socket_base::wait_write
                             : socket_base::wait_error;
  }

  class initiate_async_wait {
   public:
    using executor_type = Executor;
    explicit initiate_async_wait(basic_descriptor* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }
    template <typename Handler>
    void operator()(Handler&& handler, wait_type w) const {
      self_->service().async_wait(self_->impl(), to_socket_wait(w), std::forward<Handler>(handler),
                                  self_->get_executor());
    }

   private:
    basic_descriptor* self_;
  };
};

}  // namespace ringport::posix

#endif  // defined(RINGPORT_POSIX)
