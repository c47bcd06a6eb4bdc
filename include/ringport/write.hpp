// write / async_write: write until every byte is sent, a completion condition is met, or an
// error occurs (Asio 1.22's buffer-sequence, dynamic buffer (v1 and v2) and streambuf
// overloads). On a dynamic buffer the readable bytes are written and what was written is
// consumed from the buffer. The result is the total number of
// bytes written, also when an error stopped the operation part-way.
//
// async_write on a buffer sequence passes one intermediate handler (detail/transfer_op.hpp) from
// step to step, each step one async_write_some; on a dynamic buffer it is built on
// async_compose. Either way the steps run through the final handler's associated executor and
// allocator, and a terminal or partial cancellation on its slot reaches the pending step (total
// is filtered out, as in Asio).
// Only streams are needed (write_some / async_write_some and get_executor()): nothing here
// depends on sockets or on the OS.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_compose.hpp"
#include "ringport/async_result.hpp"
#include "ringport/basic_streambuf.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/detail/completion_condition_for.hpp"
#include "ringport/detail/consuming_buffers.hpp"
#include "ringport/detail/dynamic_buffer_io.hpp"
#include "ringport/detail/transfer_op.hpp"
#include "ringport/error_code.hpp"
#include "ringport/const_buffer.hpp"

#include <cstddef>
#include <type_traits>
#include <utility>

namespace ringport {

/// @name Writing a buffer sequence
//@{
/// Writes `buffers` to `s` with write_some until every byte is sent, the completion condition says
/// to stop, or an error occurs. The completion condition is called as completion_condition(ec,
/// total) before each step and returns the most bytes the next step may write, 0 to end the
/// operation; the overloads without one use transfer_all(). Returns the total number of bytes
/// written, also when an error stopped the operation part-way; the overloads with `ec` report the
/// error there, the others throw std::system_error.
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
//@}

/// @name Writing a buffer sequence asynchronously
//@{
/// Starts writing `buffers` to `s`, one async_write_some per step, until every byte is sent, the
/// completion condition says to stop, or an error occurs. The completion condition is called as
/// completion_condition(ec, total) before each step and returns the most bytes the next step may
/// write, 0 to end the operation; the overloads without one use transfer_all(). Completion
/// signature void(error_code, std::size_t), with the total number of bytes written, also when an
/// error stopped the operation part-way; the error is the stream's. The steps run through the
/// handler's associated executor and allocator, and a terminal or partial cancellation on its slot
/// reaches the pending step (total is filtered out, as in Asio).
template <typename AsyncWriteStream, typename ConstBufferSequence, typename CompletionCondition,
          completion_token_for<void(error_code, std::size_t)> WriteToken =
              default_completion_token_t<typename AsyncWriteStream::executor_type>>
requires is_const_buffer_sequence<ConstBufferSequence>::value &&
    detail::completion_condition_for<CompletionCondition>
decltype(auto) async_write(
    AsyncWriteStream& s, const ConstBufferSequence& buffers,
    CompletionCondition completion_condition,
    WriteToken&& token = default_completion_token_t<typename AsyncWriteStream::executor_type>()) {
  return detail::async_transfer<detail::transfer_direction::write>(
      s, buffers, std::move(completion_condition), token);
}

/// The token must not itself look like a completion condition, or async_write(s, b, cond)
/// would be ambiguous with this overload.
template <typename AsyncWriteStream, typename ConstBufferSequence,
          completion_token_for<void(error_code, std::size_t)> WriteToken =
              default_completion_token_t<typename AsyncWriteStream::executor_type>>
requires is_const_buffer_sequence<ConstBufferSequence>::value &&
    (!detail::completion_condition_for<WriteToken>)decltype(auto)
        async_write(AsyncWriteStream& s, const ConstBufferSequence& buffers,
                    WriteToken&& token =
                        default_completion_token_t<typename AsyncWriteStream::executor_type>()) {
  return detail::async_transfer<detail::transfer_direction::write>(s, buffers, transfer_all(),
                                                                   token);
}
//@}

// ---- Dynamic buffers, v1 (a type that is only v1) ----

/// @name Writing a dynamic buffer (v1)
//@{
/// Writes the readable bytes of the dynamic buffer `buffers` (a type that is only a v1 dynamic
/// buffer) to `s` as write() does a buffer sequence; what was written is consumed from the buffer.
/// The completion condition is called as completion_condition(ec, total) before each step and
/// returns the most bytes the next step may write, 0 to end the operation; the overloads without
/// one use transfer_all(). Returns the total number of bytes written, also when an error stopped
/// the operation part-way; the overloads with `ec` report the error there, the others throw
/// std::system_error.
template <typename SyncWriteStream, typename DynamicBuffer_v1, typename CompletionCondition>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t write(SyncWriteStream& s, DynamicBuffer_v1&& buffers,
                          CompletionCondition completion_condition, error_code& ec) {
  std::decay_t<DynamicBuffer_v1> b(std::forward<DynamicBuffer_v1>(buffers));
  const std::size_t n = ringport::write(s, b.data(), std::move(completion_condition), ec);
  b.consume(n);
  return n;
}

template <typename SyncWriteStream, typename DynamicBuffer_v1, typename CompletionCondition>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t write(SyncWriteStream& s, DynamicBuffer_v1&& buffers,
                          CompletionCondition completion_condition) {
  error_code ec;
  const std::size_t n = ringport::write(s, std::forward<DynamicBuffer_v1>(buffers),
                                        std::move(completion_condition), ec);
  detail::throw_error(ec, "write");
  return n;
}

template <typename SyncWriteStream, typename DynamicBuffer_v1>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> std::size_t write(
    SyncWriteStream& s, DynamicBuffer_v1&& buffers, error_code& ec) {
  return ringport::write(s, std::forward<DynamicBuffer_v1>(buffers), transfer_all(), ec);
}

template <typename SyncWriteStream, typename DynamicBuffer_v1>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> std::size_t write(
    SyncWriteStream& s, DynamicBuffer_v1&& buffers) {
  return ringport::write(s, std::forward<DynamicBuffer_v1>(buffers), transfer_all());
}
//@}

/// @name Writing a dynamic buffer (v1) asynchronously
//@{
/// Starts writing the readable bytes of the dynamic buffer `buffers` (a type that is only a v1
/// dynamic buffer) to `s` (a composed operation of async_write_some steps); what was written is
/// consumed from the buffer. The completion condition is called as completion_condition(ec, total)
/// before each step and returns the most bytes the next step may write, 0 to end the operation; the
/// overloads without one use transfer_all(). Completion signature void(error_code, std::size_t),
/// with the total number of bytes written, also when an error stopped the operation part-way; the
/// error is the stream's. The steps run through the handler's associated executor and allocator,
/// and a terminal or partial cancellation on its slot reaches the pending step (total is filtered
/// out, as in Asio).
template <typename AsyncWriteStream, typename DynamicBuffer_v1, typename CompletionCondition,
          completion_token_for<void(error_code, std::size_t)> WriteToken =
              default_completion_token_t<typename AsyncWriteStream::executor_type>>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> &&
    detail::completion_condition_for<CompletionCondition>
decltype(auto) async_write(
    AsyncWriteStream& s, DynamicBuffer_v1&& buffers, CompletionCondition completion_condition,
    WriteToken&& token = default_completion_token_t<typename AsyncWriteStream::executor_type>()) {
  return async_compose<WriteToken, void(error_code, std::size_t)>(
      detail::write_dynbuf_op<AsyncWriteStream, std::decay_t<DynamicBuffer_v1>,
                              CompletionCondition>(s, std::forward<DynamicBuffer_v1>(buffers),
                                                   std::move(completion_condition)),
      token, s);
}

template <typename AsyncWriteStream, typename DynamicBuffer_v1,
          completion_token_for<void(error_code, std::size_t)> WriteToken =
              default_completion_token_t<typename AsyncWriteStream::executor_type>>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> &&
    (!detail::completion_condition_for<WriteToken>)decltype(auto)
        async_write(AsyncWriteStream& s, DynamicBuffer_v1&& buffers,
                    WriteToken&& token =
                        default_completion_token_t<typename AsyncWriteStream::executor_type>()) {
  return async_compose<WriteToken, void(error_code, std::size_t)>(
      detail::write_dynbuf_op<AsyncWriteStream, std::decay_t<DynamicBuffer_v1>,
                              detail::transfer_all_t>(s, std::forward<DynamicBuffer_v1>(buffers),
                                                      transfer_all()),
      token, s);
}
//@}

// ---- Dynamic buffers, v2 ----

/// @name Writing a dynamic buffer (v2)
//@{
/// Writes the readable bytes of the dynamic buffer `buffers` (v2) to `s` as write() does a buffer
/// sequence; what was written is consumed from the buffer. The completion condition is called as
/// completion_condition(ec, total) before each step and returns the most bytes the next step may
/// write, 0 to end the operation; the overloads without one use transfer_all(). Returns the total
/// number of bytes written, also when an error stopped the operation part-way; the overloads with
/// `ec` report the error there, the others throw std::system_error.
template <typename SyncWriteStream, typename DynamicBuffer_v2, typename CompletionCondition>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t write(SyncWriteStream& s, DynamicBuffer_v2 buffers,
                          CompletionCondition completion_condition, error_code& ec) {
  const std::size_t n = ringport::write(s, std::as_const(buffers).data(0, buffers.size()),
                                        std::move(completion_condition), ec);
  buffers.consume(n);
  return n;
}

template <typename SyncWriteStream, typename DynamicBuffer_v2, typename CompletionCondition>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t write(SyncWriteStream& s, DynamicBuffer_v2 buffers,
                          CompletionCondition completion_condition) {
  error_code ec;
  const std::size_t n = ringport::write(s, std::move(buffers), std::move(completion_condition), ec);
  detail::throw_error(ec, "write");
  return n;
}

template <typename SyncWriteStream, typename DynamicBuffer_v2>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> std::size_t write(
    SyncWriteStream& s, DynamicBuffer_v2 buffers, error_code& ec) {
  return ringport::write(s, std::move(buffers), transfer_all(), ec);
}

template <typename SyncWriteStream, typename DynamicBuffer_v2>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> std::size_t write(
    SyncWriteStream& s, DynamicBuffer_v2 buffers) {
  return ringport::write(s, std::move(buffers), transfer_all());
}
//@}

/// @name Writing a dynamic buffer (v2) asynchronously
//@{
/// Starts writing the readable bytes of the dynamic buffer `buffers` (v2) to `s` (a composed
/// operation of async_write_some steps); what was written is consumed from the buffer. The
/// completion condition is called as completion_condition(ec, total) before each step and returns
/// the most bytes the next step may write, 0 to end the operation; the overloads without one use
/// transfer_all(). Completion signature void(error_code, std::size_t), with the total number of
/// bytes written, also when an error stopped the operation part-way; the error is the stream's. The
/// steps run through the handler's associated executor and allocator, and a terminal or partial
/// cancellation on its slot reaches the pending step (total is filtered out, as in Asio).
template <typename AsyncWriteStream, typename DynamicBuffer_v2, typename CompletionCondition,
          completion_token_for<void(error_code, std::size_t)> WriteToken =
              default_completion_token_t<typename AsyncWriteStream::executor_type>>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> &&
    detail::completion_condition_for<CompletionCondition>
decltype(auto) async_write(
    AsyncWriteStream& s, DynamicBuffer_v2 buffers, CompletionCondition completion_condition,
    WriteToken&& token = default_completion_token_t<typename AsyncWriteStream::executor_type>()) {
  return async_compose<WriteToken, void(error_code, std::size_t)>(
      detail::write_dynbuf_op<AsyncWriteStream, DynamicBuffer_v2, CompletionCondition>(
          s, std::move(buffers), std::move(completion_condition)),
      token, s);
}

template <typename AsyncWriteStream, typename DynamicBuffer_v2,
          completion_token_for<void(error_code, std::size_t)> WriteToken =
              default_completion_token_t<typename AsyncWriteStream::executor_type>>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> &&
    (!detail::completion_condition_for<WriteToken>)decltype(auto)
        async_write(AsyncWriteStream& s, DynamicBuffer_v2 buffers,
                    WriteToken&& token =
                        default_completion_token_t<typename AsyncWriteStream::executor_type>()) {
  return async_compose<WriteToken, void(error_code, std::size_t)>(
      detail::write_dynbuf_op<AsyncWriteStream, DynamicBuffer_v2, detail::transfer_all_t>(
          s, std::move(buffers), transfer_all()),
      token, s);
}
//@}

// ---- basic_streambuf (through basic_streambuf_ref; the streambuf must outlive the op) ----

/// @name Writing a streambuf
//@{
/// Writes the readable bytes of the streambuf `b` (through basic_streambuf_ref; for async_write the
/// streambuf must outlive the operation) to `s` as write() does a buffer sequence; what was written
/// is consumed from the buffer. The completion condition is called as completion_condition(ec,
/// total) before each step and returns the most bytes the next step may write, 0 to end the
/// operation; the overloads without one use transfer_all(). Returns the total number of bytes
/// written, also when an error stopped the operation part-way; the overloads with `ec` report the
/// error there, the others throw std::system_error.
template <typename SyncWriteStream, typename Allocator, typename CompletionCondition>
requires detail::completion_condition_for<CompletionCondition> std::size_t write(
    SyncWriteStream& s, basic_streambuf<Allocator>& b, CompletionCondition completion_condition,
    error_code& ec) {
  return ringport::write(s, basic_streambuf_ref<Allocator>(b), std::move(completion_condition), ec);
}

template <typename SyncWriteStream, typename Allocator, typename CompletionCondition>
requires detail::completion_condition_for<CompletionCondition> std::size_t write(
    SyncWriteStream& s, basic_streambuf<Allocator>& b, CompletionCondition completion_condition) {
  return ringport::write(s, basic_streambuf_ref<Allocator>(b), std::move(completion_condition));
}

template <typename SyncWriteStream, typename Allocator>
std::size_t write(SyncWriteStream& s, basic_streambuf<Allocator>& b, error_code& ec) {
  return ringport::write(s, basic_streambuf_ref<Allocator>(b), transfer_all(), ec);
}

template <typename SyncWriteStream, typename Allocator>
std::size_t write(SyncWriteStream& s, basic_streambuf<Allocator>& b) {
  return ringport::write(s, basic_streambuf_ref<Allocator>(b), transfer_all());
}
//@}

/// @name Writing a streambuf asynchronously
//@{
/// Starts writing the readable bytes of the streambuf `b` (through basic_streambuf_ref; for
/// async_write the streambuf must outlive the operation) to `s` (a composed operation of
/// async_write_some steps); what was written is consumed from the buffer. The completion condition
/// is called as completion_condition(ec, total) before each step and returns the most bytes the
/// next step may write, 0 to end the operation; the overloads without one use transfer_all().
/// Completion signature void(error_code, std::size_t), with the total number of bytes written, also
/// when an error stopped the operation part-way; the error is the stream's. The steps run through
/// the handler's associated executor and allocator, and a terminal or partial cancellation on its
/// slot reaches the pending step (total is filtered out, as in Asio).
template <typename AsyncWriteStream, typename Allocator, typename CompletionCondition,
          completion_token_for<void(error_code, std::size_t)> WriteToken =
              default_completion_token_t<typename AsyncWriteStream::executor_type>>
requires detail::completion_condition_for<CompletionCondition>
decltype(auto) async_write(
    AsyncWriteStream& s, basic_streambuf<Allocator>& b, CompletionCondition completion_condition,
    WriteToken&& token = default_completion_token_t<typename AsyncWriteStream::executor_type>()) {
  return ringport::async_write(s, basic_streambuf_ref<Allocator>(b),
                               std::move(completion_condition), std::forward<WriteToken>(token));
}

template <typename AsyncWriteStream, typename Allocator,
          completion_token_for<void(error_code, std::size_t)> WriteToken =
              default_completion_token_t<typename AsyncWriteStream::executor_type>>
requires(!detail::completion_condition_for<WriteToken>) decltype(auto) async_write(
    AsyncWriteStream& s, basic_streambuf<Allocator>& b,
    WriteToken&& token = default_completion_token_t<typename AsyncWriteStream::executor_type>()) {
  return ringport::async_write(s, basic_streambuf_ref<Allocator>(b), transfer_all(),
                               std::forward<WriteToken>(token));
}
//@}

}  // namespace ringport
