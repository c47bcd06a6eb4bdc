// write_op: the implementation async_write hands to async_compose. Each step writes at most
// what the completion condition allows from the next unsent part of the buffers; the
// operation ends when every byte is sent, the condition says so, the stream reports an
// error, or a (terminal) cancellation was requested between steps.
#pragma once

#include "ringport/cancellation_type.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/detail/consuming_buffers.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/const_buffer.hpp"

#include <cstddef>
#include <utility>

namespace ringport::detail {

template <typename AsyncWriteStream, typename ConstBufferSequence, typename CompletionCondition>
class write_op {
 public:
  write_op(AsyncWriteStream& stream, const ConstBufferSequence& buffers,
           CompletionCondition condition)
      : stream_(&stream), buffers_(buffers), condition_(std::move(condition)) {}

  // Start. Nothing to write (empty buffers, or a condition satisfied by 0 bytes) completes at
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
    stream_->async_write_some(buffers_.prepare(max_size), std::move(self));
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
    stream_->async_write_some(buffers_.prepare(max_size), std::move(self));
  }

 private:
  AsyncWriteStream* stream_;
  consuming_buffers<const_buffer, ConstBufferSequence> buffers_;
  CompletionCondition condition_;
};

}  // namespace ringport::detail
