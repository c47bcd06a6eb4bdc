// The template shell of a readiness wait (async_wait) or a connect: the handler, the work it
// holds and, for a connect, the peer address. Completion signature void(error_code).
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/detail/binder1.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/handler_work.hpp"
#include "ringport/detail/linux/socket_op.hpp"
#include "ringport/detail/linux/socket_op_cancellation.hpp"
#include "ringport/error_code.hpp"

#include <sys/socket.h>

#include <cstddef>
#include <cstring>
#include <utility>

namespace ringport::detail {

template <typename Handler, typename IoExecutor>
class socket_wait_op final : public socket_op {
 public:
  template <typename H>
  socket_wait_op(socket_op_kind kind, int fd, H&& handler, const IoExecutor& io_ex,
                 const execution_context& io_ctx)
      : socket_op(&socket_wait_op::do_complete, kind, fd),
        handler_(std::forward<H>(handler)),
        work_(handler_, io_ex, io_ctx) {}

  // A connect's destination, copied into the op.
  void set_address(const void* addr, std::size_t len) noexcept {
    if (len > sizeof addr_) len = sizeof addr_;
    std::memcpy(&addr_, addr, len);
    // SAFETY: the kernel reads the address from the op, which lives until completion.
    msg_.msg_name = &addr_;
    msg_.msg_namelen = static_cast<socklen_t>(len);
  }

  static void do_complete(void* owner, scheduler_operation* base, const error_code& ec,
                          std::size_t) {
    auto* op = static_cast<socket_wait_op*>(base);
    if (op->linked_) posix_slot_owner::unlink_op(*op);
    auto alloc = get_associated_allocator(op->handler_);
    handler_work<Handler, IoExecutor> work(std::move(op->work_));
    binder1<Handler, error_code> bound(std::move(op->handler_), ec);
    deallocate_op(alloc, op);
    if (owner) work.complete(bound, alloc);
  }

 private:
  sockaddr_storage addr_;
  Handler handler_;
  handler_work<Handler, IoExecutor> work_;
};

}  // namespace ringport::detail
