// The template shells of the Windows socket operations (Asio's win_iocp_socket_*_op):
// each is an iocp_op (OVERLAPPED first) plus the handler, its work and what the Winsock call
// needs to stay alive until the op completes (the WSABUF array, flags, addresses, the accept
// output buffer). The op's memory goes back to the handler's allocator before the handler
// runs.
//
//   iocp_socket_transfer_op  send (WSASend), receive (WSARecv), send_to (WSASendTo),
//                            receive_from (WSARecvFrom), receive with flags on datagram
//                            sockets (WSARecvMsg: the op holds the WSAMSG Winsock writes
//                            the message's flags into)
//   iocp_socket_accept_op    AcceptEx, then SO_UPDATE_ACCEPT_CONTEXT, GetAcceptExSockaddrs
//   iocp_socket_wait_op      connect (ConnectEx or the select reactor) and readiness waits
//                            (zero-byte WSARecv for stream read waits, else the reactor)
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/detail/binder1.hpp"
#include "ringport/detail/binder2.hpp"
#include "ringport/detail/buffer_sequence_adapter.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/handler_work.hpp"
#include "ringport/detail/socket_types.hpp"
#include "ringport/detail/windows/iocp_socket_service_base.hpp"
#include "ringport/error.hpp"

#include <cstddef>
#include <cstring>
#include <utility>

namespace ringport::detail {

template <typename Buffer, typename Buffers, typename Handler, typename IoExecutor>
class iocp_socket_transfer_op final : public iocp_op {
 public:
  // `receive`: the op reads. `stream`: a receive of 0 bytes into a non-empty buffer is eof.
  template <typename H>
  iocp_socket_transfer_op(const Buffers& buffers, bool receive, bool stream, H&& handler,
                          const IoExecutor& io_ex, const execution_context& io_ctx)
      : iocp_op(&iocp_socket_transfer_op::do_complete),
        buffers_(buffers),
        receive_(receive),
        stream_(stream),
        handler_(std::forward<H>(handler)),
        work_(handler_, io_ex, io_ctx) {
    map_eof_ = stream && receive && !buffers_.all_empty();
  }

  native_buffer* buffers() noexcept { return buffers_.buffers(); }
  std::size_t count() const noexcept { return buffers_.count(); }
  bool all_empty() const noexcept { return buffers_.all_empty(); }

  // receive_from: WSARecvFrom writes the sender into the endpoint's storage and its length
  // into addr_len_ when the op completes.
  template <typename Endpoint>
  void set_sender(Endpoint& endpoint) noexcept {
    sender_ = &endpoint;
    sender_data_ = endpoint.data();
    addr_len_ = static_cast<int>(endpoint.capacity());
    resize_sender_ = [](void* ep, std::size_t len) {
      auto& e = *static_cast<Endpoint*>(ep);
      e.resize(len < e.capacity() ? len : e.capacity());
    };
  }
  void* sender_data() noexcept { return sender_data_; }
  // send_to: the op keeps its own copy of the destination.
  void set_destination(const void* data, std::size_t size) noexcept {
    if (size > sizeof addr_) size = sizeof addr_;
    std::memcpy(&addr_, data, size);
    addr_len_ = static_cast<int>(size);
  }
  const void* destination() const noexcept { return &addr_; }
  int* addr_len() noexcept { return &addr_len_; }
  unsigned long* recv_flags() noexcept { return &recv_flags_; }

  // Receive with flags: `flags` gets the received message's flags when the op succeeds.
  void set_out_flags(int& flags) noexcept { out_flags_ = &flags; }
  // The WSAMSG for WSARecvMsg, over the op's buffers.
  wsamsg_twin* message(socket_base::message_flags in_flags) noexcept {
    msg_.buffers = buffers_.buffers();
    msg_.buffer_count = static_cast<unsigned long>(buffers_.count());
    msg_.flags = static_cast<unsigned long>(in_flags);
    return &msg_;
  }

  static void do_complete(void* owner, scheduler_operation* base, const error_code& ec,
                          std::size_t result_bytes) {
    auto* op = static_cast<iocp_socket_transfer_op*>(base);
    std::size_t bytes = result_bytes;
    // Wine's receive dropped with its thread is issued again: the op stays pending.
    if (owner && ec && op->service_ && op->service_->receive_again(*op, ec)) return;
    if (op->linked_) iocp_slot_owner::unlink_op(*op);
    auto alloc = get_associated_allocator(op->handler_);
    if (!owner) {
      // The handler outlives the op's memory, which its allocator may depend on.
      [[maybe_unused]] Handler handler(std::move(op->handler_));
      deallocate_op(alloc, op);
      return;
    }
    handler_work<Handler, IoExecutor> work(std::move(op->work_));
    error_code result = iocp_socket_service_base::map_transfer_error(ec, op->socket_closed());
    // A datagram longer than the buffers is cut to fit and still succeeds, as in Asio.
    // Wine reports such a datagram with 0 bytes; it filled the buffers.
    bool truncated = false;
    if (op->receive_ && !op->stream_ && iocp_socket_service_base::is_truncation(result)) {
      result = error_code();
      truncated = true;
      if (bytes == 0) bytes = op->buffers_.total_size();
    }
    if (!result && bytes == 0 && op->map_eof_) result = error::eof;
    // Receive with flags: what WSARecvMsg wrote back, and the truncation the status told of
    // (Wine reports it only there), as recvmsg's msg_flags on Linux.
    if (!result && op->out_flags_)
      *op->out_flags_ = static_cast<int>(op->msg_.flags) |
                        (truncated ? iocp_socket_service_base::message_truncated : 0);
    if (!result && op->sender_)
      op->resize_sender_(op->sender_, static_cast<std::size_t>(op->addr_len_));
    binder2<Handler, error_code, std::size_t> bound(std::move(op->handler_), result, bytes);
    deallocate_op(alloc, op);
    work.complete(bound, alloc);
  }

 private:
  buffer_sequence_adapter<Buffer, Buffers> buffers_;
  bool receive_;
  bool stream_;
  bool map_eof_ = false;
  unsigned long recv_flags_ = 0;
  int* out_flags_ = nullptr;
  wsamsg_twin msg_;
  int addr_len_ = 0;
  iocp_address_storage addr_;
  void* sender_ = nullptr;
  void* sender_data_ = nullptr;
  void (*resize_sender_)(void*, std::size_t) = nullptr;
  Handler handler_;
  handler_work<Handler, IoExecutor> work_;
};

// Completion: a policy with
//   template <typename H> auto bind(H&& handler, error_code ec, native_socket_type s,
//                                   const void* addr, std::size_t addr_len)
// returning a nullary function that delivers the result; it owns `s` when !ec (and closes it
// if delivery fails).
template <typename Completion, typename Handler, typename IoExecutor>
class iocp_socket_accept_op final : public iocp_op {
 public:
  template <typename H>
  iocp_socket_accept_op(native_socket_type listener, Completion completion, H&& handler,
                        const IoExecutor& io_ex, const execution_context& io_ctx)
      : iocp_op(&iocp_socket_accept_op::do_complete),
        listener_(listener),
        completion_(std::move(completion)),
        handler_(std::forward<H>(handler)),
        work_(handler_, io_ex, io_ctx) {}

  void set_new_socket(native_socket_type s) noexcept { new_socket_ = s; }
  // `retry`: a connection reset before it was accepted is skipped (the acceptor's
  // enable_connection_aborted was not set).
  void set_retry(bool retry) noexcept { retry_ = retry; }
  void* output_buffer() noexcept { return output_; }

  static void do_complete(void* owner, scheduler_operation* base, const error_code& ec,
                          std::size_t) {
    auto* op = static_cast<iocp_socket_accept_op*>(base);
    auto alloc = get_associated_allocator(op->handler_);
    native_socket_type s = op->new_socket_;
    op->new_socket_ = invalid_native_socket;
    if (!owner) {
      if (op->linked_) iocp_slot_owner::unlink_op(*op);
      // Accepted (or opened for AcceptEx) but never delivered: closed, never leaked.
      if (s != invalid_native_socket) iocp_socket_service_base::close_native(s);
      // The handler outlives the op's memory, which its allocator may depend on.
      [[maybe_unused]] Handler handler(std::move(op->handler_));
      deallocate_op(alloc, op);
      return;
    }
    error_code result = iocp_socket_service_base::map_accept_error(ec, op->socket_closed(),
                                                                   s != invalid_native_socket);
    if (result == error::connection_aborted && op->retry_) {
      // Accept the next connection instead: the op stays pending (and linked to its slot).
      op->new_socket_ = s;
      error_code open_ec;
      if (op->service_->restart_accept_op(op->listener_, op->skips_port_, *op, op->new_socket_,
                                          op->output_, open_ec))
        return;
      result = open_ec;
      s = invalid_native_socket;
    }
    if (op->linked_) iocp_slot_owner::unlink_op(*op);
    handler_work<Handler, IoExecutor> work(std::move(op->work_));
    iocp_address_storage addr;
    std::size_t addr_len = sizeof addr;
    if (!result && s != invalid_native_socket)
      result = op->service_->finish_accept(op->listener_, s, op->output_, &addr, &addr_len);
    if (result && s != invalid_native_socket) {
      iocp_socket_service_base::close_native(s);
      s = invalid_native_socket;
    }
    auto bound = op->completion_.bind(std::move(op->handler_), result, s, &addr, addr_len);
    deallocate_op(alloc, op);
    work.complete(bound, alloc);
  }

 private:
  native_socket_type listener_;
  native_socket_type new_socket_ = invalid_native_socket;
  bool retry_ = true;
  Completion completion_;
  unsigned char output_[2 * iocp_socket_service_base::accept_address_length];
  Handler handler_;
  handler_work<Handler, IoExecutor> work_;
};

template <typename Handler, typename IoExecutor>
class iocp_socket_wait_op final : public iocp_op {
 public:
  // `connect`: the op is a connect (errors mapped as such, the connect context updated).
  template <typename H>
  iocp_socket_wait_op(bool connect, H&& handler, const IoExecutor& io_ex,
                      const execution_context& io_ctx)
      : iocp_op(&iocp_socket_wait_op::do_complete),
        connect_(connect),
        handler_(std::forward<H>(handler)),
        work_(handler_, io_ex, io_ctx) {}

  void set_address(const void* addr, std::size_t len) noexcept {
    if (len > sizeof addr_) len = sizeof addr_;
    std::memcpy(&addr_, addr, len);
    addr_len_ = len;
  }
  const void* address() const noexcept { return &addr_; }
  std::size_t address_length() const noexcept { return addr_len_; }
  native_buffer* zero_buffer() noexcept { return &zero_; }
  unsigned long* recv_flags() noexcept { return &recv_flags_; }

  static void do_complete(void* owner, scheduler_operation* base, const error_code& ec,
                          std::size_t) {
    auto* op = static_cast<iocp_socket_wait_op*>(base);
    // A read wait (zero-byte receive) dropped by Wine with its thread is issued again.
    if (owner && ec && op->service_ && op->service_->receive_again(*op, ec)) return;
    if (op->linked_) iocp_slot_owner::unlink_op(*op);
    auto alloc = get_associated_allocator(op->handler_);
    if (!owner) {
      // The handler outlives the op's memory, which its allocator may depend on.
      [[maybe_unused]] Handler handler(std::move(op->handler_));
      deallocate_op(alloc, op);
      return;
    }
    handler_work<Handler, IoExecutor> work(std::move(op->work_));
    bool closed = op->socket_closed();
    error_code result;
    if (op->connect_) {
      result = iocp_socket_service_base::map_connect_error(ec, closed);
      if (!result && !op->via_reactor_) iocp_socket_service_base::finish_connect(op->socket_);
    } else {
      result = iocp_socket_service_base::map_transfer_error(ec, closed);
    }
    binder1<Handler, error_code> bound(std::move(op->handler_), result);
    deallocate_op(alloc, op);
    work.complete(bound, alloc);
  }

 private:
  bool connect_;
  std::size_t addr_len_ = 0;
  iocp_address_storage addr_;
  native_buffer zero_{};
  unsigned long recv_flags_ = 0;
  Handler handler_;
  handler_work<Handler, IoExecutor> work_;
};

}  // namespace ringport::detail
