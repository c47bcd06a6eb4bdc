// read / async_read: read until the buffers are full, a completion condition is met, or an
// error occurs (Asio 1.22's buffer-sequence, dynamic buffer (v1 and v2) and streambuf
// overloads). On a dynamic buffer each step appends to the buffer (at least 512 bytes are
// offered, never past max_size()); the operation ends when the condition says so, max_size()
// is reached, or an error (end of file included) occurs: with the default transfer_all()
// reading to the end of the stream reports eof. The result is the total number of
// bytes read, also when an error stopped the operation part-way.
//
// async_read on a buffer sequence passes one intermediate handler (detail/transfer_op.hpp) from
// step to step, each step one async_read_some; on a dynamic buffer it is built on
// async_compose. Either way the steps run through the final handler's associated executor and
// allocator, and a terminal or partial cancellation on its slot reaches the pending step (total
// is filtered out, as in Asio).
// Only streams are needed (read_some / async_read_some and get_executor()): nothing here
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
#include "ringport/mutable_buffer.hpp"

#include <cstddef>
#include <type_traits>
#include <utility>

namespace ringport {

/// @name Reading a buffer sequence
//@{
/// Reads from `s` into `buffers` with read_some until they are full, the completion condition says
/// to stop, or an error occurs. The completion condition is called as completion_condition(ec,
/// total) before each step and returns the most bytes the next step may read, 0 to end the
/// operation; the overloads without one use transfer_all(). Returns the total number of bytes read,
/// also when an error stopped the operation part-way; the overloads with `ec` report the error
/// there, the others throw std::system_error.
template <typename SyncReadStream, typename MutableBufferSequence, typename CompletionCondition>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t read(SyncReadStream& s, const MutableBufferSequence& buffers,
                         CompletionCondition completion_condition, error_code& ec) {
  ec = error_code();
  detail::consuming_buffers<mutable_buffer, MutableBufferSequence> tmp(buffers);
  while (!tmp.empty()) {
    const std::size_t max_size = detail::adapt_completion_condition_result(
        completion_condition(static_cast<const error_code&>(ec), tmp.total_consumed()));
    if (max_size == 0) break;
    tmp.consume(s.read_some(tmp.prepare(max_size), ec));
  }
  return tmp.total_consumed();
}

template <typename SyncReadStream, typename MutableBufferSequence, typename CompletionCondition>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t read(SyncReadStream& s, const MutableBufferSequence& buffers,
                         CompletionCondition completion_condition) {
  error_code ec;
  const std::size_t n = ringport::read(s, buffers, std::move(completion_condition), ec);
  detail::throw_error(ec, "read");
  return n;
}

template <typename SyncReadStream, typename MutableBufferSequence>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value std::size_t read(
    SyncReadStream& s, const MutableBufferSequence& buffers, error_code& ec) {
  return ringport::read(s, buffers, transfer_all(), ec);
}

template <typename SyncReadStream, typename MutableBufferSequence>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value std::size_t read(
    SyncReadStream& s, const MutableBufferSequence& buffers) {
  return ringport::read(s, buffers, transfer_all());
}
//@}

/// @name Reading a buffer sequence asynchronously
//@{
/// Starts reading from `s` into `buffers`, one async_read_some per step, until they are full, the
/// completion condition says to stop, or an error occurs. The completion condition is called as
/// completion_condition(ec, total) before each step and returns the most bytes the next step may
/// read, 0 to end the operation; the overloads without one use transfer_all(). Completion signature
/// void(error_code, std::size_t), with the total number of bytes read, also when an error stopped
/// the operation part-way; the error is the stream's (error::eof when it ended first). The steps
/// run through the handler's associated executor and allocator, and a terminal or partial
/// cancellation on its slot reaches the pending step (total is filtered out, as in Asio).
template <typename AsyncReadStream, typename MutableBufferSequence, typename CompletionCondition,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value &&
    detail::completion_condition_for<CompletionCondition>
decltype(auto) async_read(
    AsyncReadStream& s, const MutableBufferSequence& buffers,
    CompletionCondition completion_condition,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return detail::async_transfer<detail::transfer_direction::read>(
      s, buffers, std::move(completion_condition), token);
}

/// The token must not itself look like a completion condition, or async_read(s, b, cond)
/// would be ambiguous with this overload.
template <typename AsyncReadStream, typename MutableBufferSequence,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value &&
    (!detail::completion_condition_for<ReadToken>)decltype(auto) async_read(
        AsyncReadStream& s, const MutableBufferSequence& buffers,
        ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return detail::async_transfer<detail::transfer_direction::read>(s, buffers, transfer_all(),
                                                                  token);
}
//@}

// ---- Dynamic buffers, v1 (a type that is only v1; a copy of it is used, as in Asio) ----

/// @name Reading into a dynamic buffer (v1)
//@{
/// Reads from `s` into the dynamic buffer `buffers` (a type that is only a v1 dynamic buffer; a
/// copy of it is used, as in Asio) with read_some: each step appends to the buffer (at least 512
/// bytes are offered, never past max_size()), until the completion condition says so, max_size() is
/// reached, or an error (end of file included) occurs: with transfer_all(), reading to the end of
/// the stream reports error::eof. The completion condition is called as completion_condition(ec,
/// total) before each step and returns the most bytes the next step may read, 0 to end the
/// operation; the overloads without one use transfer_all(). Returns the total number of bytes read,
/// also when an error stopped the operation part-way; the overloads with `ec` report the error
/// there, the others throw std::system_error.
template <typename SyncReadStream, typename DynamicBuffer_v1, typename CompletionCondition>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t read(SyncReadStream& s, DynamicBuffer_v1&& buffers,
                         CompletionCondition completion_condition, error_code& ec) {
  std::decay_t<DynamicBuffer_v1> b(std::forward<DynamicBuffer_v1>(buffers));
  return detail::read_dynbuf(s, b, completion_condition, ec);
}

template <typename SyncReadStream, typename DynamicBuffer_v1, typename CompletionCondition>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t read(SyncReadStream& s, DynamicBuffer_v1&& buffers,
                         CompletionCondition completion_condition) {
  error_code ec;
  const std::size_t n = ringport::read(s, std::forward<DynamicBuffer_v1>(buffers),
                                       std::move(completion_condition), ec);
  detail::throw_error(ec, "read");
  return n;
}

template <typename SyncReadStream, typename DynamicBuffer_v1>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> std::size_t read(
    SyncReadStream& s, DynamicBuffer_v1&& buffers, error_code& ec) {
  return ringport::read(s, std::forward<DynamicBuffer_v1>(buffers), transfer_all(), ec);
}

template <typename SyncReadStream, typename DynamicBuffer_v1>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> std::size_t read(
    SyncReadStream& s, DynamicBuffer_v1&& buffers) {
  return ringport::read(s, std::forward<DynamicBuffer_v1>(buffers), transfer_all());
}
//@}

/// @name Reading into a dynamic buffer (v1) asynchronously
//@{
/// Starts reading from `s` into the dynamic buffer `buffers` (a type that is only a v1 dynamic
/// buffer; a copy of it is used, as in Asio), one async_read_some per step (a composed operation):
/// each step appends to the buffer (at least 512 bytes are offered, never past max_size()), until
/// the completion condition says so, max_size() is reached, or an error (end of file included)
/// occurs: with transfer_all(), reading to the end of the stream reports error::eof. The completion
/// condition is called as completion_condition(ec, total) before each step and returns the most
/// bytes the next step may read, 0 to end the operation; the overloads without one use
/// transfer_all(). Completion signature void(error_code, std::size_t), with the total number of
/// bytes read, also when an error stopped the operation part-way; the error is the stream's
/// (error::eof when it ended first). The steps run through the handler's associated executor and
/// allocator, and a terminal or partial cancellation on its slot reaches the pending step (total is
/// filtered out, as in Asio).
template <typename AsyncReadStream, typename DynamicBuffer_v1, typename CompletionCondition,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> &&
    detail::completion_condition_for<CompletionCondition>
decltype(auto) async_read(
    AsyncReadStream& s, DynamicBuffer_v1&& buffers, CompletionCondition completion_condition,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_dynbuf_op<AsyncReadStream, std::decay_t<DynamicBuffer_v1>, CompletionCondition>(
          s, std::forward<DynamicBuffer_v1>(buffers), std::move(completion_condition)),
      token, s);
}

template <typename AsyncReadStream, typename DynamicBuffer_v1,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::dynamic_buffer_v1_only<DynamicBuffer_v1> &&
    (!detail::completion_condition_for<ReadToken>)decltype(auto) async_read(
        AsyncReadStream& s, DynamicBuffer_v1&& buffers,
        ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_dynbuf_op<AsyncReadStream, std::decay_t<DynamicBuffer_v1>,
                             detail::transfer_all_t>(s, std::forward<DynamicBuffer_v1>(buffers),
                                                     transfer_all()),
      token, s);
}
//@}

// ---- Dynamic buffers, v2 (taken by value: copies refer to the same storage) ----

/// @name Reading into a dynamic buffer (v2)
//@{
/// Reads from `s` into the dynamic buffer `buffers` (v2, taken by value: copies refer to the same
/// storage) with read_some: each step appends to the buffer (at least 512 bytes are offered, never
/// past max_size()), until the completion condition says so, max_size() is reached, or an error
/// (end of file included) occurs: with transfer_all(), reading to the end of the stream reports
/// error::eof. The completion condition is called as completion_condition(ec, total) before each
/// step and returns the most bytes the next step may read, 0 to end the operation; the overloads
/// without one use transfer_all(). Returns the total number of bytes read, also when an error
/// stopped the operation part-way; the overloads with `ec` report the error there, the others throw
/// std::system_error.
template <typename SyncReadStream, typename DynamicBuffer_v2, typename CompletionCondition>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t read(SyncReadStream& s, DynamicBuffer_v2 buffers,
                         CompletionCondition completion_condition, error_code& ec) {
  return detail::read_dynbuf(s, buffers, completion_condition, ec);
}

template <typename SyncReadStream, typename DynamicBuffer_v2, typename CompletionCondition>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t read(SyncReadStream& s, DynamicBuffer_v2 buffers,
                         CompletionCondition completion_condition) {
  error_code ec;
  const std::size_t n = ringport::read(s, std::move(buffers), std::move(completion_condition), ec);
  detail::throw_error(ec, "read");
  return n;
}

template <typename SyncReadStream, typename DynamicBuffer_v2>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> std::size_t read(SyncReadStream& s,
                                                                           DynamicBuffer_v2 buffers,
                                                                           error_code& ec) {
  return ringport::read(s, std::move(buffers), transfer_all(), ec);
}

template <typename SyncReadStream, typename DynamicBuffer_v2>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> std::size_t read(
    SyncReadStream& s, DynamicBuffer_v2 buffers) {
  return ringport::read(s, std::move(buffers), transfer_all());
}
//@}

/// @name Reading into a dynamic buffer (v2) asynchronously
//@{
/// Starts reading from `s` into the dynamic buffer `buffers` (v2, taken by value: copies refer to
/// the same storage), one async_read_some per step (a composed operation): each step appends to the
/// buffer (at least 512 bytes are offered, never past max_size()), until the completion condition
/// says so, max_size() is reached, or an error (end of file included) occurs: with transfer_all(),
/// reading to the end of the stream reports error::eof. The completion condition is called as
/// completion_condition(ec, total) before each step and returns the most bytes the next step may
/// read, 0 to end the operation; the overloads without one use transfer_all(). Completion signature
/// void(error_code, std::size_t), with the total number of bytes read, also when an error stopped
/// the operation part-way; the error is the stream's (error::eof when it ended first). The steps
/// run through the handler's associated executor and allocator, and a terminal or partial
/// cancellation on its slot reaches the pending step (total is filtered out, as in Asio).
template <typename AsyncReadStream, typename DynamicBuffer_v2, typename CompletionCondition,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> &&
    detail::completion_condition_for<CompletionCondition>
decltype(auto) async_read(
    AsyncReadStream& s, DynamicBuffer_v2 buffers, CompletionCondition completion_condition,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_dynbuf_op<AsyncReadStream, DynamicBuffer_v2, CompletionCondition>(
          s, std::move(buffers), std::move(completion_condition)),
      token, s);
}

template <typename AsyncReadStream, typename DynamicBuffer_v2,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::dynamic_buffer_v2_type<DynamicBuffer_v2> &&
    (!detail::completion_condition_for<ReadToken>)decltype(auto) async_read(
        AsyncReadStream& s, DynamicBuffer_v2 buffers,
        ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return async_compose<ReadToken, void(error_code, std::size_t)>(
      detail::read_dynbuf_op<AsyncReadStream, DynamicBuffer_v2, detail::transfer_all_t>(
          s, std::move(buffers), transfer_all()),
      token, s);
}
//@}

// ---- basic_streambuf (through basic_streambuf_ref; the streambuf must outlive the op) ----

/// @name Reading into a streambuf
//@{
/// Reads from `s` into the streambuf `b` (through basic_streambuf_ref; for async_read the streambuf
/// must outlive the operation) with read_some: each step appends to the buffer (at least 512 bytes
/// are offered, never past max_size()), until the completion condition says so, max_size() is
/// reached, or an error (end of file included) occurs: with transfer_all(), reading to the end of
/// the stream reports error::eof. The completion condition is called as completion_condition(ec,
/// total) before each step and returns the most bytes the next step may read, 0 to end the
/// operation; the overloads without one use transfer_all(). Returns the total number of bytes read,
/// also when an error stopped the operation part-way; the overloads with `ec` report the error
/// there, the others throw std::system_error.
template <typename SyncReadStream, typename Allocator, typename CompletionCondition>
requires detail::completion_condition_for<CompletionCondition> std::size_t read(
    SyncReadStream& s, basic_streambuf<Allocator>& b, CompletionCondition completion_condition,
    error_code& ec) {
  return ringport::read(s, basic_streambuf_ref<Allocator>(b), std::move(completion_condition), ec);
}

template <typename SyncReadStream, typename Allocator, typename CompletionCondition>
requires detail::completion_condition_for<CompletionCondition> std::size_t read(
    SyncReadStream& s, basic_streambuf<Allocator>& b, CompletionCondition completion_condition) {
  return ringport::read(s, basic_streambuf_ref<Allocator>(b), std::move(completion_condition));
}

template <typename SyncReadStream, typename Allocator>
std::size_t read(SyncReadStream& s, basic_streambuf<Allocator>& b, error_code& ec) {
  return ringport::read(s, basic_streambuf_ref<Allocator>(b), transfer_all(), ec);
}

template <typename SyncReadStream, typename Allocator>
std::size_t read(SyncReadStream& s, basic_streambuf<Allocator>& b) {
  return ringport::read(s, basic_streambuf_ref<Allocator>(b), transfer_all());
}
//@}

/// @name Reading into a streambuf asynchronously
//@{
/// Starts reading from `s` into the streambuf `b` (through basic_streambuf_ref; for async_read the
/// streambuf must outlive the operation), one async_read_some per step (a composed operation): each
/// step appends to the buffer (at least 512 bytes are offered, never past max_size()), until the
/// completion condition says so, max_size() is reached, or an error (end of file included) occurs:
/// with transfer_all(), reading to the end of the stream reports error::eof. The completion
/// condition is called as completion_condition(ec, total) before each step and returns the most
/// bytes the next step may read, 0 to end the operation; the overloads without one use
/// transfer_all(). Completion signature void(error_code, std::size_t), with the total number of
/// bytes read, also when an error stopped the operation part-way; the error is the stream's
/// (error::eof when it ended first). The steps run through the handler's associated executor and
/// allocator, and a terminal or partial cancellation on its slot reaches the pending step (total is
/// filtered out, as in Asio).
template <typename AsyncReadStream, typename Allocator, typename CompletionCondition,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires detail::completion_condition_for<CompletionCondition>
decltype(auto) async_read(
    AsyncReadStream& s, basic_streambuf<Allocator>& b, CompletionCondition completion_condition,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return ringport::async_read(s, basic_streambuf_ref<Allocator>(b), std::move(completion_condition),
                              std::forward<ReadToken>(token));
}

template <typename AsyncReadStream, typename Allocator,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncReadStream::executor_type>>
requires(!detail::completion_condition_for<ReadToken>) decltype(auto) async_read(
    AsyncReadStream& s, basic_streambuf<Allocator>& b,
    ReadToken&& token = default_completion_token_t<typename AsyncReadStream::executor_type>()) {
  return ringport::async_read(s, basic_streambuf_ref<Allocator>(b), transfer_all(),
                              std::forward<ReadToken>(token));
}
//@}

}  // namespace ringport
