// socket_service<Protocol>: the per-protocol socket service on Linux (the seed's
// per-protocol service), one per execution context and protocol, found through use_service.
// Its implementation adds the protocol and the cached remote endpoint to the base's; its
// async operations build one template shell each (transfer, wait/connect, accept) around the
// non-template socket_op and hand it to the backend through the base.
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/detail/binder1.hpp"
#include "ringport/detail/binder2.hpp"
#include "ringport/detail/buffer_sequence_adapter.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/linux/socket_accept_op.hpp"
#include "ringport/detail/linux/socket_service_base.hpp"
#include "ringport/detail/linux/socket_transfer_op.hpp"
#include "ringport/detail/linux/socket_wait_op.hpp"
#include "ringport/detail/socket_access.hpp"
#include "ringport/error.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/mutable_buffer.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Buffers>
inline constexpr bool is_null_buffers = std::is_same_v<Buffers, null_buffers>;

template <typename Protocol>
class socket_service final : public socket_service_base,
                             public execution_context_service_base<socket_service<Protocol>> {
 public:
  using protocol_type = Protocol;
  using endpoint_type = typename Protocol::endpoint;

  struct implementation_type : base_implementation_type {
    protocol_type protocol_ = endpoint_type().protocol();
    // Kept for the Windows service, where getpeername can fail on a ConnectEx socket; on
    // Linux remote_endpoint() always asks the kernel.
    bool have_remote_endpoint_ = false;
    endpoint_type remote_endpoint_;
  };

  explicit socket_service(execution_context& ctx)
      : socket_service_base(ctx), execution_context_service_base<socket_service>(ctx) {}

  // The service's shutdown (close every socket); the socket's shutdown(what) stays visible.
  void shutdown() override { base_shutdown(); }
  using socket_service_base::shutdown;

  void destroy(implementation_type& impl) { base_destroy(impl); }

  void move_construct(implementation_type& impl, implementation_type& other) {
    base_move_construct(impl, other);
    move_protocol_state(impl, other);
  }

  void move_assign(implementation_type& impl, socket_service& other_service,
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

  error_code assign(implementation_type& impl, const protocol_type& protocol, int fd,
                    error_code& ec, fd_mode mode = fd_mode::unknown) {
    if (!do_assign(impl, protocol.type(), fd, ec, mode)) {
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
    if (do_remote_endpoint(impl, ep.data(), len, ec)) return endpoint_type();
    ep.resize(len);
    return ep;
  }

  // Asio's socket option concept: level(), name(), data(), size() (and resize() to read).
  template <typename Option>
  error_code set_option(implementation_type& impl, const Option& option, error_code& ec) {
    return socket_service_base::set_option(impl, option.level(impl.protocol_),
                                           option.name(impl.protocol_), option.data(impl.protocol_),
                                           option.size(impl.protocol_), ec);
  }

  template <typename Option>
  error_code get_option(const implementation_type& impl, Option& option, error_code& ec) const {
    std::size_t size = option.size(impl.protocol_);
    if (!socket_service_base::get_option(impl, option.level(impl.protocol_),
                                         option.name(impl.protocol_), option.data(impl.protocol_),
                                         size, ec))
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

  // Sequenced packets: `out_flags` gets the received record's flags (message_end_of_record,
  // MSG_TRUNC when the record was cut to fit).
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

  // Datagrams: sendto/recvfrom. A 0-byte datagram is sent and received like any other.
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
    sockaddr_storage addr;
    std::size_t len = sizeof addr;
    int fd = do_accept(impl, &addr, &len, ec);
    if (fd < 0) return ec;
    if (peer_service.assign(peer_impl, impl.protocol_, fd, ec, accepted_mode())) {
      ::close(fd);
      return ec;
    }
    if (peer_ep) copy_endpoint(*peer_ep, &addr, len);
    return ec;
  }

  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void async_receive(implementation_type& impl, const MutableBufferSequence& buffers,
                     socket_base::message_flags flags, Handler&& handler, const IoExecutor& io_ex) {
    start_transfer<mutable_buffer>(impl, socket_op_kind::receive, buffers, flags,
                                   std::forward<Handler>(handler), io_ex);
  }

  // `out_flags` must outlive the operation, as in Asio.
  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void async_receive_with_flags(implementation_type& impl, const MutableBufferSequence& buffers,
                                socket_base::message_flags in_flags,
                                socket_base::message_flags& out_flags, Handler&& handler,
                                const IoExecutor& io_ex) {
    out_flags = 0;
    start_transfer<mutable_buffer>(impl, socket_op_kind::receive, buffers, in_flags,
                                   std::forward<Handler>(handler), io_ex,
                                   [&out_flags](auto& op) { op.set_out_flags(out_flags); });
  }

  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void async_send(implementation_type& impl, const ConstBufferSequence& buffers,
                  socket_base::message_flags flags, Handler&& handler, const IoExecutor& io_ex) {
    start_transfer<const_buffer>(impl, socket_op_kind::send, buffers, flags,
                                 std::forward<Handler>(handler), io_ex);
  }

  // `sender` must outlive the operation, as in Asio; it gets the sender's address.
  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void async_receive_from(implementation_type& impl, const MutableBufferSequence& buffers,
                          endpoint_type& sender, socket_base::message_flags flags,
                          Handler&& handler, const IoExecutor& io_ex) {
    start_transfer<mutable_buffer, no_destination>(impl, socket_op_kind::receive, buffers, flags,
                                                   std::forward<Handler>(handler), io_ex,
                                                   [&sender](auto& op) { op.set_sender(sender); });
  }

  // The op copies `destination`; the caller's endpoint need not outlive the call.
  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void async_send_to(implementation_type& impl, const ConstBufferSequence& buffers,
                     const endpoint_type& destination, socket_base::message_flags flags,
                     Handler&& handler, const IoExecutor& io_ex) {
    start_transfer<const_buffer, sockaddr_storage>(
        impl, socket_op_kind::send, buffers, flags, std::forward<Handler>(handler), io_ex,
        [&destination](auto& op) { op.set_destination(destination.data(), destination.size()); });
  }

  // `open_ec` is the result of opening the socket on the caller's behalf (Asio opens a
  // closed socket before connecting); an error completes the op with it.
  template <typename Handler, typename IoExecutor>
  void async_connect(implementation_type& impl, const endpoint_type& ep, const error_code& open_ec,
                     Handler&& handler, const IoExecutor& io_ex) {
    using op = socket_wait_op<std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(get_associated_allocator(handler), socket_op_kind::connect,
                            impl.socket_, std::forward<Handler>(handler), io_ex, this->context());
    if (open_ec) {
      complete_now(*p, open_ec);
      return;
    }
    p->set_address(ep.data(), ep.size());
    impl.have_remote_endpoint_ = true;
    impl.remote_endpoint_ = ep;
    p->linked_ = slot.is_connected();
    start_op(impl, *p, slot, p->canceller_link());
  }

  template <typename Handler, typename IoExecutor>
  void async_wait(implementation_type& impl, socket_base::wait_type w, Handler&& handler,
                  const IoExecutor& io_ex) {
    using op = socket_wait_op<std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(get_associated_allocator(handler), socket_op_kind::wait, impl.socket_,
                            std::forward<Handler>(handler), io_ex, this->context());
    p->flags_ = w == socket_base::wait_read    ? POLLIN
                : w == socket_base::wait_write ? POLLOUT
                                               : POLLPRI;
    p->linked_ = slot.is_connected();
    start_op(impl, *p, slot, p->canceller_link());
  }

  // Accepts into `peer_impl`; completion void(error_code). The peer socket object and
  // `peer_ep` must outlive the operation, as in Asio.
  template <typename PeerService, typename Handler, typename IoExecutor>
  void async_accept(implementation_type& impl, PeerService& peer_service,
                    typename PeerService::implementation_type& peer_impl, endpoint_type* peer_ep,
                    Handler&& handler, const IoExecutor& io_ex) {
    using completion = accept_into<PeerService>;
    using op = socket_accept_op<completion, std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(
        get_associated_allocator(handler), impl.socket_,
        completion{&peer_service, &peer_impl, peer_ep, impl.protocol_, accepted_mode()},
        std::forward<Handler>(handler), io_ex, this->context());
    if (peer_service.is_open(peer_impl)) {
      complete_now(*p, error::already_open);
      return;
    }
    p->linked_ = slot.is_connected();
    start_op(impl, *p, slot, p->canceller_link());
  }

  // Accepts into a new Socket made on `peer_ex`; completion void(error_code, Socket).
  template <typename Socket, typename Handler, typename IoExecutor>
  void async_move_accept(implementation_type& impl, const typename Socket::executor_type& peer_ex,
                         endpoint_type* peer_ep, Handler&& handler, const IoExecutor& io_ex) {
    using completion = move_accept<Socket>;
    using op = socket_accept_op<completion, std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(get_associated_allocator(handler), impl.socket_,
                            completion{peer_ex, peer_ep, impl.protocol_, accepted_mode()},
                            std::forward<Handler>(handler), io_ex, this->context());
    p->linked_ = slot.is_connected();
    start_op(impl, *p, slot, p->canceller_link());
  }

 private:
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

  // `setup` adds the address (receive_from, send_to) before the op can be seen elsewhere.
  struct no_setup {
    template <typename Op>
    void operator()(Op&) const noexcept {}
  };

  template <typename Buffer, typename Destination = no_destination, typename Buffers,
            typename Handler, typename IoExecutor, typename Setup = no_setup>
  void start_transfer(implementation_type& impl, socket_op_kind kind, const Buffers& buffers,
                      socket_base::message_flags flags, Handler&& handler, const IoExecutor& io_ex,
                      Setup setup = {}) {
    using op = socket_transfer_op<Buffer, Buffers, std::decay_t<Handler>, IoExecutor, Destination>;
    auto slot = get_associated_cancellation_slot(handler);
    bool stream = (impl.state_ & stream_oriented) != 0;
    constexpr bool readiness_only = is_null_buffers<Buffers>;
    if constexpr (readiness_only) {
      // null_buffers: wait for readiness in the transfer's direction, move nothing.
      bool out_of_band = (flags & socket_base::message_out_of_band) != 0;
      flags = kind == socket_op_kind::send ? POLLOUT : out_of_band ? POLLPRI : POLLIN;
      kind = socket_op_kind::wait;
    }
    op* p = allocate_op<op>(get_associated_allocator(handler), kind, impl.socket_, buffers, flags,
                            stream, std::forward<Handler>(handler), io_ex, this->context());
    if constexpr (!readiness_only) setup(*p);
    // A stream transfer of nothing completes at once with 0 bytes (still through the queue,
    // never inside this call), as in Asio.
    if (!readiness_only && stream && impl.socket_ >= 0 && p->all_empty()) {
      complete_now(*p, error_code());
      return;
    }
    p->linked_ = slot.is_connected();
    start_op(impl, *p, slot, p->canceller_link());
  }

  // Accept into an existing socket: the new descriptor is assigned to it at completion.
  template <typename PeerService>
  struct accept_into {
    PeerService* service_;
    typename PeerService::implementation_type* impl_;
    endpoint_type* peer_ep_;
    protocol_type protocol_;
    fd_mode mode_;  // of the descriptors the acceptor's backend returns

    template <typename H>
    binder1<H, error_code> bind(H&& handler, error_code ec, int fd, const void* addr,
                                std::size_t addr_len) {
      if (!ec && fd >= 0) {
        if (service_->assign(*impl_, protocol_, fd, ec, mode_))
          ::close(fd);
        else if (peer_ep_)
          copy_endpoint(*peer_ep_, addr, addr_len);
      }
      return binder1<H, error_code>(std::forward<H>(handler), ec);
    }
  };

  // Move-accept: the new descriptor becomes a new socket object handed to the handler.
  template <typename Socket>
  struct move_accept {
    typename Socket::executor_type executor_;
    endpoint_type* peer_ep_;
    protocol_type protocol_;
    fd_mode mode_;  // of the descriptors the acceptor's backend returns

    template <typename H>
    binder2<H, error_code, Socket> bind(H&& handler, error_code ec, int fd, const void* addr,
                                        std::size_t addr_len) {
      Socket peer(executor_);
      if (!ec && fd >= 0) {
        socket_access::service(peer).assign(socket_access::impl(peer), protocol_, fd, ec, mode_);
        if (ec)
          ::close(fd);
        else if (peer_ep_)
          copy_endpoint(*peer_ep_, addr, addr_len);
      }
      return binder2<H, error_code, Socket>(std::forward<H>(handler), ec, std::move(peer));
    }
  };
};

}  // namespace ringport::detail
