// iocp_socket_service<Protocol>: the per-protocol socket service on Windows (the seed's
// win_iocp_socket_service<Protocol>), one per execution context and protocol. Its
// implementation adds the protocol, have-remote-endpoint and the remote endpoint to the
// base's (getpeername can fail on a socket connected with ConnectEx before its context is
// updated, so the endpoint given to connect is kept). The member interface is the Linux
// service's, so the public socket classes use either unchanged.
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/detail/binder1.hpp"
#include "ringport/detail/binder2.hpp"
#include "ringport/detail/buffer_sequence_adapter.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/windows/iocp_socket_ops.hpp"
#include "ringport/detail/socket_access.hpp"
#include "ringport/detail/windows/iocp_socket_service_base.hpp"
#include "ringport/error.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/mutable_buffer.hpp"

#include <cstddef>
#include <cstring>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Buffers>
inline constexpr bool iocp_is_null_buffers = std::is_same_v<Buffers, null_buffers>;

template <typename Protocol>
class iocp_socket_service final
    : public iocp_socket_service_base,
      public execution_context_service_base<iocp_socket_service<Protocol>> {
 public:
  using protocol_type = Protocol;
  using endpoint_type = typename Protocol::endpoint;

  struct implementation_type : base_implementation_type {
    protocol_type protocol_ = endpoint_type().protocol();
    bool have_remote_endpoint_ = false;
    endpoint_type remote_endpoint_;
  };

  explicit iocp_socket_service(execution_context& ctx)
      : iocp_socket_service_base(ctx), execution_context_service_base<iocp_socket_service>(ctx) {}

  void shutdown() override { base_shutdown(); }
  using iocp_socket_service_base::shutdown;

  void destroy(implementation_type& impl) { base_destroy(impl); }

  void move_construct(implementation_type& impl, implementation_type& other) {
    base_move_construct(impl, other);
    move_protocol_state(impl, other);
  }

  void move_assign(implementation_type& impl, iocp_socket_service& other_service,
                   implementation_type& other) {
    base_move_assign(impl, other_service, other);
    move_protocol_state(impl, other);
  }

  error_code open(implementation_type& impl, const protocol_type& protocol, error_code& ec) {
    if (!do_open(impl, protocol.family(), protocol.type(), protocol.protocol(), ec)) {
      impl.protocol_ = protocol;
      impl.have_remote_endpoint_ = false;
    }
    return ec;
  }

  error_code assign(implementation_type& impl, const protocol_type& protocol, native_handle_type s,
                    error_code& ec, int ifs = -1) {
    if (!do_assign(impl, protocol.type(), s, ec, ifs)) {
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
      // A socket connected with ConnectEx may not know its peer yet: the endpoint given to
      // connect stands in (as in Asio).
      if (impl.have_remote_endpoint_ && is_open(impl)) {
        ec.clear();
        return impl.remote_endpoint_;
      }
      return endpoint_type();
    }
    ep.resize(len);
    return ep;
  }

  template <typename Option>
  error_code set_option(implementation_type& impl, const Option& option, error_code& ec) {
    return iocp_socket_service_base::set_option(
        impl, option.level(impl.protocol_), option.name(impl.protocol_),
        option.data(impl.protocol_), option.size(impl.protocol_), ec);
  }

  template <typename Option>
  error_code get_option(const implementation_type& impl, Option& option, error_code& ec) const {
    std::size_t size = option.size(impl.protocol_);
    if (!iocp_socket_service_base::get_option(impl, option.level(impl.protocol_),
                                              option.name(impl.protocol_),
                                              option.data(impl.protocol_), size, ec))
      option.resize(impl.protocol_, size);
    return ec;
  }

  template <typename ConstBufferSequence>
  std::size_t send(implementation_type& impl, const ConstBufferSequence& buffers,
                   socket_base::message_flags flags, error_code& ec) {
    if constexpr (iocp_is_null_buffers<ConstBufferSequence>) {
      wait(impl, socket_base::wait_write, ec);
      return 0;
    }
    buffer_sequence_adapter<const_buffer, ConstBufferSequence> bufs(buffers);
    return iocp_socket_service_base::send(impl, bufs.buffers(), bufs.count(), bufs.total_size(),
                                          flags, ec);
  }

  template <typename MutableBufferSequence>
  std::size_t receive(implementation_type& impl, const MutableBufferSequence& buffers,
                      socket_base::message_flags flags, error_code& ec) {
    if constexpr (iocp_is_null_buffers<MutableBufferSequence>) {
      wait(impl, socket_base::wait_read, ec);
      return 0;
    }
    buffer_sequence_adapter<mutable_buffer, MutableBufferSequence> bufs(buffers);
    return iocp_socket_service_base::receive(impl, bufs.buffers(), bufs.count(), bufs.total_size(),
                                             flags, ec);
  }

  // Receive with flags: `out_flags` gets the received message's flags. On a datagram socket
  // this is WSARecvMsg (message_truncated when the datagram was cut to fit, which still
  // succeeds with the buffers' size, as on Linux); elsewhere WSARecv, and `out_flags` is 0.
  template <typename MutableBufferSequence>
  std::size_t receive_with_flags(implementation_type& impl, const MutableBufferSequence& buffers,
                                 socket_base::message_flags in_flags,
                                 socket_base::message_flags& out_flags, error_code& ec) {
    out_flags = 0;
    if constexpr (iocp_is_null_buffers<MutableBufferSequence>) {
      wait(impl, socket_base::wait_read, ec);
      return 0;
    }
    buffer_sequence_adapter<mutable_buffer, MutableBufferSequence> bufs(buffers);
    return iocp_socket_service_base::receive(impl, bufs.buffers(), bufs.count(), bufs.total_size(),
                                             in_flags, ec, nullptr, nullptr, &out_flags);
  }

  template <typename ConstBufferSequence>
  std::size_t send_to(implementation_type& impl, const ConstBufferSequence& buffers,
                      const endpoint_type& destination, socket_base::message_flags flags,
                      error_code& ec) {
    if constexpr (iocp_is_null_buffers<ConstBufferSequence>) {
      wait(impl, socket_base::wait_write, ec);
      return 0;
    }
    buffer_sequence_adapter<const_buffer, ConstBufferSequence> bufs(buffers);
    return iocp_socket_service_base::send(impl, bufs.buffers(), bufs.count(), bufs.total_size(),
                                          flags, ec, destination.data(), destination.size());
  }

  template <typename MutableBufferSequence>
  std::size_t receive_from(implementation_type& impl, const MutableBufferSequence& buffers,
                           endpoint_type& sender, socket_base::message_flags flags,
                           error_code& ec) {
    if constexpr (iocp_is_null_buffers<MutableBufferSequence>) {
      wait(impl, socket_base::wait_read, ec);
      return 0;
    }
    buffer_sequence_adapter<mutable_buffer, MutableBufferSequence> bufs(buffers);
    std::size_t len = sender.capacity();
    std::size_t n = iocp_socket_service_base::receive(
        impl, bufs.buffers(), bufs.count(), bufs.total_size(), flags, ec, sender.data(), &len);
    if (!ec) sender.resize(len < sender.capacity() ? len : sender.capacity());
    return n;
  }

  template <typename PeerService>
  error_code accept(implementation_type& impl, PeerService& peer_service,
                    typename PeerService::implementation_type& peer_impl, endpoint_type* peer_ep,
                    error_code& ec) {
    if (peer_service.is_open(peer_impl)) {
      ec = error::already_open;
      return ec;
    }
    iocp_address_storage addr;
    std::size_t len = sizeof addr;
    native_handle_type s = do_accept(impl, &addr, &len, ec);
    if (s == invalid_native_socket) return ec;
    if (peer_service.assign(peer_impl, impl.protocol_, s, ec, accepted_ifs(impl))) {
      close_native(s);
      return ec;
    }
    if (peer_ep) copy_endpoint(*peer_ep, &addr, len);
    return ec;
  }

  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void async_receive(implementation_type& impl, const MutableBufferSequence& buffers,
                     socket_base::message_flags flags, Handler&& handler, const IoExecutor& io_ex) {
    start_receive(impl, buffers, flags, nullptr, std::forward<Handler>(handler), io_ex);
  }

  // `out_flags` must outlive the operation, as in Asio.
  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void async_receive_with_flags(implementation_type& impl, const MutableBufferSequence& buffers,
                                socket_base::message_flags in_flags,
                                socket_base::message_flags& out_flags, Handler&& handler,
                                const IoExecutor& io_ex) {
    out_flags = 0;
    start_receive(impl, buffers, in_flags, &out_flags, std::forward<Handler>(handler), io_ex);
  }

  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void async_send(implementation_type& impl, const ConstBufferSequence& buffers,
                  socket_base::message_flags flags, Handler&& handler, const IoExecutor& io_ex) {
    using op = iocp_socket_transfer_op<const_buffer, ConstBufferSequence, std::decay_t<Handler>,
                                       IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    bool stream = (impl.state_ & stream_oriented) != 0;
    op* p = allocate_op<op>(get_associated_allocator(handler), buffers, false, stream,
                            std::forward<Handler>(handler), io_ex, this->context());
    if constexpr (iocp_is_null_buffers<ConstBufferSequence>) {
      start_readiness(impl, *p, slot, socket_base::wait_write);
      return;
    }
    if (stream && is_open(impl) && p->all_empty()) {
      complete_now(*p, error_code());
      return;
    }
    prepare_op(impl, *p, slot);
    start_send_op(impl, *p, p->buffers(), p->count(), flags, nullptr, 0);
  }

  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void async_receive_from(implementation_type& impl, const MutableBufferSequence& buffers,
                          endpoint_type& sender, socket_base::message_flags flags,
                          Handler&& handler, const IoExecutor& io_ex) {
    using op = iocp_socket_transfer_op<mutable_buffer, MutableBufferSequence, std::decay_t<Handler>,
                                       IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(get_associated_allocator(handler), buffers, true, false,
                            std::forward<Handler>(handler), io_ex, this->context());
    if constexpr (iocp_is_null_buffers<MutableBufferSequence>) {
      // Readiness only: the sender endpoint is left alone.
      start_readiness(impl, *p, slot, read_wait_for(flags));
      return;
    }
    p->set_sender(sender);
    prepare_op(impl, *p, slot);
    *p->recv_flags() = static_cast<unsigned long>(flags);
    start_receive_op(impl, *p, p->buffers(), p->count(), p->recv_flags(), p->sender_data(),
                     p->addr_len());
  }

  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void async_send_to(implementation_type& impl, const ConstBufferSequence& buffers,
                     const endpoint_type& destination, socket_base::message_flags flags,
                     Handler&& handler, const IoExecutor& io_ex) {
    using op = iocp_socket_transfer_op<const_buffer, ConstBufferSequence, std::decay_t<Handler>,
                                       IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(get_associated_allocator(handler), buffers, false, false,
                            std::forward<Handler>(handler), io_ex, this->context());
    if constexpr (iocp_is_null_buffers<ConstBufferSequence>) {
      start_readiness(impl, *p, slot, socket_base::wait_write);
      return;
    }
    p->set_destination(destination.data(), destination.size());
    prepare_op(impl, *p, slot);
    start_send_op(impl, *p, p->buffers(), p->count(), flags, p->destination(), *p->addr_len());
  }

  template <typename Handler, typename IoExecutor>
  void async_connect(implementation_type& impl, const endpoint_type& ep, const error_code& open_ec,
                     Handler&& handler, const IoExecutor& io_ex) {
    using op = iocp_socket_wait_op<std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(get_associated_allocator(handler), true, std::forward<Handler>(handler),
                            io_ex, this->context());
    if (open_ec) {
      complete_now(*p, open_ec);
      return;
    }
    p->set_address(ep.data(), ep.size());
    impl.have_remote_endpoint_ = true;
    impl.remote_endpoint_ = ep;
    prepare_op(impl, *p, slot);
    start_connect_op(impl, *p, p->address(), p->address_length());
  }

  template <typename Handler, typename IoExecutor>
  void async_wait(implementation_type& impl, socket_base::wait_type w, Handler&& handler,
                  const IoExecutor& io_ex) {
    using op = iocp_socket_wait_op<std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(get_associated_allocator(handler), false,
                            std::forward<Handler>(handler), io_ex, this->context());
    prepare_op(impl, *p, slot);
    start_wait_op(impl, *p, w, p->zero_buffer(), p->recv_flags());
  }

  template <typename PeerService, typename Handler, typename IoExecutor>
  void async_accept(implementation_type& impl, PeerService& peer_service,
                    typename PeerService::implementation_type& peer_impl, endpoint_type* peer_ep,
                    Handler&& handler, const IoExecutor& io_ex) {
    using completion = accept_into<PeerService>;
    using op = iocp_socket_accept_op<completion, std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(
        get_associated_allocator(handler), impl.socket_,
        completion{&peer_service, &peer_impl, peer_ep, impl.protocol_, accepted_ifs(impl)},
        std::forward<Handler>(handler), io_ex, this->context());
    if (peer_service.is_open(peer_impl)) {
      complete_now(*p, error::already_open);
      return;
    }
    start_accept(impl, *p, slot);
  }

  template <typename Socket, typename Handler, typename IoExecutor>
  void async_move_accept(implementation_type& impl, const typename Socket::executor_type& peer_ex,
                         endpoint_type* peer_ep, Handler&& handler, const IoExecutor& io_ex) {
    using completion = move_accept<Socket>;
    using op = iocp_socket_accept_op<completion, std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(get_associated_allocator(handler), impl.socket_,
                            completion{peer_ex, peer_ep, impl.protocol_, accepted_ifs(impl)},
                            std::forward<Handler>(handler), io_ex, this->context());
    start_accept(impl, *p, slot);
  }

 private:
  // A receive; with `out_flags`, the flags the receive reported go there (through WSARecvMsg
  // on a datagram socket).
  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void start_receive(implementation_type& impl, const MutableBufferSequence& buffers,
                     socket_base::message_flags in_flags, socket_base::message_flags* out_flags,
                     Handler&& handler, const IoExecutor& io_ex) {
    using op = iocp_socket_transfer_op<mutable_buffer, MutableBufferSequence, std::decay_t<Handler>,
                                       IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    bool stream = (impl.state_ & stream_oriented) != 0;
    op* p = allocate_op<op>(get_associated_allocator(handler), buffers, true, stream,
                            std::forward<Handler>(handler), io_ex, this->context());
    if constexpr (iocp_is_null_buffers<MutableBufferSequence>) {
      start_readiness(impl, *p, slot, read_wait_for(in_flags));
      return;
    }
    if (stream && is_open(impl) && p->all_empty()) {
      complete_now(*p, error_code());
      return;
    }
    prepare_op(impl, *p, slot);
    if (out_flags) p->set_out_flags(*out_flags);
    if (out_flags && (impl.state_ & datagram_oriented)) {
      start_receive_msg_op(impl, *p, p->message(in_flags));
      return;
    }
    *p->recv_flags() = static_cast<unsigned long>(in_flags);
    start_receive_op(impl, *p, p->buffers(), p->count(), p->recv_flags(), nullptr, nullptr);
  }

  // null_buffers: a transfer op that moves nothing and completes with 0 bytes once the
  // socket is ready (a zero-byte WSARecv for a stream read, the select reactor otherwise).
  template <typename Op, typename Slot>
  void start_readiness(implementation_type& impl, Op& op, Slot& slot, socket_base::wait_type w) {
    prepare_op(impl, op, slot);
    start_wait_op(impl, op, w, op.buffers(), op.recv_flags());
  }

  static socket_base::wait_type read_wait_for(socket_base::message_flags flags) noexcept {
    return (flags & socket_base::message_out_of_band) ? socket_base::wait_error
                                                      : socket_base::wait_read;
  }

  template <typename Op, typename Slot>
  void start_accept(implementation_type& impl, Op& op, Slot& slot) {
    if (!is_open(impl)) {
      complete_now(op, error::bad_descriptor);
      return;
    }
    error_code ec;
    // The protocol the listener was opened or assigned with: no need to ask the socket.
    native_handle_type s = open_overlapped(impl.protocol_.family(), impl.protocol_.type(),
                                           impl.protocol_.protocol(), ec);
    if (ec) {
      complete_now(op, ec);
      return;
    }
    op.set_new_socket(s);
    op.set_retry(!(impl.state_ & enable_connection_aborted));
    prepare_op(impl, op, slot);
    start_accept_op(impl, op, s, op.output_buffer());
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

  template <typename PeerService>
  struct accept_into {
    PeerService* service_;
    typename PeerService::implementation_type* impl_;
    endpoint_type* peer_ep_;
    protocol_type protocol_;
    int ifs_;  // what the listener's provider is known to be

    template <typename H>
    binder1<H, error_code> bind(H&& handler, error_code ec, native_handle_type s, const void* addr,
                                std::size_t addr_len) {
      if (!ec && s != invalid_native_socket) {
        if (service_->assign(*impl_, protocol_, s, ec, ifs_))
          close_native(s);
        else if (peer_ep_)
          copy_endpoint(*peer_ep_, addr, addr_len);
      }
      return binder1<H, error_code>(std::forward<H>(handler), ec);
    }
  };

  template <typename Socket>
  struct move_accept {
    typename Socket::executor_type executor_;
    endpoint_type* peer_ep_;
    protocol_type protocol_;
    int ifs_;  // what the listener's provider is known to be

    template <typename H>
    binder2<H, error_code, Socket> bind(H&& handler, error_code ec, native_handle_type s,
                                        const void* addr, std::size_t addr_len) {
      Socket peer(executor_);
      if (!ec && s != invalid_native_socket) {
        socket_access::service(peer).assign(socket_access::impl(peer), protocol_, s, ec, ifs_);
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
