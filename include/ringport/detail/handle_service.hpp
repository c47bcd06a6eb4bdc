// handle_service: the service of the I/O objects that are not sockets (readable_pipe,
// writable_pipe, stream_file, random_access_file, and on POSIX the stream descriptors), one
// per execution context, on every OS. It owns the implementations' life cycle and turns
// buffer sequences into the OS half's native arrays; the OS half (handle_service_base) makes
// the calls and starts the ops.
//
// Positions: the *_some forms read or write at the handle's own position (a pipe's stream, a
// stream file's position), the *_some_at forms at an offset.
#pragma once

#include "ringport/buffer_sequence.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/detail/buffer_sequence_adapter.hpp"
#include "ringport/detail/handle_service_base.hpp"
#include "ringport/error.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/mutable_buffer.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>

namespace ringport::detail {

class handle_service final : public handle_service_base,
                             public execution_context_service_base<handle_service> {
 public:
  struct implementation_type : base_implementation_type {};

  explicit handle_service(execution_context& ctx)
      : handle_service_base(ctx), execution_context_service_base<handle_service>(ctx) {}

  // Closes every handle still open.
  void shutdown() override { base_shutdown(); }

  void destroy(implementation_type& impl) {
    error_code ignored;
    close(impl, ignored);
    impls_.unlink(impl);
  }

  // Pending ops of `other` keep running on the handle, which moves to `impl`.
  void move_construct(implementation_type& impl, implementation_type& other) {
    take_state(impl, other);
    impls_.replace(other, impl);
  }

  void move_assign(implementation_type& impl, handle_service& other_service,
                   implementation_type& other) {
    error_code ignored;
    close(impl, ignored);
    if (&other_service != this) {
      impls_.unlink(impl);
      other_service.move_construct(impl, other);
      return;
    }
    take_state(impl, other);
  }

  error_code assign(implementation_type& impl, native_handle_type h, error_code& ec) {
    return assign_handle(impl, h, ec);
  }

  template <typename MutableBufferSequence>
  std::size_t read_some(implementation_type& impl, const MutableBufferSequence& buffers,
                        error_code& ec) {
    return read_some_at(impl, at_position, buffers, ec);
  }

  template <typename MutableBufferSequence>
  std::size_t read_some_at(implementation_type& impl, std::uint64_t offset,
                           const MutableBufferSequence& buffers, error_code& ec) {
    buffer_sequence_adapter<mutable_buffer, MutableBufferSequence> bufs(buffers);
    return read(impl, bufs.buffers(), bufs.count(), bufs.total_size(), offset, ec);
  }

  template <typename ConstBufferSequence>
  std::size_t write_some(implementation_type& impl, const ConstBufferSequence& buffers,
                         error_code& ec) {
    return write_some_at(impl, at_position, buffers, ec);
  }

  template <typename ConstBufferSequence>
  std::size_t write_some_at(implementation_type& impl, std::uint64_t offset,
                            const ConstBufferSequence& buffers, error_code& ec) {
    buffer_sequence_adapter<const_buffer, ConstBufferSequence> bufs(buffers);
    return write(impl, bufs.buffers(), bufs.count(), bufs.total_size(), offset, ec);
  }

  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void async_read_some(implementation_type& impl, const MutableBufferSequence& buffers,
                       Handler&& handler, const IoExecutor& io_ex) {
    initiate_read_at(impl, at_position, buffers, std::forward<Handler>(handler), io_ex);
  }

  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void async_read_some_at(implementation_type& impl, std::uint64_t offset,
                          const MutableBufferSequence& buffers, Handler&& handler,
                          const IoExecutor& io_ex) {
    initiate_read_at(impl, offset, buffers, std::forward<Handler>(handler), io_ex);
  }

  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void async_write_some(implementation_type& impl, const ConstBufferSequence& buffers,
                        Handler&& handler, const IoExecutor& io_ex) {
    initiate_write_at(impl, at_position, buffers, std::forward<Handler>(handler), io_ex);
  }

  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void async_write_some_at(implementation_type& impl, std::uint64_t offset,
                           const ConstBufferSequence& buffers, Handler&& handler,
                           const IoExecutor& io_ex) {
    initiate_write_at(impl, offset, buffers, std::forward<Handler>(handler), io_ex);
  }
};

}  // namespace ringport::detail
