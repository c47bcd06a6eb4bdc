// The operation shell of the Windows handle service (pipes and files, see
// iocp_handle_service_base.hpp): one overlapped ReadFile or WriteFile, with what it needs to
// end (the handler, its work, what the transfer was: direction, position, append). It is an
// iocp_op, so the port's OVERLAPPED* leads to it as for sockets, and it shares the sockets'
// ready-flag handshake and slot-cancellation link; only its canceller differs (CancelIoEx on
// a HANDLE, iocp_handle_service.cpp).
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/associated_allocator.hpp"
#include "ringport/detail/binder2.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/handler_work.hpp"
#include "ringport/detail/socket_slot_owner.hpp"
#include "ringport/detail/windows/iocp_op.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace ringport::detail {

// Shared by an open handle's implementation and, as weak copies, by its pending ops and their
// cancellation handlers; it dies (under the link mutex) before the handle is closed or
// released. It also holds the handle's stream position: an overlapped handle has none of its
// own, so the *_some forms of a stream file read and write here.
struct iocp_handle_token : iocp_socket_token {
  std::atomic<std::uint64_t> position{0};
};

// Cancels one pending op of a handle (CancelIoEx with the op's OVERLAPPED). Called under the
// link mutex while the op is linked and its handle's token alive (so the handle is open).
struct RINGPORT_DECL iocp_handle_canceller {
  void cancel(iocp_op& op) const;
};

using iocp_handle_slot_owner = socket_slot_owner<iocp_op, iocp_handle_canceller, iocp_socket_token>;
using iocp_handle_op_cancellation = iocp_handle_slot_owner::link_type;

// What a transfer was started as; its completion needs these to map and account its result.
enum iocp_handle_op_flag : unsigned char {
  handle_op_write = 1,       // WriteFile (else ReadFile)
  handle_op_advance = 2,     // at the stream position: moves it by the bytes transferred
  handle_op_append = 4,      // a write at the end of the file: the position goes to the end
  handle_op_eof_on_zero = 8  // a read into a non-empty buffer: 0 bytes means end of file
};

// The result of a finished transfer as the handler sees it (end of file and broken pipes in
// Asio's values, operation_aborted once the handle was closed), the position accounted.
// iocp_handle_service.cpp.
error_code iocp_handle_finish_transfer(iocp_op& op, unsigned char flags, const error_code& ec,
                                       std::size_t bytes);

// Buffer is mutable_buffer (read) or const_buffer (write): ReadFile and WriteFile take one
// buffer, so a sequence is transferred through its first non-empty buffer, as Asio does on
// Windows.
template <typename Buffer, typename Handler, typename IoExecutor>
class iocp_handle_transfer_op final : public iocp_op {
 public:
  template <typename H>
  iocp_handle_transfer_op(const Buffer& buffer, H&& handler, const IoExecutor& io_ex,
                          const execution_context& io_ctx)
      : iocp_op(&iocp_handle_transfer_op::do_complete),
        buffer_(buffer),
        handler_(std::forward<H>(handler)),
        work_(handler_, io_ex, io_ctx) {}

  const Buffer& buffer() const noexcept { return buffer_; }
  void set_flags(unsigned char flags) noexcept { flags_ = flags; }

  static void do_complete(void* owner, scheduler_operation* base, const error_code& ec,
                          std::size_t bytes) {
    auto* op = static_cast<iocp_handle_transfer_op*>(base);
    if (op->linked_) iocp_handle_slot_owner::unlink_op(*op);
    auto alloc = get_associated_allocator(op->handler_);
    if (!owner) {
      // The handler outlives the op's memory, which its allocator may depend on.
      [[maybe_unused]] Handler handler(std::move(op->handler_));
      deallocate_op(alloc, op);
      return;
    }
    handler_work<Handler, IoExecutor> work(std::move(op->work_));
    error_code result = iocp_handle_finish_transfer(*op, op->flags_, ec, bytes);
    binder2<Handler, error_code, std::size_t> bound(std::move(op->handler_), result, bytes);
    deallocate_op(alloc, op);
    work.complete(bound, alloc);
  }

 private:
  // SAFETY: points into the caller's memory, which the kernel writes into (a read) until the
  // op's packet has come; the caller keeps it alive until the handler runs, as in Asio.
  Buffer buffer_;
  unsigned char flags_ = 0;
  Handler handler_;
  handler_work<Handler, IoExecutor> work_;
};

}  // namespace ringport::detail
