// iocp_handle_service_base, results: the Windows errors a pipe or file transfer ends with,
// turned into Asio's values, and the stream position moved by what a transfer did. Shared by
// the op shell's completion (iocp_handle_finish_transfer) and the synchronous transfers.
#include "iocp_handle_internal.hpp"

#include "ringport/detail/socket_slot_owner.hpp"
#include "ringport/error.hpp"

#include <mutex>

namespace ringport::detail {

error_code iocp_handle_map_error(unsigned long e, bool write) {
  if (write) {
    switch (e) {
      case ERROR_NO_DATA:  // the reader is closing its end
      case ERROR_BROKEN_PIPE:
      case ERROR_PIPE_NOT_CONNECTED:
        return error::broken_pipe;
      default:
        return iocp_handle_error(e);
    }
  }
  switch (e) {
    case ERROR_HANDLE_EOF:   // a file read at or past its end
    case ERROR_BROKEN_PIPE:  // every writer of the pipe closed its end
      return error::eof;
    default:
      return iocp_handle_error(e);
  }
}

void iocp_handle_account_position(iocp_handle_token& token, HANDLE h, bool append,
                                  std::size_t bytes) {
  if (!append) {
    token.position.fetch_add(bytes, std::memory_order_relaxed);
    return;
  }
  // A write at the end leaves the position there, as a POSIX O_APPEND write does. If the size
  // cannot be read the position stays where it was.
  LARGE_INTEGER size;
  if (::GetFileSizeEx(h, &size))
    token.position.store(static_cast<std::uint64_t>(size.QuadPart), std::memory_order_relaxed);
}

error_code iocp_handle_finish_transfer(iocp_op& op, unsigned char flags, const error_code& ec,
                                       std::size_t bytes) {
  if (ec) {
    // The handle was closed under the op: whatever the status says (ERROR_OPERATION_ABORTED
    // from close()'s CancelIoEx, or what the close itself caused), the close ended it.
    if (op.socket_closed()) return error::operation_aborted;
    // complete_now's bad_descriptor is no Win32 error and passes unchanged.
    return iocp_handle_map_error(static_cast<unsigned long>(ec.value()),
                                 (flags & handle_op_write) != 0);
  }
  if (bytes == 0 && (flags & handle_op_eof_on_zero)) return error::eof;
  if (!(flags & handle_op_advance)) return ec;
  // The position belongs to the handle, wherever its implementation moved since; a handle
  // closed since has none left to move.
  HANDLE h = reinterpret_cast<HANDLE>(op.socket_);
  if (flags & handle_op_append) {
    // TRICKY: under the link mutex a live token means the handle is open and stays so
    // (close() and release() kill the token under this mutex first), so GetFileSizeEx never
    // names a closed, maybe reused, handle.
    std::lock_guard lock(socket_link_mutex());
    if (std::shared_ptr<iocp_socket_token> t = op.cancel_token_.lock())
      iocp_handle_account_position(static_cast<iocp_handle_token&>(*t), h, true, bytes);
  } else if (std::shared_ptr<iocp_socket_token> t = op.cancel_token_.lock()) {
    iocp_handle_account_position(static_cast<iocp_handle_token&>(*t), h, false, bytes);
  }
  return ec;
}

}  // namespace ringport::detail
