// The machinery behind read_at/write_at and their asynchronous forms: the stream-composed
// operations (ringport::read/write, the transfer ops of transfer_op.hpp, read_dynbuf_steps_op
// and write_dynbuf_steps_op) run against a random-access device. Those operations only ever
// move forward through the data, by exactly the bytes each step reports, so a step of theirs
// on a stream is a step at `offset + bytes so far` on the device:
//
// - synchronously, sync_offset_stream is the device seen as a stream starting at `offset`;
// - asynchronously, device_steps is the Steps policy that starts each step with
//   async_read_some_at/async_write_some_at at that offset.
#pragma once

#include "ringport/async_compose.hpp"
#include "ringport/basic_streambuf.hpp"
#include "ringport/detail/dynamic_buffer_io.hpp"
#include "ringport/detail/transfer_op.hpp"
#include "ringport/error_code.hpp"

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace ringport::detail {

// A random-access device seen as a stream that starts at `offset` and advances by what each
// transfer reports, for the synchronous read/write loops.
template <typename Device>
class sync_offset_stream {
 public:
  sync_offset_stream(Device& device, std::uint64_t offset) noexcept
      : device_(&device), offset_(offset) {}

  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers, error_code& ec) {
    const std::size_t n = device_->read_some_at(offset_, buffers, ec);
    offset_ += n;
    return n;
  }

  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers, error_code& ec) {
    const std::size_t n = device_->write_some_at(offset_, buffers, ec);
    offset_ += n;
    return n;
  }

 private:
  Device* device_;
  std::uint64_t offset_;
};

// The steps of a transfer on a random-access device that started at `offset`.
template <typename Device>
struct device_steps {
  using executor_type = typename Device::executor_type;
  Device* device;
  std::uint64_t offset;

  Device& io_object() const noexcept { return *device; }

  template <transfer_direction Direction, typename Buffers, typename Handler>
  void start(std::size_t done, const Buffers& buffers, Handler&& handler) const {
    if constexpr (Direction == transfer_direction::read)
      device->async_read_some_at(offset + done, buffers, std::forward<Handler>(handler));
    else
      device->async_write_some_at(offset + done, buffers, std::forward<Handler>(handler));
  }
};

template <transfer_direction Direction, typename Device, typename BufferSequence,
          typename CompletionCondition, typename Token>
decltype(auto) async_transfer_at(Device& device, std::uint64_t offset,
                                 const BufferSequence& buffers, CompletionCondition condition,
                                 Token& token) {
  return async_transfer_steps<Direction>(device_steps<Device>{&device, offset}, buffers,
                                         std::move(condition), token);
}

// async_read_at/async_write_at on a basic_streambuf: the dynamic-buffer implementations of
// async_read/async_write (the same step sizes, cancellation and consumption), on the device.
template <transfer_direction Direction, typename Device, typename Allocator,
          typename CompletionCondition, typename Token>
decltype(auto) async_transfer_at_streambuf(Device& device, std::uint64_t offset,
                                           basic_streambuf<Allocator>& b,
                                           CompletionCondition condition, Token& token) {
  using dynbuf = basic_streambuf_ref<Allocator>;
  using steps = device_steps<Device>;
  using impl = std::conditional_t<Direction == transfer_direction::read,
                                  read_dynbuf_steps_op<steps, dynbuf, CompletionCondition>,
                                  write_dynbuf_steps_op<steps, dynbuf, CompletionCondition>>;
  return async_compose<Token, void(error_code, std::size_t)>(
      impl(steps{&device, offset}, dynbuf(b), std::move(condition)), token, device);
}

}  // namespace ringport::detail
