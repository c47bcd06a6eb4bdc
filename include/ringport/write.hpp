// write / async_write: write until every byte is sent, a completion condition is met, or an
// error occurs (Asio 1.22's buffer-sequence overloads). The result is the total number of
// bytes written, also when an error stopped the operation part-way.
//
// async_write is built on async_compose: each step is one async_write_some started with the
// composed op as its handler, so the steps run through the final handler's associated
// executor and allocator, and a terminal cancellation on its slot reaches the pending step.
// Only streams are needed (write_some / async_write_some and get_executor()): nothing here
// depends on sockets or on the OS.
#pragma once

#include "ringport/async_compose.hpp"
#include "ringport/async_result.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/detail/completion_condition_for.hpp"
#include "ringport/detail/consuming_buffers.hpp"
#include "ringport/detail/transfer_op.hpp"
#include "ringport/error_code.hpp"
#include "ringport/const_buffer.hpp"

#include <cstddef>
#include <utility>

namespace ringport {

template <typename SyncWriteStream, typename ConstBufferSequence, typename CompletionCondition>
requires is_const_buffer_sequence<ConstBufferSequence>::value &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t write(SyncWriteStream& s, const ConstBufferSequence& buffers,
                          CompletionCondition completion_condition, error_code& ec) {
  ec = error_code();
  detail::consuming_buffers<const_buffer, ConstBufferSequence> tmp(buffers);
  while (!tmp.empty()) {
    const std::size_t max_size = detail::adapt_completion_condition_result(
        completion_condition(static_cast<const error_code&>(ec), tmp.total_consumed()));
    if (max_size == 0) break;
    tmp.consume(s.write_some(tmp.prepare(max_size), ec));
  }
  return tmp.total_consumed();
}

template <typename SyncWriteStream, typename ConstBufferSequence, typename CompletionCondition>
requires is_const_buffer_sequence<ConstBufferSequence>::value &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t write(SyncWriteStream& s, const ConstBufferSequence& buffers,
                          CompletionCondition completion_condition) {
  error_code ec;
  const std::size_t n = ringport::write(s, buffers, std::move(completion_condition), ec);
  detail::throw_error(ec, "write");
  return n;
}

template <typename SyncWriteStream, typename ConstBufferSequence>
requires is_const_buffer_sequence<ConstBufferSequence>::value std::size_t write(
    SyncWriteStream& s, const ConstBufferSequence& buffers, error_code& ec) {
  return ringport::write(s, buffers, transfer_all(), ec);
}

template <typename SyncWriteStream, typename ConstBufferSequence>
requires is_const_buffer_sequence<ConstBufferSequence>::value std::size_t write(
    SyncWriteStream& s, const ConstBufferSequence& buffers) {
  return ringport::write(s, buffers, transfer_all());
}

template <typename AsyncWriteStream, typename ConstBufferSequence, typename CompletionCondition,
          typename WriteToken =
              default_completion_token_t<typename AsyncWriteStream::executor_type>>
requires is_const_buffer_sequence<ConstBufferSequence>::value &&
    detail::completion_condition_for<CompletionCondition>
decltype(auto) async_write(
    AsyncWriteStream& s, const ConstBufferSequence& buffers,
    CompletionCondition completion_condition,
    WriteToken&& token = default_completion_token_t<typename AsyncWriteStream::executor_type>()) {
  return async_compose<WriteToken, void(error_code, std::size_t)>(
      detail::write_op<AsyncWriteStream, ConstBufferSequence, CompletionCondition>(
          s, buffers, std::move(completion_condition)),
      token, s);
}

// The token must not itself look like a completion condition, or async_write(s, b, cond)
// would be ambiguous with this overload.
template <typename AsyncWriteStream, typename ConstBufferSequence,
          typename WriteToken =
              default_completion_token_t<typename AsyncWriteStream::executor_type>>
requires is_const_buffer_sequence<ConstBufferSequence>::value &&
    (!detail::completion_condition_for<WriteToken>)decltype(auto)
        async_write(AsyncWriteStream& s, const ConstBufferSequence& buffers,
                    WriteToken&& token =
                        default_completion_token_t<typename AsyncWriteStream::executor_type>()) {
  return async_compose<WriteToken, void(error_code, std::size_t)>(
      detail::write_op<AsyncWriteStream, ConstBufferSequence, detail::transfer_all_t>(
          s, buffers, transfer_all()),
      token, s);
}

}  // namespace ringport
