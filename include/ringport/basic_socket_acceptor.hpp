// basic_socket_acceptor<Protocol, Executor>: a listening socket with Asio's interface. It
// accepts into a closed peer socket, or (move-accept) returns a new socket. Built from an
// endpoint it opens, sets reuse_address (unless told not to), binds and listens, as Asio's
// does.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/any_io_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/basic_socket.hpp"
#include "ringport/basic_stream_socket.hpp"
#include "ringport/detail/io_object_impl.hpp"
#include "ringport/detail/socket_service_fwd.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution/execute.hpp"
#include "ringport/socket_base.hpp"

#if !defined(_WIN32)
#include <sys/socket.h>
#endif

#include <type_traits>
#include <utility>

namespace ringport {

/// A listening socket with Asio's interface (Asio's basic_socket_acceptor). It accepts into a
/// closed peer socket, or (move-accept) returns a new socket. Built from an endpoint it opens,
/// sets reuse_address (unless told not to), binds and listens, as Asio's does.
template <typename Protocol, typename Executor = any_io_executor>
class basic_socket_acceptor : public socket_base {
  using service_type = detail::socket_service_for<Protocol>;

 public:
  /// @name Types
  //@{
  /// The executor, the protocol, its endpoint type, and the OS handle (a descriptor on POSIX, a
  /// SOCKET on Windows).
  using executor_type = Executor;
  using protocol_type = Protocol;
  using endpoint_type = typename Protocol::endpoint;
  using native_handle_type = detail::socket_native_handle;
  //@}
  /// What the move-accept forms return: the protocol's socket on this executor, as in Asio
  /// (a stream socket for tcp, a sequenced-packet socket for local::seq_packet_protocol).
  using socket_type = typename Protocol::socket::template rebind_executor<Executor>::other;
  /// The socket type a move-accept onto `Executor1` gives.
  template <typename Executor1>
  using rebound_socket = typename Protocol::socket::template rebind_executor<Executor1>::other;

  /// The same acceptor type on another executor type.
  template <typename Executor1>
  struct rebind_executor {
    /// The acceptor type on `Executor1`.
    using other = basic_socket_acceptor<Protocol, Executor1>;
  };

  /// @name Construction and assignment
  //@{
  /// A closed acceptor on an executor (or an execution context's executor); given a protocol,
  /// it is opened; given an endpoint, it is opened, gets reuse_address (when `reuse_addr`),
  /// is bound there and listens; given a native handle, it takes that handle over (assign()).
  /// Errors are thrown as std::system_error. Moves take pending accepts along and leave the
  /// source closed.
  template <detail::socket_executor_arg<Executor> ExecutorArg>
  explicit basic_socket_acceptor(const ExecutorArg& ex) : impl_(0, executor_type(ex)) {}

  template <detail::execution_context_type ExecutionContext>
  explicit basic_socket_acceptor(ExecutionContext& ctx) : impl_(ctx) {}

  basic_socket_acceptor(const executor_type& ex, const protocol_type& protocol) : impl_(0, ex) {
    open(protocol);
  }

  template <detail::execution_context_type ExecutionContext>
  basic_socket_acceptor(ExecutionContext& ctx, const protocol_type& protocol) : impl_(ctx) {
    open(protocol);
  }

  basic_socket_acceptor(const executor_type& ex, const endpoint_type& ep, bool reuse_addr = true)
      : impl_(0, ex) {
    open_bind_listen(ep, reuse_addr);
  }

  template <detail::execution_context_type ExecutionContext>
  basic_socket_acceptor(ExecutionContext& ctx, const endpoint_type& ep, bool reuse_addr = true)
      : impl_(ctx) {
    open_bind_listen(ep, reuse_addr);
  }

  basic_socket_acceptor(const executor_type& ex, const protocol_type& protocol,
                        const native_handle_type& fd)
      : impl_(0, ex) {
    assign(protocol, fd);
  }

  template <detail::execution_context_type ExecutionContext>
  basic_socket_acceptor(ExecutionContext& ctx, const protocol_type& protocol,
                        const native_handle_type& fd)
      : impl_(ctx) {
    assign(protocol, fd);
  }

  basic_socket_acceptor(basic_socket_acceptor&&) = default;
  basic_socket_acceptor& operator=(basic_socket_acceptor&&) = default;
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_socket_acceptor(basic_socket_acceptor<Protocol, Executor1>&& other)
      : impl_(std::move(other.impl_)) {}
  template <detail::executor_convertible_to<Executor> Executor1>
  basic_socket_acceptor& operator=(basic_socket_acceptor<Protocol, Executor1>&& other) {
    impl_ = std::move(other.impl_);
    return *this;
  }
  basic_socket_acceptor(const basic_socket_acceptor&) = delete;
  basic_socket_acceptor& operator=(const basic_socket_acceptor&) = delete;
  /// Closes the acceptor; pending accepts end with operation_aborted.
  ~basic_socket_acceptor() = default;

  //@}
  /// The executor the acceptor's handlers run on by default.
  executor_type get_executor() noexcept { return impl_.get_executor(); }

  /// @name Opening and assigning
  //@{
  /// open() creates an OS socket of the protocol; assign() takes an existing native handle over.
  /// The overloads without `ec` throw std::system_error on failure.
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
  /// Whether the acceptor holds an OS socket.
  bool is_open() const noexcept { return service().is_open(impl()); }

  /// @name Binding
  //@{
  /// Binds the acceptor to a local endpoint. The overload without `ec` throws
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
  /// @name Listening
  //@{
  /// Puts the acceptor in the listening state with a queue of `backlog` pending connections.
  /// The overload without `ec` throws std::system_error on failure.
  void listen(int backlog = socket_base::max_listen_connections) {
    error_code ec;
    listen(backlog, ec);
    detail::throw_error(ec, "listen");
  }
  error_code listen(int backlog, error_code& ec) { return service().listen(impl(), backlog, ec); }

  //@}
  /// @name Closing
  //@{
  /// Closes the acceptor: pending accepts end with operation_aborted. The overload without `ec`
  /// throws std::system_error on failure.
  void close() {
    error_code ec;
    close(ec);
    detail::throw_error(ec, "close");
  }
  error_code close(error_code& ec) { return service().close(impl(), ec); }

  //@}
  /// @name Releasing the handle
  //@{
  /// Pending accepts end with operation_aborted; the caller owns the OS socket, which is
  /// returned. The overload without `ec` throws std::system_error on failure.
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
  /// Ends every pending operation on the acceptor with operation_aborted. The overload without
  /// `ec` throws std::system_error on failure.
  void cancel() {
    error_code ec;
    cancel(ec);
    detail::throw_error(ec, "cancel");
  }
  error_code cancel(error_code& ec) { return service().cancel(impl(), ec); }

  //@}
  /// @name Socket options
  //@{
  /// Sets or gets a socket option (socket_base's options, such as reuse_address). The overloads
  /// without `ec` throw std::system_error on failure.
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
  /// Whether the acceptor's synchronous operations fail with would_block instead of blocking,
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
  /// @name Local endpoint
  //@{
  /// The endpoint the acceptor is bound to. The overload without `ec` throws std::system_error
  /// on failure.
  endpoint_type local_endpoint() const {
    error_code ec;
    endpoint_type ep = local_endpoint(ec);
    detail::throw_error(ec, "local_endpoint");
    return ep;
  }
  endpoint_type local_endpoint(error_code& ec) const {
    return service().local_endpoint(impl(), ec);
  }

  //@}
  /// @name Waiting for readiness
  //@{
  /// Blocks until the acceptor is ready (wait_read: a connection is waiting), or starts such a
  /// wait: async_wait's completion signature is void(error_code); cancellation (cancel(),
  /// close() or the handler's cancellation slot) ends it with operation_aborted.
  void wait(wait_type w) {
    error_code ec;
    wait(w, ec);
    detail::throw_error(ec, "wait");
  }
  error_code wait(wait_type w, error_code& ec) { return service().wait(impl(), w, ec); }

  template <
      completion_token_for<void(error_code)> WaitToken = default_completion_token_t<executor_type>>
  decltype(auto) async_wait(wait_type w,
                            WaitToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<WaitToken, void(error_code)>(initiate_async_wait(this), token, w);
  }

  //@}
  /// @name Accepting into a socket
  //@{
  /// Accepts into `peer`, which must be closed.
  template <typename Protocol1, typename Executor1>
  void accept(basic_socket<Protocol1, Executor1>& peer) {
    error_code ec;
    accept(peer, ec);
    detail::throw_error(ec, "accept");
  }
  template <typename Protocol1, typename Executor1>
  error_code accept(basic_socket<Protocol1, Executor1>& peer, error_code& ec) {
    return service().accept(impl(), peer.service(), peer.impl(), nullptr, ec);
  }
  template <typename Executor1>
  void accept(basic_socket<Protocol, Executor1>& peer, endpoint_type& peer_endpoint) {
    error_code ec;
    accept(peer, peer_endpoint, ec);
    detail::throw_error(ec, "accept");
  }
  template <typename Executor1>
  error_code accept(basic_socket<Protocol, Executor1>& peer, endpoint_type& peer_endpoint,
                    error_code& ec) {
    return service().accept(impl(), peer.service(), peer.impl(), &peer_endpoint, ec);
  }

  //@}
  /// @name Move-accepting
  //@{
  /// Move-accept: returns a new socket on the acceptor's executor.
  socket_type accept() {
    error_code ec;
    socket_type peer = accept(ec);
    detail::throw_error(ec, "accept");
    return peer;
  }
  socket_type accept(error_code& ec) { return accept(impl_.get_executor(), ec); }
  socket_type accept(endpoint_type& peer_endpoint) {
    return accept(impl_.get_executor(), peer_endpoint);
  }
  socket_type accept(endpoint_type& peer_endpoint, error_code& ec) {
    return accept(impl_.get_executor(), peer_endpoint, ec);
  }

  //@}
  /// @name Move-accepting onto another executor
  //@{
  /// Move-accept onto another executor or execution context: the new socket's operations
  /// run there (for example one io_context per thread, one acceptor for all).
  template <execution::executor Executor1>
  rebound_socket<Executor1> accept(const Executor1& ex) {
    error_code ec;
    rebound_socket<Executor1> peer = accept(ex, ec);
    detail::throw_error(ec, "accept");
    return peer;
  }
  template <execution::executor Executor1>
  rebound_socket<Executor1> accept(const Executor1& ex, error_code& ec) {
    rebound_socket<Executor1> peer(ex);
    service().accept(impl(), peer.service(), peer.impl(), nullptr, ec);
    return peer;
  }
  template <execution::executor Executor1>
  rebound_socket<Executor1> accept(const Executor1& ex, endpoint_type& peer_endpoint) {
    error_code ec;
    rebound_socket<Executor1> peer = accept(ex, peer_endpoint, ec);
    detail::throw_error(ec, "accept");
    return peer;
  }
  template <execution::executor Executor1>
  rebound_socket<Executor1> accept(const Executor1& ex, endpoint_type& peer_endpoint,
                                   error_code& ec) {
    rebound_socket<Executor1> peer(ex);
    service().accept(impl(), peer.service(), peer.impl(), &peer_endpoint, ec);
    return peer;
  }
  template <detail::execution_context_type Context>
  auto accept(Context& context) {
    return accept(context.get_executor());
  }
  template <detail::execution_context_type Context>
  auto accept(Context& context, error_code& ec) {
    return accept(context.get_executor(), ec);
  }
  template <detail::execution_context_type Context>
  auto accept(Context& context, endpoint_type& peer_endpoint) {
    return accept(context.get_executor(), peer_endpoint);
  }
  template <detail::execution_context_type Context>
  auto accept(Context& context, endpoint_type& peer_endpoint, error_code& ec) {
    return accept(context.get_executor(), peer_endpoint, ec);
  }

  //@}
  /// @name Accepting into a socket asynchronously
  //@{
  /// Starts an accept into `peer`, which must be closed. Completion signature void(error_code).
  /// Cancellation (cancel(), close() or the handler's cancellation slot) ends it with
  /// operation_aborted.
  template <typename Protocol1, typename Executor1,
            completion_token_for<void(error_code)> AcceptToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_accept(basic_socket<Protocol1, Executor1>& peer,
                              AcceptToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<AcceptToken, void(error_code)>(initiate_async_accept(this), token, &peer,
                                                         static_cast<endpoint_type*>(nullptr));
  }
  template <typename Executor1, completion_token_for<void(error_code)> AcceptToken =
                                    default_completion_token_t<executor_type>>
  decltype(auto) async_accept(basic_socket<Protocol, Executor1>& peer, endpoint_type& peer_endpoint,
                              AcceptToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<AcceptToken, void(error_code)>(initiate_async_accept(this), token, &peer,
                                                         &peer_endpoint);
  }

  //@}
  /// @name Move-accepting asynchronously
  //@{
  /// Move-accept; completion signature void(error_code, socket_type).
  /// Cancellation (cancel(), close() or the handler's cancellation slot) ends it with
  /// operation_aborted.
  template <completion_token_for<void(error_code, socket_type)> MoveAcceptToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_accept(
      MoveAcceptToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<MoveAcceptToken, void(error_code, socket_type)>(
        initiate_async_move_accept(this), token, impl_.get_executor(),
        static_cast<endpoint_type*>(nullptr));
  }
  template <completion_token_for<void(error_code, socket_type)> MoveAcceptToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_accept(
      endpoint_type& peer_endpoint,
      MoveAcceptToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<MoveAcceptToken, void(error_code, socket_type)>(
        initiate_async_move_accept(this), token, impl_.get_executor(), &peer_endpoint);
  }

  //@}
  /// @name Move-accepting asynchronously onto another executor
  //@{
  /// Move-accept onto another executor or execution context; completion signature
  /// void(error_code, socket on that executor).
  /// Cancellation (cancel(), close() or the handler's cancellation slot) ends it with
  /// operation_aborted.
  template <execution::executor Executor1,
            completion_token_for<void(error_code, rebound_socket<Executor1>)> MoveAcceptToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_accept(
      const Executor1& ex, MoveAcceptToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<MoveAcceptToken, void(error_code, rebound_socket<Executor1>)>(
        initiate_async_move_accept(this), token, ex, static_cast<endpoint_type*>(nullptr));
  }
  template <execution::executor Executor1,
            completion_token_for<void(error_code, rebound_socket<Executor1>)> MoveAcceptToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_accept(
      const Executor1& ex, endpoint_type& peer_endpoint,
      MoveAcceptToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<MoveAcceptToken, void(error_code, rebound_socket<Executor1>)>(
        initiate_async_move_accept(this), token, ex, &peer_endpoint);
  }
  template <detail::execution_context_type Context,
            completion_token_for<void(error_code, rebound_socket<typename Context::executor_type>)>
                MoveAcceptToken = default_completion_token_t<executor_type>>
  decltype(auto) async_accept(
      Context& context, MoveAcceptToken&& token = default_completion_token_t<executor_type>()) {
    return async_accept(context.get_executor(), std::forward<MoveAcceptToken>(token));
  }
  template <detail::execution_context_type Context,
            completion_token_for<void(error_code, rebound_socket<typename Context::executor_type>)>
                MoveAcceptToken = default_completion_token_t<executor_type>>
  decltype(auto) async_accept(
      Context& context, endpoint_type& peer_endpoint,
      MoveAcceptToken&& token = default_completion_token_t<executor_type>()) {
    return async_accept(context.get_executor(), peer_endpoint,
                        std::forward<MoveAcceptToken>(token));
  }

  //@}
 private:
  template <typename, typename>
  friend class basic_socket_acceptor;

  service_type& service() noexcept { return impl_.get_service(); }
  const service_type& service() const noexcept { return impl_.get_service(); }
  typename service_type::implementation_type& impl() noexcept { return impl_.get_implementation(); }
  const typename service_type::implementation_type& impl() const noexcept {
    return impl_.get_implementation();
  }

  void open_bind_listen(const endpoint_type& ep, bool reuse_addr) {
    open(ep.protocol());
    if (reuse_addr) set_option(socket_base::reuse_address(true));
    bind(ep);
    listen();
  }

  class initiate_async_wait {
   public:
    using executor_type = Executor;
    explicit initiate_async_wait(basic_socket_acceptor* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }
    template <typename Handler>
    void operator()(Handler&& handler, wait_type w) const {
      self_->service().async_wait(self_->impl(), w, std::forward<Handler>(handler),
                                  self_->impl_.get_executor());
    }

   private:
    basic_socket_acceptor* self_;
  };

  class initiate_async_accept {
   public:
    using executor_type = Executor;
    explicit initiate_async_accept(basic_socket_acceptor* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }
    template <typename Handler, typename Protocol1, typename Executor1>
    void operator()(Handler&& handler, basic_socket<Protocol1, Executor1>* peer,
                    endpoint_type* peer_endpoint) const {
      self_->service().async_accept(self_->impl(), peer->service(), peer->impl(), peer_endpoint,
                                    std::forward<Handler>(handler), self_->impl_.get_executor());
    }

   private:
    basic_socket_acceptor* self_;
  };

  class initiate_async_move_accept {
   public:
    using executor_type = Executor;
    explicit initiate_async_move_accept(basic_socket_acceptor* self) noexcept : self_(self) {}
    executor_type get_executor() const noexcept { return self_->get_executor(); }
    template <typename Handler, typename Executor1>
    void operator()(Handler&& handler, const Executor1& peer_ex,
                    endpoint_type* peer_endpoint) const {
      self_->service().template async_move_accept<rebound_socket<Executor1>>(
          self_->impl(), peer_ex, peer_endpoint, std::forward<Handler>(handler),
          self_->impl_.get_executor());
    }

   private:
    basic_socket_acceptor* self_;
  };

  detail::io_object_impl<service_type, executor_type> impl_;
};

}  // namespace ringport
