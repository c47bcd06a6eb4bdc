// The Windows half of the handle service (detail/handle_service.hpp): pipes and files as
// overlapped HANDLEs on the context's completion port, with the same members as the POSIX
// half (posix_handle_service_base). Asio's win_iocp_handle_service and win_iocp_file_service
// in one class.
//
// Each open handle is associated with the port through the backend's socket half (which
// takes any HANDLE) and, where the system allows, switched to
// FILE_SKIP_COMPLETION_PORT_ON_SUCCESS. A transfer is one overlapped ReadFile or WriteFile
// started as the socket half starts its Winsock calls: counted as work and as overlapped I/O
// the kernel holds, then ERROR_IO_PENDING (or a success the port will still report) → the
// ready-flag handshake with the port; any other outcome → queued with its result at once.
// Every op ends exactly once, never inside its initiating call.
//
// Positions: an overlapped handle has no file position, so a stream file's position lives in
// the handle's token (iocp_handle_token) and the *_some forms read and write there; pipes
// and other handles that are not disk files ignore offsets. A transfer moves the position
// when it completes, by the bytes it moved, as a POSIX file position moves (Asio on Windows
// moves it at initiation by the size asked for, so a short read at the end of a file skips
// ahead). That is safe because the op reaches the position through its weak copy of the
// token: whichever implementation holds the handle by then, and nothing once the handle is
// closed. Two transfers at the position in flight at once start at the same place (a stream
// takes one at a time). After a write at the end of the file (append) the position is the
// file's new size. Synchronous transfers wait on an event whose low bit is set, so they queue
// nothing to the port.
//
// Cancellation: CancelIoEx per handle (cancel()) and per op (cancellation slots, linked
// through the sockets' socket_slot_owner); close() cancels, then closes the handle. The token
// dies under the link mutex first, so a cancellation handler never names a closed (maybe
// reused) handle, and an op ending after the close ends with operation_aborted.
//
// Defined in src/windows/handles/: iocp_handle_service.cpp (life, cancellation, starts),
// iocp_handle_results.cpp (result mapping, the position), iocp_handle_files.cpp (open, size,
// resize, sync, seek, the synchronous transfers), iocp_handle_pipes.cpp (create_pipe).
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/detail/backend.hpp"
#include "ringport/detail/buffer_sequence_adapter.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/native_buffer.hpp"
#include "ringport/detail/socket_impl_list.hpp"
#include "ringport/detail/windows/iocp_handle_ops.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/file_base.hpp"
#include "ringport/mutable_buffer.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>

namespace ringport::detail {

class scheduler;

class RINGPORT_DECL iocp_handle_service_base {
 public:
  // A HANDLE.
  using native_handle_type = void*;
  // INVALID_HANDLE_VALUE (a pointer value: not a constant expression).
  static inline native_handle_type const invalid_native_handle =
      reinterpret_cast<native_handle_type>(~std::uintptr_t(0));

  // A transfer's offset that means "at the handle's own position": pipes, and stream files
  // (whose position the service keeps).
  static constexpr std::uint64_t at_position = ~std::uint64_t(0);

  enum state_flag : unsigned char {
    seekable = 1,              // a disk file: offsets and the stream position apply
    append_writes = 2,         // opened with file_base::append: every write goes to the end
    skip_completion_port = 4,  // FILE_SKIP_COMPLETION_PORT_ON_SUCCESS is on
  };

  struct base_implementation_type : socket_impl_link {
    native_handle_type handle_ = invalid_native_handle;
    unsigned char state_ = 0;
    // Alive while the handle is open; each op holds a weak copy (iocp_op::cancel_token_).
    std::shared_ptr<iocp_handle_token> cancel_token_;
  };

  explicit iocp_handle_service_base(execution_context& ctx);
  iocp_handle_service_base(const iocp_handle_service_base&) = delete;
  iocp_handle_service_base& operator=(const iocp_handle_service_base&) = delete;

  void construct(base_implementation_type& impl);

  bool is_open(const base_implementation_type& impl) const noexcept {
    return impl.handle_ != invalid_native_handle;
  }
  native_handle_type native_handle(const base_implementation_type& impl) const noexcept {
    return impl.handle_;
  }

  // Pending ops end once with operation_aborted; the handle is closed.
  error_code close(base_implementation_type& impl, error_code& ec);
  // Cancels pending ops, then takes the handle off the completion port
  // (NtSetInformationFile(FileReplaceCompletionInformation)) and hands it to the caller.
  // Where that is missing or fails (Wine), reports operation_not_supported and keeps the
  // handle open and owned, as the socket half does.
  native_handle_type release(base_implementation_type& impl, error_code& ec);
  error_code cancel(base_implementation_type& impl, error_code& ec);

  // Adopts any overlapped handle (pipe end, file, ...).
  error_code assign_handle(base_implementation_type& impl, native_handle_type h, error_code& ec);

  // `path` is UTF-8.
  error_code open_file(base_implementation_type& impl, const char* path, file_base::flags flags,
                       error_code& ec);
  std::uint64_t size(const base_implementation_type& impl, error_code& ec) const;
  error_code resize(base_implementation_type& impl, std::uint64_t n, error_code& ec);
  error_code sync_all(base_implementation_type& impl, error_code& ec);
  error_code sync_data(base_implementation_type& impl, error_code& ec);
  // Moves the stream position (seek_end counts from the file's size); returns the new one.
  std::uint64_t seek(base_implementation_type& impl, std::int64_t offset,
                     file_base::seek_basis whence, error_code& ec);

  // A uniquely named byte pipe: an inbound read end and a write end, both overlapped and not
  // inherited, associated with no port yet.
  error_code create_pipe(native_handle_type& read_end, native_handle_type& write_end,
                         error_code& ec);

  // Closes a handle that never reached an implementation (CloseHandle).
  static void close_native(native_handle_type h) noexcept;

  // Synchronous transfers of the first non-empty of `count` entries (holding `total` bytes),
  // at `offset` or at_position. A read of nothing into a non-empty buffer reports eof.
  std::size_t read(base_implementation_type& impl, native_buffer* bufs, std::size_t count,
                   std::size_t total, std::uint64_t offset, error_code& ec);
  std::size_t write(base_implementation_type& impl, const native_buffer* bufs, std::size_t count,
                    std::size_t total, std::uint64_t offset, error_code& ec);

 protected:
  ~iocp_handle_service_base() = default;

  // Closes every handle still open; their pending ops come back aborted and the scheduler's
  // shutdown destroys them without calling the handlers.
  void base_shutdown();

  // For handle_service's moves: moves other's handle, state and token (with the stream
  // position) into impl. Pending ops keep running: they refer to the handle, never to the
  // implementation.
  static void take_state(base_implementation_type& impl, base_implementation_type& other);
  // The live implementations, closed by base_shutdown().
  socket_impl_list impls_;

  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void initiate_read_at(base_implementation_type& impl, std::uint64_t offset,
                        const MutableBufferSequence& buffers, Handler&& handler,
                        const IoExecutor& io_ex) {
    using op = iocp_handle_transfer_op<mutable_buffer, std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(
        get_associated_allocator(handler),
        buffer_sequence_adapter<mutable_buffer, MutableBufferSequence>::first(buffers),
        std::forward<Handler>(handler), io_ex, context_);
    start(impl, *p, slot, offset, p->buffer().data(), p->buffer().size(), false);
  }

  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void initiate_write_at(base_implementation_type& impl, std::uint64_t offset,
                         const ConstBufferSequence& buffers, Handler&& handler,
                         const IoExecutor& io_ex) {
    using op = iocp_handle_transfer_op<const_buffer, std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p =
        allocate_op<op>(get_associated_allocator(handler),
                        buffer_sequence_adapter<const_buffer, ConstBufferSequence>::first(buffers),
                        std::forward<Handler>(handler), io_ex, context_);
    start(impl, *p, slot, offset, const_cast<void*>(p->buffer().data()), p->buffer().size(), true);
  }

  execution_context& context_;

 private:
  // Links a cancellation handler into `slot` when it is connected, then starts the op (or
  // queues it at once: a closed handle, or nothing to transfer).
  template <typename Op, typename Slot>
  void start(base_implementation_type& impl, Op& op, Slot& slot, std::uint64_t offset, void* data,
             std::size_t size, bool write) {
    if (!is_open(impl) || size == 0) {
      // A transfer of nothing completes with 0 bytes (through the queue), as in Asio.
      complete_now(op, is_open(impl) ? error_code() : error_code(error::bad_descriptor));
      return;
    }
    op.set_flags(transfer_flags(impl, offset, write));
    // What the op's cancellation and completion need: its handle and the handle's token.
    op.socket_ = reinterpret_cast<std::uintptr_t>(impl.handle_);
    op.cancel_token_ = impl.cancel_token_;
    op.has_token_ = true;
    if (slot.is_connected()) {
      try {
        auto& c = slot.template emplace<iocp_handle_op_cancellation>(
            iocp_handle_slot_owner{{}, impl.cancel_token_});
        op.linked_ = true;
        iocp_handle_slot_owner::link(c, op);
      } catch (...) {
        op.destroy();
        throw;
      }
    }
    start_transfer(impl, op, offset, data, size, write);
  }

  static unsigned char transfer_flags(const base_implementation_type& impl, std::uint64_t offset,
                                      bool write) noexcept {
    unsigned char f = write ? handle_op_write : handle_op_eof_on_zero;
    if (write && (impl.state_ & append_writes)) f |= handle_op_append;
    if (offset == at_position && (impl.state_ & seekable)) f |= handle_op_advance;
    return f;
  }

  // Queues `op` with `ec` and 0 bytes, never inside the initiating call.
  void complete_now(iocp_op& op, const error_code& ec);
  // The ReadFile or WriteFile of an open handle, with the op's flags set.
  void start_transfer(base_implementation_type& impl, iocp_op& op, std::uint64_t offset, void* data,
                      std::size_t size, bool write);

  scheduler& scheduler_;
  socket_backend& backend_;
};

}  // namespace ringport::detail
