// The template shell of an accept. On success the new descriptor is handed to the peer
// socket (accept into a socket object, completion void(error_code)) or to a new socket
// object passed to the handler (move-accept, completion void(error_code, Socket)); the
// `Completion` policy says which. A descriptor accepted but never delivered (the handler was
// destroyed at shutdown) is closed, never leaked.
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/handler_work.hpp"
#include "ringport/detail/linux/socket_op.hpp"
#include "ringport/detail/linux/socket_op_cancellation.hpp"
#include "ringport/error_code.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <utility>

namespace ringport::detail {

// Completion: a policy with
//   template <typename H> auto bind(H&& handler, error_code ec, int fd, const void* addr,
//                                   std::size_t addr_len)
// returning a nullary function that delivers the result (taking ownership of fd when
// !ec; it closes fd itself if delivery fails).
template <typename Completion, typename Handler, typename IoExecutor>
class socket_accept_op final : public socket_op {
 public:
  template <typename H>
  socket_accept_op(int fd, Completion completion, H&& handler, const IoExecutor& io_ex,
                   const execution_context& io_ctx)
      : socket_op(&socket_accept_op::do_complete, socket_op_kind::accept, fd),
        completion_(std::move(completion)),
        handler_(std::forward<H>(handler)),
        work_(handler_, io_ex, io_ctx) {
    // SAFETY: the kernel writes the peer address into the op, which lives until completion.
    msg_.msg_name = &addr_;
    msg_.msg_namelen = sizeof addr_;
    // Tells "never finished" from "accepted descriptor 0" when the op is destroyed.
    bytes_ = no_descriptor;
  }

  static void do_complete(void* owner, scheduler_operation* base, const error_code& ec,
                          std::size_t bytes) {
    auto* op = static_cast<socket_accept_op*>(base);
    if (op->linked_) posix_slot_owner::unlink_op(*op);
    if (!owner) {
      // destroy() passes no result: the backend's, if any, is in the op.
      if (!op->ec_ && op->bytes_ != no_descriptor) ::close(static_cast<int>(op->bytes_));
      auto alloc = get_associated_allocator(op->handler_);
      // The handler outlives the op's memory, which its allocator may depend on.
      [[maybe_unused]] Handler handler(std::move(op->handler_));
      deallocate_op(alloc, op);
      return;
    }
    auto alloc = get_associated_allocator(op->handler_);
    handler_work<Handler, IoExecutor> work(std::move(op->work_));
    int new_fd = !ec && bytes != no_descriptor ? static_cast<int>(bytes) : -1;
    auto bound =
        op->completion_.bind(std::move(op->handler_), ec, new_fd, &op->addr_, op->addr_len_);
    deallocate_op(alloc, op);
    work.complete(bound, alloc);
  }

 private:
  static constexpr std::size_t no_descriptor = static_cast<std::size_t>(-1);

  Completion completion_;
  sockaddr_storage addr_;
  Handler handler_;
  handler_work<Handler, IoExecutor> work_;
};

}  // namespace ringport::detail
