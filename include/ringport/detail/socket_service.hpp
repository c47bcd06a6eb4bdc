// socket_service<Protocol>: the per-protocol socket service (Asio's per-protocol
// service), one per execution context and protocol, found through use_service, on every OS.
// Its implementation adds the protocol and the remote endpoint given to connect to the OS
// half's (socket_service_base: posix_socket_service_base or iocp_socket_service_base, which
// have the same members). What depends on the protocol is here: endpoints in and out,
// options, accepting into a socket of the protocol; the OS half builds and starts the ops.
#pragma once

#include "ringport/buffer_sequence.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/detail/binder1.hpp"
#include "ringport/detail/binder2.hpp"
#include "ringport/detail/buffer_sequence_adapter.hpp"
#include "ringport/detail/socket_access.hpp"
#include "ringport/detail/socket_service_base.hpp"
#include "ringport/error.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/mutable_buffer.hpp"

#include <cstddef>
#include <cstring>
#include <utility>

namespace ringport::detail {

template <typename Protocol>
class socket_service final : public socket_service_base,
                             public execution_context_service_base<socket_service<Protocol>> {
 public:
  using protocol_type = Protocol;
  using endpoint_type = typename Protocol::endpoint;

  struct implementation_type : base_implementation_type {
    protocol_type protocol_ = endpoint_type().protocol();
    // The endpoint given to connect: where getpeername can fail on a connected socket (a
    // Windows socket connected with ConnectEx before its context is updated), it stands in.
    bool have_remote_endpoint_ = false;
    endpoint_type remote_endpoint_;
  };

  explicit socket_service(execution_context& ctx)
      : socket_service_base(ctx), execution_context_service_base<socket_service>(ctx) {}

  // The service's shutdown (close every socket); the socket's shutdown(what) stays visible.
  void shutdown() override { base_shutdown(); }
  using socket_service_base::shutdown;

  void destroy(implementation_type& impl) {
    error_code ignored;
    close(impl, ignored);
    impls_.unlink(impl);
  }

  // Pending ops of `other` keep running on the socket, which moves to `impl`; `impl` takes
  // `other`'s place in the list.
  void move_construct(implementation_type& impl, implementation_type& other) {
    take_state(impl, other);
    move_protocol_state(impl, other);
    impls_.replace(other, impl);
  }

  void move_assign(implementation_type& impl, socket_service& other_service,
                   implementation_type& other) {
    error_code ignored;
    close(impl, ignored);
    if (&other_service != this) {
      // `impl` moves to the other service's list with the socket.
      impls_.unlink(impl);
      other_service.move_construct(impl, other);
      return;
    }
    take_state(impl, other);
    move_protocol_state(impl, other);
  }

  error_code open(implementation_type& impl, const protocol_type& protocol, error_code& ec) {
    if (!do_open(impl, protocol.family(), protocol.type(), protocol.protocol(), ec)) {
      impl.protocol_ = protocol;
      impl.have_remote_endpoint_ = false;
    }
    return ec;
  }

  // `hint`: what is known of the native socket (see the OS half's assign_hint).
  error_code assign(implementation_type& impl, const protocol_type& protocol, native_handle_type s,
                    error_code& ec, assign_hint hint = no_assign_hint) {
    if (!do_assign(impl, protocol.type(), s, ec, hint)) {
      impl.protocol_ = protocol;
      impl.have_remote_endpoint_ = false;
    }
    return ec;
  }

  error_code bind(implementation_type& impl, const endpoint_type& ep, error_code& ec) {
    return do_bind(impl, ep.data(), ep.size(), ec);
  }

  error_code connect(implementation_type& impl, const endpoint_type& ep, error_code& ec) {
    if (!do_connect(impl, ep.data(), ep.size(), ec)) {
      impl.have_remote_endpoint_ = true;
      impl.remote_endpoint_ = ep;
    }
    return ec;
  }

  endpoint_type local_endpoint(const implementation_type& impl, error_code& ec) const {
    endpoint_type ep;
    std::size_t len = ep.capacity();
    if (do_local_endpoint(impl, ep.data(), len, ec)) return endpoint_type();
    ep.resize(len);
    return ep;
  }

  endpoint_type remote_endpoint(const implementation_type& impl, error_code& ec) const {
    endpoint_type ep;
    std::size_t len = ep.capacity();
    if (do_remote_endpoint(impl, ep.data(), len, ec)) {
      if (remote_endpoint_from_connect && impl.have_remote_endpoint_ && is_open(impl)) {
        ec.clear();
        return impl.remote_endpoint_;
      }
      return endpoint_type();
    }
    ep.resize(len);
    return ep;
  }

  // The user's view of the mode only (a flag in the state): with it, a synchronous call that
  // would wait reports would_block; the descriptor's own mode is native_non_blocking's.
  bool non_blocking(const implementation_type& impl) const noexcept {
    return (impl.state_ & user_set_non_blocking) != 0;
  }
  error_code non_blocking(implementation_type& impl, bool mode, error_code& ec) {
    if (!is_open(impl)) {
      ec = error::bad_descriptor;
      return ec;
    }
    if (mode)
      impl.state_ |= user_set_non_blocking;
    else
      impl.state_ &= ~user_set_non_blocking;
    ec.clear();
    return ec;
  }

  bool at_mark(const implementation_type& impl, error_code& ec) const {
    detail::at_mark_command command;
    // io_control takes a mutable service and implementation; SIOCATMARK only reads the
    // socket, so at_mark stays const as in Asio.
    auto& self = const_cast<socket_service&>(*this);
    self.io_control(const_cast<implementation_type&>(impl), command, ec);
    return !ec && command.get();
  }

  // Asio's socket option concept: level(), name(), data(), size() (and resize() to read).
  // Options at custom_socket_option_level (enable_connection_aborted) are flags in the
  // implementation's state; every other level goes to the OS half (setsockopt/getsockopt).
  template <typename Option>
  error_code set_option(implementation_type& impl, const Option& option, error_code& ec) {
    const int level = option.level(impl.protocol_), name = option.name(impl.protocol_);
    const std::size_t size = option.size(impl.protocol_);
    if (level != custom_socket_option_level)
      return socket_service_base::set_option(impl, level, name, option.data(impl.protocol_), size,
                                             ec);
    if (custom_option_check(impl, name, size, ec)) return ec;
    int on = 0;
    std::memcpy(&on, option.data(impl.protocol_), sizeof on);
    if (on)
      impl.state_ |= socket_service_base::enable_connection_aborted;
    else
      impl.state_ &= ~socket_service_base::enable_connection_aborted;
    return ec;
  }

  template <typename Option>
  error_code get_option(const implementation_type& impl, Option& option, error_code& ec) const {
    const int level = option.level(impl.protocol_), name = option.name(impl.protocol_);
    std::size_t size = option.size(impl.protocol_);
    if (level == custom_socket_option_level) {
      if (!custom_option_check(impl, name, size, ec)) {
        const int on = (impl.state_ & socket_service_base::enable_connection_aborted) ? 1 : 0;
        std::memcpy(option.data(impl.protocol_), &on, sizeof on);
      }
      return ec;
    }
    if (!socket_service_base::get_option(impl, level, name, option.data(impl.protocol_), size, ec))
      option.resize(impl.protocol_, size);
    return ec;
  }

  template <typename ConstBufferSequence>
  std::size_t send(implementation_type& impl, const ConstBufferSequence& buffers,
                   socket_base::message_flags flags, error_code& ec) {
    if constexpr (is_null_buffers<ConstBufferSequence>) {
      wait(impl, socket_base::wait_write, ec);
      return 0;
    }
    buffer_sequence_adapter<const_buffer, ConstBufferSequence> bufs(buffers);
    return socket_service_base::send(impl, bufs.buffers(), bufs.count(), bufs.total_size(), flags,
                                     ec);
  }

  template <typename MutableBufferSequence>
  std::size_t receive(implementation_type& impl, const MutableBufferSequence& buffers,
                      socket_base::message_flags flags, error_code& ec) {
    if constexpr (is_null_buffers<MutableBufferSequence>) {
      wait(impl, socket_base::wait_read, ec);
      return 0;
    }
    buffer_sequence_adapter<mutable_buffer, MutableBufferSequence> bufs(buffers);
    return socket_service_base::receive(impl, bufs.buffers(), bufs.count(), bufs.total_size(),
                                        flags, ec);
  }

  // `out_flags` gets the received message's flags (message_end_of_record on sequenced
  // packets; MSG_TRUNC when a datagram or record was cut to fit, which still succeeds).
  template <typename MutableBufferSequence>
  std::size_t receive_with_flags(implementation_type& impl, const MutableBufferSequence& buffers,
                                 socket_base::message_flags in_flags,
                                 socket_base::message_flags& out_flags, error_code& ec) {
    out_flags = 0;
    if constexpr (is_null_buffers<MutableBufferSequence>) {
      wait(impl, socket_base::wait_read, ec);
      return 0;
    }
    buffer_sequence_adapter<mutable_buffer, MutableBufferSequence> bufs(buffers);
    return socket_service_base::receive(impl, bufs.buffers(), bufs.count(), bufs.total_size(),
                                        in_flags, ec, nullptr, nullptr, &out_flags);
  }

  // Datagrams: a 0-byte datagram is sent and received like any other.
  template <typename ConstBufferSequence>
  std::size_t send_to(implementation_type& impl, const ConstBufferSequence& buffers,
                      const endpoint_type& destination, socket_base::message_flags flags,
                      error_code& ec) {
    if constexpr (is_null_buffers<ConstBufferSequence>) {
      wait(impl, socket_base::wait_write, ec);
      return 0;
    }
    buffer_sequence_adapter<const_buffer, ConstBufferSequence> bufs(buffers);
    return socket_service_base::send(impl, bufs.buffers(), bufs.count(), bufs.total_size(), flags,
                                     ec, destination.data(), destination.size());
  }

  template <typename MutableBufferSequence>
  std::size_t receive_from(implementation_type& impl, const MutableBufferSequence& buffers,
                           endpoint_type& sender, socket_base::message_flags flags,
                           error_code& ec) {
    if constexpr (is_null_buffers<MutableBufferSequence>) {
      wait(impl, socket_base::wait_read, ec);
      return 0;
    }
    buffer_sequence_adapter<mutable_buffer, MutableBufferSequence> bufs(buffers);
    std::size_t len = sender.capacity();
    std::size_t n = socket_service_base::receive(impl, bufs.buffers(), bufs.count(),
                                                 bufs.total_size(), flags, ec, sender.data(), &len);
    if (!ec) sender.resize(len < sender.capacity() ? len : sender.capacity());
    return n;
  }

  // Accepts into `peer_impl` (which must be closed) of `peer_service`.
  template <typename PeerService>
  error_code accept(implementation_type& impl, PeerService& peer_service,
                    typename PeerService::implementation_type& peer_impl, endpoint_type* peer_ep,
                    error_code& ec) {
    if (peer_service.is_open(peer_impl)) {
      ec = error::already_open;
      return ec;
    }
    address_storage addr;
    std::size_t len = sizeof addr;
    native_handle_type s = do_accept(impl, &addr, &len, ec);
    if (s == invalid_native_handle) return ec;
    if (peer_service.assign(peer_impl, impl.protocol_, s, ec, accepted_hint(impl))) {
      close_native(s);
      return ec;
    }
    if (peer_ep) copy_endpoint(*peer_ep, &addr, len);
    return ec;
  }

  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void async_receive(implementation_type& impl, const MutableBufferSequence& buffers,
                     socket_base::message_flags flags, Handler&& handler, const IoExecutor& io_ex) {
    initiate_receive(impl, buffers, flags, nullptr, std::forward<Handler>(handler), io_ex);
  }

  // `out_flags` must outlive the operation, as in Asio.
  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void async_receive_with_flags(implementation_type& impl, const MutableBufferSequence& buffers,
                                socket_base::message_flags in_flags,
                                socket_base::message_flags& out_flags, Handler&& handler,
                                const IoExecutor& io_ex) {
    out_flags = 0;
    initiate_receive(impl, buffers, in_flags, &out_flags, std::forward<Handler>(handler), io_ex);
  }

  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void async_send(implementation_type& impl, const ConstBufferSequence& buffers,
                  socket_base::message_flags flags, Handler&& handler, const IoExecutor& io_ex) {
    initiate_send(impl, buffers, flags, std::forward<Handler>(handler), io_ex);
  }

  // `sender` must outlive the operation, as in Asio; it gets the sender's address.
  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void async_receive_from(implementation_type& impl, const MutableBufferSequence& buffers,
                          endpoint_type& sender, socket_base::message_flags flags,
                          Handler&& handler, const IoExecutor& io_ex) {
    initiate_receive_from(impl, buffers, sender, flags, std::forward<Handler>(handler), io_ex);
  }

  // The op copies `destination`; the caller's endpoint need not outlive the call.
  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void async_send_to(implementation_type& impl, const ConstBufferSequence& buffers,
                     const endpoint_type& destination, socket_base::message_flags flags,
                     Handler&& handler, const IoExecutor& io_ex) {
    initiate_send_to(impl, buffers, destination.data(), destination.size(), flags,
                     std::forward<Handler>(handler), io_ex);
  }

  // `open_ec` is the result of opening the socket on the caller's behalf (Asio opens a
  // closed socket before connecting); an error completes the op with it.
  template <typename Handler, typename IoExecutor>
  void async_connect(implementation_type& impl, const endpoint_type& ep, const error_code& open_ec,
                     Handler&& handler, const IoExecutor& io_ex) {
    if (!open_ec) {
      impl.have_remote_endpoint_ = true;
      impl.remote_endpoint_ = ep;
    }
    initiate_connect(impl, ep.data(), ep.size(), open_ec, std::forward<Handler>(handler), io_ex);
  }

  template <typename Handler, typename IoExecutor>
  void async_wait(implementation_type& impl, socket_base::wait_type w, Handler&& handler,
                  const IoExecutor& io_ex) {
    initiate_wait(impl, w, std::forward<Handler>(handler), io_ex);
  }

  // Accepts into `peer_impl`; completion void(error_code). The peer socket object and
  // `peer_ep` must outlive the operation, as in Asio.
  template <typename PeerService, typename Handler, typename IoExecutor>
  void async_accept(implementation_type& impl, PeerService& peer_service,
                    typename PeerService::implementation_type& peer_impl, endpoint_type* peer_ep,
                    Handler&& handler, const IoExecutor& io_ex) {
    initiate_accept(impl, impl.protocol_,
                    accept_into<PeerService>{&peer_service, &peer_impl, peer_ep, impl.protocol_,
                                             accepted_hint(impl)},
                    peer_service.is_open(peer_impl), std::forward<Handler>(handler), io_ex);
  }

  // Accepts into a new Socket made on `peer_ex`; completion void(error_code, Socket).
  template <typename Socket, typename Handler, typename IoExecutor>
  void async_move_accept(implementation_type& impl, const typename Socket::executor_type& peer_ex,
                         endpoint_type* peer_ep, Handler&& handler, const IoExecutor& io_ex) {
    initiate_accept(impl, impl.protocol_,
                    move_accept<Socket>{peer_ex, peer_ep, impl.protocol_, accepted_hint(impl)},
                    false, std::forward<Handler>(handler), io_ex);
  }

 private:
  // A custom-level option on an open socket: the one such option, as an int. Sets `ec`;
  // true when it is an error.
  bool custom_option_check(const implementation_type& impl, int name, std::size_t size,
                           error_code& ec) const {
    if (!this->is_open(impl))
      ec = error::bad_descriptor;
    else if (name != enable_connection_aborted_option || size != sizeof(int))
      ec = error::invalid_argument;
    else
      ec.clear();
    return static_cast<bool>(ec);
  }

  static void move_protocol_state(implementation_type& impl, implementation_type& other) {
    impl.protocol_ = other.protocol_;
    impl.have_remote_endpoint_ = other.have_remote_endpoint_;
    impl.remote_endpoint_ = other.remote_endpoint_;
    other.protocol_ = endpoint_type().protocol();
    other.have_remote_endpoint_ = false;
  }

  static void copy_endpoint(endpoint_type& ep, const void* addr, std::size_t len) {
    if (len > ep.capacity()) len = ep.capacity();
    std::memcpy(ep.data(), addr, len);
    ep.resize(len);
  }

  // The accept ops' completions: bind(handler, ec, s, addr, addr_len) returns the nullary
  // function that delivers the result; it owns `s` when !ec (and closes it if delivery
  // fails).

  // Accept into an existing socket: the new socket is assigned to it at completion.
  template <typename PeerService>
  struct accept_into {
    PeerService* service_;
    typename PeerService::implementation_type* impl_;
    endpoint_type* peer_ep_;
    protocol_type protocol_;
    assign_hint hint_;  // what the listener's accepts are known to return

    template <typename H>
    binder1<H, error_code> bind(H&& handler, error_code ec, native_handle_type s, const void* addr,
                                std::size_t addr_len) {
      if (!ec && s != invalid_native_handle) {
        if (service_->assign(*impl_, protocol_, s, ec, hint_))
          close_native(s);
        else if (peer_ep_)
          copy_endpoint(*peer_ep_, addr, addr_len);
      }
      return binder1<H, error_code>(std::forward<H>(handler), ec);
    }
  };

  // Move-accept: the new socket becomes a new socket object handed to the handler.
  template <typename Socket>
  struct move_accept {
    typename Socket::executor_type executor_;
    endpoint_type* peer_ep_;
    protocol_type protocol_;
    assign_hint hint_;  // what the listener's accepts are known to return

    template <typename H>
    binder2<H, error_code, Socket> bind(H&& handler, error_code ec, native_handle_type s,
                                        const void* addr, std::size_t addr_len) {
      Socket peer(executor_);
      if (!ec && s != invalid_native_handle) {
        socket_access::service(peer).assign(socket_access::impl(peer), protocol_, s, ec, hint_);
        if (ec)
          close_native(s);
        else if (peer_ep_)
          copy_endpoint(*peer_ep_, addr, addr_len);
      }
      return binder2<H, error_code, Socket>(std::forward<H>(handler), ec, std::move(peer));
    }
  };
};

}  // namespace ringport::detail
