// basic_socket<Protocol, Executor>: what every socket shares, with Asio's interface: open,
// bind, connect, close, cancel, options, endpoints, readiness waits. One socket object is not
// thread-safe; close() or cancel() from another thread while an operation is in flight ends
// that operation once with operation_aborted.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/any_io_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/detail/io_object_impl.hpp"
#include "ringport/detail/socket_access.hpp"
#include "ringport/detail/socket_service_fwd.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/socket_base.hpp"

#include <type_traits>
#include <utility>

namespace ringport {

template <typename Protocol, typename Executor>
class basic_socket_acceptor;

namespace detail {
// The OS's socket handle: a descriptor on POSIX, a SOCKET (UINT_PTR) on Windows.
#if defined(_WIN32)
using socket_native_handle = native_socket_type;
#else
using socket_native_handle = int;
#endif

// An argument the executor constructors take: anything convertible to the socket's
// executor, except a socket. The socket test comes first so that it short-circuits the
// conversion test (which, for any_io_executor, would recurse through these constructors).
template <typename T, typename Executor>
concept socket_executor_arg = !std::is_base_of_v<socket_base, std::remove_cvref_t<T>> &&
                              std::is_convertible_v<const T&, Executor>;
}  // namespace detail

/// What every socket shares, with Asio's interface: open, bind, connect, close, cancel,
/// options, endpoints, readiness waits (Asio's basic_socket).
///
/// One socket object is not thread-safe; close() or cancel() from another thread while an
/// operation is in flight ends that operation once with operation_aborted.
template <typename Protocol, typename Executor = any_io_executor>
class basic_socket : public socket_base {
  /// @cond INTERNAL
 protected:
  using service_type = detail::socket_service_for<Protocol>;

  /// @endcond
 public:
  /// @name Types
  //@{
  /// The executor, the protocol, its endpoint type, the OS handle (a descriptor on POSIX, a
  /// SOCKET on Windows), and the lowest layer (the socket itself).
  using executor_type = Executor;
  using protocol_type = Protocol;
  using endpoint_type = typename Protocol::endpoint;
  using native_handle_type = detail::socket_native_handle;
  using lowest_layer_type = basic_socket;

  //@}
  /// The same socket type on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The socket type on `Executor1`.
    using other = basic_socket<Protocol, Executor1>;
  };

  /// @name Construction and assignment
  //@{
  /// A closed socket on an executor (or an execution context's executor); given a protocol,
  /// it is opened; given an endpoint, it is opened and bound there; given a native handle, it
  /// takes that handle over (assign()). Errors are thrown as std::system_error.
  template <detail::socket_executor_arg<Executor> ExecutorArg>
  explicit basic_socket(const ExecutorArg& ex) : impl_(0, executor_type(ex)) {}

  template <detail::execution_context_type ExecutionContext>
  explicit basic_socket(ExecutionContext& ctx) : impl_(ctx) {}

  basic_socket(const executor_type& ex, const protocol_type& protocol) : impl_(0, ex) {
    open(protocol);
  }

  template <detail::execution_context_type ExecutionContext>
  basic_socket(ExecutionContext& ctx, const protocol_type& protocol) : impl_(ctx) {
    open(protocol);
  }

  /// Opens a socket of the endpoint's protocol and binds it there.
  basic_socket(const executor_type& ex, const endpoint_type& ep) : impl_(0, ex) {
    open(ep.protocol());
    bind(ep);
  }

  template <detail::execution_context_type ExecutionContext>
  basic_socket(ExecutionContext& ctx, const endpoint_type& ep) : impl_(ctx) {
    open(ep.protocol());
    bind(ep);
  }

  basic_socket(const executor_type& ex, const protocol_type& protocol, const native_handle_type& fd)
      : impl_(0, ex) {
    assign(protocol, fd);
  }

  template <detail::execution_context_type ExecutionContext>
  basic_socket(ExecutionContext& ctx, const protocol_type& protocol, const native_handle_type& fd)
      : impl_(ctx) {
    assign(protocol, fd);
  }

  /// Pending operations move with the socket (they refer to the descriptor, not to the
  /// object); `other` is left closed.
  basic_socket(basic_socket&& other) = default;
  /// Closes this socket (its pending operations end with operation_aborted), then takes
  /// `other`'s.
  basic_socket& operator=(basic_socket&& other) = default;
  /// From a socket on another executor type that converts to this one (for example a socket
  /// move-accepted onto an io_context's executor, into an any_io_executor socket).
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_socket(basic_socket<Protocol, Executor1>&& other) : impl_(std::move(other.impl_)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_socket& operator=(basic_socket<Protocol, Executor1>&& other) {
    impl_ = std::move(other.impl_);
    return *this;
  }

  basic_socket(const basic_socket&) = delete;
  basic_socket& operator=(const basic_socket&) = delete;

  //@}
  /// The executor the socket's handlers run on by default.
  executor_type get_executor() noexcept { return impl_.get_executor(); }
  /// @name Lowest layer
  //@{
  /// The socket itself.
  lowest_layer_type& lowest_layer() noexcept { return *this; }
  const lowest_layer_type& lowest_layer() const noexcept { return *this; }

  //@}
  /// @name Opening and assigning
  //@{
  /// open() creates an OS socket of the protocol; assign() takes an existing native handle over.
  /// The overload without `ec` throws std::system_error on failure.
  void open(const protocol_type& protocol) {
    error_code ec;
    open(protocol, ec);
    detail::throw_error(ec, "open");
  }
  error_code open(const protocol_type& protocol, error_code& ec) {
    return service().open(impl(), protocol, ec);
  }

  void assign(const protocol_type& protocol, const native_handle_type& fd) {
    error_code ec;
    assign(protocol, fd, ec);
    detail::throw_error(ec, "assign");
  }
  error_code assign(const protocol_type& protocol, const native_handle_type& fd, error_code& ec) {
    return service().assign(impl(), protocol, fd, ec);
  }

  //@}
  /// Whether the socket holds an OS socket.
  bool is_open() const noexcept { return service().is_open(impl()); }

  /// @name Closing
  //@{
  /// Closes the socket: pending operations end with operation_aborted. The overload without
  /// `ec` throws std::system_error on failure.
  void close() {
    error_code ec;
    close(ec);
    detail::throw_error(ec, "close");
  }
  error_code close(error_code& ec) { return service().close(impl(), ec); }

  //@}
  /// @name Releasing the handle
  //@{
  /// Pending operations end with operation_aborted; the caller owns the descriptor.
  native_handle_type release() {
    error_code ec;
    native_handle_type fd = release(ec);
    detail::throw_error(ec, "release");
    return fd;
  }
  native_handle_type release(error_code& ec) { return service().release(impl(), ec); }

  //@}
  /// The OS socket handle.
  native_handle_type native_handle() noexcept { return service().native_handle(impl()); }

  /// @name Cancelling
  //@{
  /// Ends every pending operation on the socket with operation_aborted. The overload without
  /// `ec` throws std::system_error on failure.
  void cancel() {
    error_code ec;
    cancel(ec);
    detail::throw_error(ec, "cancel");
  }
  error_code cancel(error_code& ec) { return service().cancel(impl(), ec); }

  //@}
  /// @name Bytes available
  //@{
  /// How many bytes can be read without blocking. The overload without `ec` throws
  /// std::system_error on failure.
  std::size_t available() const {
    error_code ec;
    std::size_t n = available(ec);
    detail::throw_error(ec, "available");
    return n;
  }
  std::size_t available(error_code& ec) const { return service().available(impl(), ec); }

  //@}
  /// @name Out-of-band mark
  //@{
  /// Whether the next byte to read is at the out-of-band mark (SIOCATMARK). On Windows this
  /// is Winsock's answer as it stands, as in Asio (Winsock reports true while no urgent
  /// data is waiting).
  bool at_mark() const {
    error_code ec;
    bool mark = at_mark(ec);
    detail::throw_error(ec, "at_mark");
    return mark;
  }
  bool at_mark(error_code& ec) const { return service().at_mark(impl(), ec); }

  //@}
  /// @name Binding
  //@{
  /// Binds the socket to a local endpoint. The overload without `ec` throws
  /// std::system_error on failure.
  void bind(const endpoint_type& ep) {
    error_code ec;
    bind(ep, ec);
    detail::throw_error(ec, "bind");
  }
  error_code bind(const endpoint_type& ep, error_code& ec) {
    return service().bind(impl(), ep, ec);
  }

  //@}
  /// @name Connecting
  //@{
  /// Connects to `peer`, blocking until the connection is made or fails. The overload without
  /// `ec` throws std::system_error on failure.
  /// Opens the socket first if it is closed, as Asio does.
  void connect(const endpoint_type& peer) {
    error_code ec;
    connect(peer, ec);
    detail::throw_error(ec, "connect");
  }
  error_code connect(const endpoint_type& peer, error_code& ec) {
    if (!is_open() && open(peer.protocol(), ec)) return ec;
    return service().connect(impl(), peer, ec);
  }

  //@}
  /// @name Connecting asynchronously
  //@{
  /// Starts a connect to `peer`. Completion signature void(error_code). Opens the socket first
  /// if it is closed; an error in opening is reported through the handler. Cancellation
  /// (cancel(), close() or the handler's cancellation slot) ends it with operation_aborted.
  template <completion_token_for<void(error_code)> ConnectToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_connect(const endpoint_type& peer,
                               ConnectToken&& token = default_completion_token_t<executor_type>()) {
    error_code open_ec;
    if (!is_open()) open(peer.protocol(), open_ec);
    return async_initiate<ConnectToken, void(error_code)>(initiate_async_connect(this), token, peer,
                                                          open_ec);
  }

  //@}
  /// @name Socket options
  //@{
  /// Sets or gets a socket option (socket_base's options, or a protocol's, such as
  /// ip::tcp::no_delay). The overloads without `ec` throw std::system_error on failure.
  template <typename SettableSocketOption>
  void set_option(const SettableSocketOption& option) {
    error_code ec;
    set_option(option, ec);
    detail::throw_error(ec, "set_option");
  }
  template <typename SettableSocketOption>
  error_code set_option(const SettableSocketOption& option, error_code& ec) {
    return service().set_option(impl(), option, ec);
  }

  template <typename GettableSocketOption>
  void get_option(GettableSocketOption& option) const {
    error_code ec;
    get_option(option, ec);
    detail::throw_error(ec, "get_option");
  }
  template <typename GettableSocketOption>
  error_code get_option(GettableSocketOption& option, error_code& ec) const {
    return service().get_option(impl(), option, ec);
  }

  //@}
  /// @name Non-blocking mode
  //@{
  /// Whether the socket's synchronous operations fail with would_block instead of blocking,
  /// and setting that mode.
  bool non_blocking() const { return service().non_blocking(impl()); }
  void non_blocking(bool mode) {
    error_code ec;
    non_blocking(mode, ec);
    detail::throw_error(ec, "non_blocking");
  }
  error_code non_blocking(bool mode, error_code& ec) {
    return service().non_blocking(impl(), mode, ec);
  }

  //@}
  /// @name I/O control
  //@{
  /// Asio's IoControlCommand (socket_base::bytes_readable): an ioctl on the descriptor.
  template <typename IoControlCommand>
  void io_control(IoControlCommand& command) {
    error_code ec;
    io_control(command, ec);
    detail::throw_error(ec, "io_control");
  }
  template <typename IoControlCommand>
  error_code io_control(IoControlCommand& command, error_code& ec) {
    return service().io_control(impl(), command, ec);
  }

  //@}
  /// @name Native non-blocking mode
  //@{
  /// The non-blocking mode of the OS socket itself, and setting it.
  bool native_non_blocking() const { return service().native_non_blocking(impl()); }
  void native_non_blocking(bool mode) {
    error_code ec;
    native_non_blocking(mode, ec);
    detail::throw_error(ec, "native_non_blocking");
  }
  error_code native_non_blocking(bool mode, error_code& ec) {
    return service().native_non_blocking(impl(), mode, ec);
  }

  //@}
  /// @name Endpoints
  //@{
  /// The local and the remote endpoint of the socket. The overloads without `ec` throw
  /// std::system_error on failure.
  endpoint_type local_endpoint() const {
    error_code ec;
    endpoint_type ep = local_endpoint(ec);
    detail::throw_error(ec, "local_endpoint");
    return ep;
  }
  endpoint_type local_endpoint(error_code& ec) const {
    return service().local_endpoint(impl(), ec);
  }

  endpoint_type remote_endpoint() const {
    error_code ec;
    endpoint_type ep = remote_endpoint(ec);
    detail::throw_error(ec, "remote_endpoint");
    return ep;
  }
  endpoint_type remote_endpoint(error_code& ec) const {
    return service().remote_endpoint(impl(), ec);
  }

  //@}
  /// @name Shutting down
  //@{
  /// Disables sends, receives or both (shutdown_send, shutdown_receive, shutdown_both). The
  /// overload without `ec` throws std::system_error on failure.
  void shutdown(shutdown_type what) {
    error_code ec;
    shutdown(what, ec);
    detail::throw_error(ec, "shutdown");
  }
  error_code shutdown(shutdown_type what, error_code& ec) {
    return service().shutdown(impl(), what, ec);
  }

  //@}
  /// @name Waiting for readiness
  //@{
  /// Blocks until the socket is ready to read, ready to write, or has an error pending.
  void wait(wait_type w) {
    error_code ec;
    wait(w, ec);
    detail::throw_error(ec, "wait");
  }
  error_code wait(wait_type w, error_code& ec) { return service().wait(impl(), w, ec); }

  /// Starts a wait for the socket to be ready to read, ready to write, or to have an error
  /// pending. Completion signature void(error_code). Cancellation (cancel(), close() or the
  /// handler's cancellation slot) ends it with operation_aborted.
  template <
      completion_token_for<void(error_code)> WaitToken = default_completion_token_t<executor_type>>
  decltype(auto) async_wait(wait_type w,
                            WaitToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<WaitToken, void(error_code)>(initiate_async_wait(this), token, w);
  }

  //@}
  /// @cond INTERNAL
 protected:
  // The acceptor hands accepted descriptors to a peer socket's implementation.
  template <typename, typename>
  friend class basic_socket_acceptor;
  friend struct detail::socket_access;
  template <typename, typename>
  friend class basic_socket;

  // Closes the socket; pending operations end with operation_aborted.
  ~basic_socket() = default;

  service_type& service() noexcept { return impl_.get_service(); }
  const service_type& service() const noexcept { return impl_.get_service(); }
  typename service_type::implementation_type& impl() noexcept { return impl_.get_implementation(); }
  const typename service_type::implementation_type& impl() const noexcept {
    return impl_.get_implementation();
  }

  detail::io_object_impl<service_type, executor_type> impl_;

  /// @endcond
 private:
  class initiate_async_connect {
   public:
    using executor_type = Executor;
    explicit initiate_async_connect(basic_socket* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename Handler>
    void operator()(Handler&& handler, const endpoint_type& peer, const error_code& open_ec) const {
      self_->service().async_connect(self_->impl(), peer, open_ec, std::forward<Handler>(handler),
                                     self_->impl_.get_executor());
    }

   private:
    basic_socket* self_;
  };

  class initiate_async_wait {
   public:
    using executor_type = Executor;
    explicit initiate_async_wait(basic_socket* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }

    template <typename Handler>
    void operator()(Handler&& handler, wait_type w) const {
      self_->service().async_wait(self_->impl(), w, std::forward<Handler>(handler),
                                  self_->impl_.get_executor());
    }

   private:
    basic_socket* self_;
  };
};

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/buffer.hpp"
#include "ringport/executor_work_guard.hpp"
