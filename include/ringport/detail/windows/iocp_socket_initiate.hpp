// The async initiations of the Windows half (iocp_socket_service_base::initiate_*): each
// builds one op shell from iocp_socket_ops.hpp through the handler's allocator, links a
// cancellation handler into the handler's slot when it is connected, and starts it. They
// are defined here, not in the class, because the op shells need the complete service
// class (their completions call back into it).
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/windows/iocp_socket_ops.hpp"
#include "ringport/detail/windows/iocp_socket_service_base.hpp"
#include "ringport/error.hpp"
#include "ringport/mutable_buffer.hpp"

#include <cstddef>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
void iocp_socket_service_base::initiate_send(base_implementation_type& impl,
                                             const ConstBufferSequence& buffers,
                                             socket_base::message_flags flags, Handler&& handler,
                                             const IoExecutor& io_ex) {
  using op =
      iocp_socket_transfer_op<const_buffer, ConstBufferSequence, std::decay_t<Handler>, IoExecutor>;
  auto slot = get_associated_cancellation_slot(handler);
  bool stream = (impl.state_ & stream_oriented) != 0;
  op* p = allocate_op<op>(get_associated_allocator(handler), buffers, false, stream,
                          std::forward<Handler>(handler), io_ex, context_);
  if constexpr (is_null_buffers<ConstBufferSequence>) {
    start_readiness(impl, *p, slot, socket_base::wait_write);
    return;
  }
  // A stream transfer of nothing completes at once with 0 bytes (still through the queue,
  // never inside this call), as in Asio.
  if (stream && is_open(impl) && p->all_empty()) {
    complete_now(*p, error_code());
    return;
  }
  prepare_op(impl, *p, slot);
  start_send_op(impl, *p, p->buffers(), p->count(), flags, nullptr, 0);
}

template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
void iocp_socket_service_base::initiate_send_to(base_implementation_type& impl,
                                                const ConstBufferSequence& buffers,
                                                const void* destination,
                                                std::size_t destination_size,
                                                socket_base::message_flags flags, Handler&& handler,
                                                const IoExecutor& io_ex) {
  using op =
      iocp_socket_transfer_op<const_buffer, ConstBufferSequence, std::decay_t<Handler>, IoExecutor>;
  auto slot = get_associated_cancellation_slot(handler);
  op* p = allocate_op<op>(get_associated_allocator(handler), buffers, false, false,
                          std::forward<Handler>(handler), io_ex, context_);
  if constexpr (is_null_buffers<ConstBufferSequence>) {
    start_readiness(impl, *p, slot, socket_base::wait_write);
    return;
  }
  p->set_destination(destination, destination_size);
  prepare_op(impl, *p, slot);
  start_send_op(impl, *p, p->buffers(), p->count(), flags, p->destination(), *p->addr_len());
}

template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
void iocp_socket_service_base::initiate_receive(base_implementation_type& impl,
                                                const MutableBufferSequence& buffers,
                                                socket_base::message_flags in_flags,
                                                socket_base::message_flags* out_flags,
                                                Handler&& handler, const IoExecutor& io_ex) {
  using op = iocp_socket_transfer_op<mutable_buffer, MutableBufferSequence, std::decay_t<Handler>,
                                     IoExecutor>;
  auto slot = get_associated_cancellation_slot(handler);
  bool stream = (impl.state_ & stream_oriented) != 0;
  op* p = allocate_op<op>(get_associated_allocator(handler), buffers, true, stream,
                          std::forward<Handler>(handler), io_ex, context_);
  if constexpr (is_null_buffers<MutableBufferSequence>) {
    start_readiness(impl, *p, slot, read_wait_for(in_flags));
    return;
  }
  if (stream && is_open(impl) && p->all_empty()) {
    complete_now(*p, error_code());
    return;
  }
  prepare_op(impl, *p, slot);
  if (out_flags) p->set_out_flags(*out_flags);
  // With flags on a datagram socket: WSARecvMsg, which reports the message's flags.
  if (out_flags && (impl.state_ & datagram_oriented)) {
    start_receive_msg_op(impl, *p, p->message(in_flags));
    return;
  }
  *p->recv_flags() = static_cast<unsigned long>(in_flags);
  start_receive_op(impl, *p, p->buffers(), p->count(), p->recv_flags(), nullptr, nullptr);
}

template <typename MutableBufferSequence, typename Endpoint, typename Handler, typename IoExecutor>
void iocp_socket_service_base::initiate_receive_from(base_implementation_type& impl,
                                                     const MutableBufferSequence& buffers,
                                                     Endpoint& sender,
                                                     socket_base::message_flags flags,
                                                     Handler&& handler, const IoExecutor& io_ex) {
  using op = iocp_socket_transfer_op<mutable_buffer, MutableBufferSequence, std::decay_t<Handler>,
                                     IoExecutor>;
  auto slot = get_associated_cancellation_slot(handler);
  op* p = allocate_op<op>(get_associated_allocator(handler), buffers, true, false,
                          std::forward<Handler>(handler), io_ex, context_);
  if constexpr (is_null_buffers<MutableBufferSequence>) {
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

template <typename Handler, typename IoExecutor>
void iocp_socket_service_base::initiate_connect(base_implementation_type& impl, const void* addr,
                                                std::size_t len, const error_code& open_ec,
                                                Handler&& handler, const IoExecutor& io_ex) {
  using op = iocp_socket_wait_op<std::decay_t<Handler>, IoExecutor>;
  auto slot = get_associated_cancellation_slot(handler);
  op* p = allocate_op<op>(get_associated_allocator(handler), true, std::forward<Handler>(handler),
                          io_ex, context_);
  if (open_ec) {
    complete_now(*p, open_ec);
    return;
  }
  p->set_address(addr, len);
  prepare_op(impl, *p, slot);
  start_connect_op(impl, *p, p->address(), p->address_length());
}

template <typename Handler, typename IoExecutor>
void iocp_socket_service_base::initiate_wait(base_implementation_type& impl,
                                             socket_base::wait_type w, Handler&& handler,
                                             const IoExecutor& io_ex) {
  using op = iocp_socket_wait_op<std::decay_t<Handler>, IoExecutor>;
  auto slot = get_associated_cancellation_slot(handler);
  op* p = allocate_op<op>(get_associated_allocator(handler), false, std::forward<Handler>(handler),
                          io_ex, context_);
  prepare_op(impl, *p, slot);
  start_wait_op(impl, *p, w, p->zero_buffer(), p->recv_flags());
}

template <typename Protocol, typename Completion, typename Handler, typename IoExecutor>
void iocp_socket_service_base::initiate_accept(base_implementation_type& impl,
                                               const Protocol& protocol, Completion completion,
                                               bool peer_open, Handler&& handler,
                                               const IoExecutor& io_ex) {
  using op = iocp_socket_accept_op<Completion, std::decay_t<Handler>, IoExecutor>;
  auto slot = get_associated_cancellation_slot(handler);
  op* p = allocate_op<op>(get_associated_allocator(handler), impl.socket_, std::move(completion),
                          std::forward<Handler>(handler), io_ex, context_);
  if (peer_open) {
    complete_now(*p, error::already_open);
    return;
  }
  if (!is_open(impl)) {
    complete_now(*p, error::bad_descriptor);
    return;
  }
  // AcceptEx takes a socket opened beforehand, of the listener's protocol (known: no need
  // to ask the listener).
  error_code ec;
  native_handle_type s =
      open_overlapped(protocol.family(), protocol.type(), protocol.protocol(), ec);
  if (ec) {
    complete_now(*p, ec);
    return;
  }
  p->set_new_socket(s);
  p->set_retry(!(impl.state_ & enable_connection_aborted));
  prepare_op(impl, *p, slot);
  start_accept_op(impl, *p, s, p->output_buffer());
}

// null_buffers: a transfer op that moves nothing and completes with 0 bytes once the socket
// is ready (a zero-byte WSARecv for a stream read, the select reactor otherwise).
template <typename Op, typename Slot>
void iocp_socket_service_base::start_readiness(base_implementation_type& impl, Op& op, Slot& slot,
                                               socket_base::wait_type w) {
  prepare_op(impl, op, slot);
  start_wait_op(impl, op, w, op.buffers(), op.recv_flags());
}

}  // namespace ringport::detail
