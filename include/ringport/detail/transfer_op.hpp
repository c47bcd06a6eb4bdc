// transfer_op: the implementation async_read and async_write hand to async_compose. Each
// step reads into the next unfilled part of the buffers (or writes from the next unsent
// part), at most what the completion condition allows; the operation ends when the buffers
// are done, the condition says so, the stream reports an error (or end of file), or a
// (terminal) cancellation was requested between steps.
#pragma once

#include "ringport/cancellation_type.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/detail/consuming_buffers.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/mutable_buffer.hpp"

#include <cstddef>
#include <type_traits>
#include <utility>

namespace ringport::detail {

enum class transfer_direction { read, write };

template <transfer_direction Direction, typename AsyncStream, typename BufferSequence,
          typename CompletionCondition>
class transfer_op {
 public:
  transfer_op(AsyncStream& stream, const BufferSequence& buffers, CompletionCondition condition)
      : stream_(&stream), buffers_(buffers), condition_(std::move(condition)) {}

  // Start. Nothing to transfer (empty buffers, or a condition satisfied by 0 bytes) completes at
  // once with 0 bytes; async_compose still delivers that later, through the handler's executor.
  template <typename Self>
  void operator()(Self& self) {
    const std::size_t max_size =
        adapt_completion_condition_result(condition_(error_code(), std::size_t(0)));
    if (max_size == 0 || buffers_.empty()) {
      self.complete(error_code(), 0);
      return;
    }
    // `self` carries the handler's executor, allocator and cancellation slot into the
    // inner operation.
    step(self, max_size);
  }

  template <typename Self>
  void operator()(Self& self, error_code ec, std::size_t bytes_transferred) {
    buffers_.consume(bytes_transferred);
    // A successful 0-byte step means the stream cannot make progress: stop rather than spin.
    if ((!ec && bytes_transferred == 0) || buffers_.empty()) {
      self.complete(ec, buffers_.total_consumed());
      return;
    }
    const std::size_t max_size =
        adapt_completion_condition_result(condition_(ec, buffers_.total_consumed()));
    if (max_size == 0) {
      self.complete(ec, buffers_.total_consumed());
      return;
    }
    // A cancellation that arrived after the last step completed found no inner operation
    // to abort; it must still end the composed operation.
    if (self.cancelled() != cancellation_type::none) {
      self.complete(error::operation_aborted, buffers_.total_consumed());
      return;
    }
    step(self, max_size);
  }

 private:
  template <typename Self>
  void step(Self& self, std::size_t max_size) {
    if constexpr (Direction == transfer_direction::read)
      stream_->async_read_some(buffers_.prepare(max_size), std::move(self));
    else
      stream_->async_write_some(buffers_.prepare(max_size), std::move(self));
  }

  using buffer_type =
      std::conditional_t<Direction == transfer_direction::read, mutable_buffer, const_buffer>;

  AsyncStream* stream_;
  consuming_buffers<buffer_type, BufferSequence> buffers_;
  CompletionCondition condition_;
};

template <typename AsyncReadStream, typename MutableBufferSequence, typename CompletionCondition>
using read_op = transfer_op<transfer_direction::read, AsyncReadStream, MutableBufferSequence,
                            CompletionCondition>;

template <typename AsyncWriteStream, typename ConstBufferSequence, typename CompletionCondition>
using write_op = transfer_op<transfer_direction::write, AsyncWriteStream, ConstBufferSequence,
                             CompletionCondition>;

}  // namespace ringport::detail
