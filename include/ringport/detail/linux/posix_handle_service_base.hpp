// The POSIX half of the handle service (detail/handle_service.hpp): pipes, stream
// descriptors and files on Linux. They are descriptors like sockets, so this half is the
// socket half (posix_socket_service_base: the implementation list, backend registration,
// close/release/cancel, the op shells) with the calls of non-sockets added: readv/writev at
// the descriptor's position or at an offset, open(), the file's size, sync and seek, pipe2().
// The Windows half, iocp_handle_service_base, has the same members.
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/detail/linux/posix_socket_service_base.hpp"
#include "ringport/file_base.hpp"

#include <cstdint>

namespace ringport::detail {

class RINGPORT_DECL posix_handle_service_base : public posix_socket_service_base {
 public:
  explicit posix_handle_service_base(execution_context& ctx) : posix_socket_service_base(ctx) {}

  // A transfer's offset that means "at the handle's own position": pipes, stream descriptors
  // and stream files (whose position the descriptor keeps, as lseek sees it).
  static constexpr std::uint64_t at_position = ~std::uint64_t(0);

  // Adopts any descriptor (pipe end, tty, eventfd, file, ...).
  error_code assign_handle(base_implementation_type& impl, native_handle_type fd, error_code& ec) {
    return do_assign(impl, SOCK_STREAM, fd, ec);
  }

  // POSIX descriptors: the user's view of non-blocking mode (a synchronous call that would
  // wait reports would_block), as for sockets.
  bool non_blocking(const base_implementation_type& impl) const noexcept {
    return (impl.state_ & user_set_non_blocking) != 0;
  }
  error_code non_blocking(base_implementation_type& impl, bool mode, error_code& ec);

  template <typename Handler, typename IoExecutor>
  void async_wait(base_implementation_type& impl, socket_base::wait_type w, Handler&& handler,
                  const IoExecutor& io_ex) {
    initiate_wait(impl, w, std::forward<Handler>(handler), io_ex);
  }

  error_code open_file(base_implementation_type& impl, const char* path, file_base::flags flags,
                       error_code& ec);
  std::uint64_t size(const base_implementation_type& impl, error_code& ec) const;
  error_code resize(base_implementation_type& impl, std::uint64_t n, error_code& ec);
  error_code sync_all(base_implementation_type& impl, error_code& ec);
  error_code sync_data(base_implementation_type& impl, error_code& ec);
  std::uint64_t seek(base_implementation_type& impl, std::int64_t offset,
                     file_base::seek_basis whence, error_code& ec);

  // Both ends close-on-exec, in the mode the backend wants them.
  error_code create_pipe(native_handle_type& read_end, native_handle_type& write_end,
                         error_code& ec);

  // Synchronous transfers over an iovec array holding `total` bytes, at `offset` or at
  // at_position. A read of nothing into a non-empty buffer reports eof.
  std::size_t read(base_implementation_type& impl, native_buffer* bufs, std::size_t count,
                   std::size_t total, std::uint64_t offset, error_code& ec);
  std::size_t write(base_implementation_type& impl, const native_buffer* bufs, std::size_t count,
                    std::size_t total, std::uint64_t offset, error_code& ec);

 protected:
  ~posix_handle_service_base() = default;

  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void initiate_read_at(base_implementation_type& impl, std::uint64_t offset,
                        const MutableBufferSequence& buffers, Handler&& handler,
                        const IoExecutor& io_ex) {
    initiate_read(impl, buffers, native_offset(offset), std::forward<Handler>(handler), io_ex);
  }
  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void initiate_write_at(base_implementation_type& impl, std::uint64_t offset,
                         const ConstBufferSequence& buffers, Handler&& handler,
                         const IoExecutor& io_ex) {
    initiate_write(impl, buffers, native_offset(offset), std::forward<Handler>(handler), io_ex);
  }

 private:
  error_code call_result(int r, const base_implementation_type& impl, error_code& ec) const;
  void prepare_sync_call(base_implementation_type& impl);
  static long long native_offset(std::uint64_t offset) noexcept {
    return offset == at_position ? at_descriptor_position : static_cast<long long>(offset);
  }
};

}  // namespace ringport::detail
