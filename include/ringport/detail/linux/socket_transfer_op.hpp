// The template shell of a send or receive: the iovec array built from the user's buffer
// sequence, the handler and the work it holds. Completion signature void(error_code,
// std::size_t). The op's memory goes back to the handler's allocator before the handler runs.
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/detail/binder2.hpp"
#include "ringport/detail/buffer_sequence_adapter.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/handler_work.hpp"
#include "ringport/detail/linux/socket_op.hpp"
#include "ringport/detail/linux/socket_op_cancellation.hpp"
#include "ringport/error.hpp"

#include <cstddef>
#include <cstring>
#include <type_traits>
#include <utility>

namespace ringport::detail {

// no_destination: the transfer ops of streams and connected sockets carry no address storage.
struct no_destination {};

// `Destination`: sockaddr_storage for send_to, which copies the destination so the caller's
// endpoint may go away once the initiating call returns (as in Asio).
template <typename Buffer, typename Buffers, typename Handler, typename IoExecutor,
          typename Destination = no_destination>
class socket_transfer_op final : public socket_op {
 public:
  // `stream`: a receive of 0 bytes into a non-empty buffer means the peer has shut down.
  template <typename H>
  socket_transfer_op(socket_op_kind kind, int fd, const Buffers& buffers, int flags, bool stream,
                     H&& handler, const IoExecutor& io_ex, const execution_context& io_ctx)
      : socket_op(&socket_transfer_op::do_complete, kind, fd),
        buffers_(buffers),
        handler_(std::forward<H>(handler)),
        work_(handler_, io_ex, io_ctx) {
    // SAFETY: msg_ points at the op's own iovec array, which points at the user's buffers;
    // the op does not move and the user keeps the buffers alive until the handler runs.
    msg_.msg_iov = buffers_.buffers();
    msg_.msg_iovlen = buffers_.count();
    flags_ = flags;
    // A read of a pipe, descriptor or file that returns nothing has reached its end.
    map_eof_ = ((stream && kind == socket_op_kind::receive) || kind == socket_op_kind::read) &&
               !buffers_.all_empty();
    epoll_.stream_receive = stream && kind == socket_op_kind::receive;
  }

  bool all_empty() const noexcept { return buffers_.all_empty(); }

  // receive_from: the sender's address goes straight into `endpoint`'s storage; at completion
  // the endpoint takes the length the kernel wrote.
  template <typename Endpoint>
  void set_sender(Endpoint& endpoint) noexcept {
    // SAFETY: the kernel writes the address into the endpoint's storage and its length into
    // msg_.msg_namelen until the op completes; the caller keeps the endpoint alive until the
    // handler runs, as in Asio.
    msg_.msg_name = endpoint.data();
    msg_.msg_namelen = static_cast<socklen_t>(endpoint.capacity());
    sender_ = &endpoint;
    resize_sender_ = [](void* ep, std::size_t len) {
      auto& e = *static_cast<Endpoint*>(ep);
      // The kernel reports the full length even when it had to cut the address short.
      e.resize(len < e.capacity() ? len : e.capacity());
    };
  }
  void set_destination(const void* data, std::size_t size) noexcept
      requires(!std::is_same_v<Destination, no_destination>) {
    if (size > sizeof destination_) size = sizeof destination_;
    std::memcpy(&destination_, data, size);
    // SAFETY: the kernel reads the op's own copy of the address until the op completes.
    msg_.msg_name = &destination_;
    msg_.msg_namelen = static_cast<socklen_t>(size);
  }
  // receive with flags out: `flags` (which must outlive the op, as in Asio) gets msg_flags.
  void set_out_flags(int& flags) noexcept { out_flags_ = &flags; }

  static void do_complete(void* owner, scheduler_operation* base, const error_code& ec,
                          std::size_t bytes) {
    auto* op = static_cast<socket_transfer_op*>(base);
    if (op->linked_) posix_slot_owner::unlink_op(*op);
    auto alloc = get_associated_allocator(op->handler_);
    handler_work<Handler, IoExecutor> work(std::move(op->work_));
    error_code result = ec;
    // A null_buffers transfer is a readiness wait: the kernel's poll mask is not a size.
    if (op->kind_ == socket_op_kind::wait) bytes = 0;
    // Only a stream maps 0 bytes to eof: a datagram of 0 bytes is a datagram.
    if (!result && bytes == 0 && op->map_eof_) result = error::eof;
    if (!result && op->out_flags_) *op->out_flags_ = op->msg_.msg_flags;
    // msg_.msg_namelen now holds the length the kernel wrote, not the capacity we offered.
    if (!result && op->sender_) op->resize_sender_(op->sender_, op->msg_.msg_namelen);
    binder2<Handler, error_code, std::size_t> bound(std::move(op->handler_), result, bytes);
    deallocate_op(alloc, op);
    if (owner) work.complete(bound, alloc);
  }

 private:
  buffer_sequence_adapter<Buffer, Buffers> buffers_;
  bool map_eof_ = false;
  void* sender_ = nullptr;
  void (*resize_sender_)(void*, std::size_t) = nullptr;
  [[no_unique_address]] Destination destination_{};
  Handler handler_;
  handler_work<Handler, IoExecutor> work_;
};

}  // namespace ringport::detail
