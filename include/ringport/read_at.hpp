// read_at / async_read_at: read from a random-access device at a given offset until the
// buffers are full, a completion condition is met, or an error occurs (Asio 1.22's
// buffer-sequence and basic_streambuf overloads). Each step reads at `offset` plus the bytes
// read so far; the result is the total number of bytes read, also when an error (end of file
// included) stopped the operation part-way.
//
// The device needs read_some_at(offset, buffers, ec) for the synchronous forms (a
// SyncRandomAccessReadDevice), async_read_some_at(offset, buffers, handler) and
// get_executor() for the asynchronous ones (an AsyncRandomAccessReadDevice). The loops are
// those of read / async_read (detail/transfer_at_op.hpp): the same step sizes, the final
// handler's associated executor and allocator used for every step, and a terminal or partial
// cancellation on its slot reaching the pending step (total is filtered out, as in Asio).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/basic_streambuf.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/detail/completion_condition_for.hpp"
#include "ringport/detail/transfer_at_op.hpp"
#include "ringport/error_code.hpp"
#include "ringport/read.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>

namespace ringport {

/// @name Reading a buffer sequence at an offset
//@{
/// Reads from the device `d` (a SyncRandomAccessReadDevice: read_some_at(offset, buffers, ec)) into
/// `buffers`, each step at `offset` plus the bytes read so far, until they are full, the completion
/// condition says to stop, or an error occurs. The completion condition is called as
/// completion_condition(ec, total) before each step and returns the most bytes the next step may
/// read, 0 to end the operation; the overloads without one use transfer_all(). Returns the total
/// number of bytes read, also when an error (end of file included) stopped the operation part-way;
/// the overloads with `ec` report the error there, the others throw std::system_error.
template <typename SyncRandomAccessReadDevice, typename MutableBufferSequence,
          typename CompletionCondition>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t read_at(SyncRandomAccessReadDevice& d, std::uint64_t offset,
                            const MutableBufferSequence& buffers,
                            CompletionCondition completion_condition, error_code& ec) {
  detail::sync_offset_stream<SyncRandomAccessReadDevice> s(d, offset);
  return ringport::read(s, buffers, std::move(completion_condition), ec);
}

template <typename SyncRandomAccessReadDevice, typename MutableBufferSequence,
          typename CompletionCondition>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t read_at(SyncRandomAccessReadDevice& d, std::uint64_t offset,
                            const MutableBufferSequence& buffers,
                            CompletionCondition completion_condition) {
  error_code ec;
  const std::size_t n = ringport::read_at(d, offset, buffers, std::move(completion_condition), ec);
  detail::throw_error(ec, "read_at");
  return n;
}

template <typename SyncRandomAccessReadDevice, typename MutableBufferSequence>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value std::size_t read_at(
    SyncRandomAccessReadDevice& d, std::uint64_t offset, const MutableBufferSequence& buffers,
    error_code& ec) {
  return ringport::read_at(d, offset, buffers, transfer_all(), ec);
}

template <typename SyncRandomAccessReadDevice, typename MutableBufferSequence>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value std::size_t read_at(
    SyncRandomAccessReadDevice& d, std::uint64_t offset, const MutableBufferSequence& buffers) {
  return ringport::read_at(d, offset, buffers, transfer_all());
}
//@}

/// @name Reading a buffer sequence at an offset asynchronously
//@{
/// Starts reading from the device `d` (an AsyncRandomAccessReadDevice: async_read_some_at(offset,
/// buffers, handler) and get_executor()) into `buffers`, each step at `offset` plus the bytes read
/// so far, until they are full, the completion condition says to stop, or an error occurs. The
/// completion condition is called as completion_condition(ec, total) before each step and returns
/// the most bytes the next step may read, 0 to end the operation; the overloads without one use
/// transfer_all(). Completion signature void(error_code, std::size_t), with the total number of
/// bytes read, also when an error (error::eof included) stopped the operation part-way. The loop is
/// that of async_read: the handler's associated executor and allocator are used for every step, and
/// a terminal or partial cancellation on its slot reaches the pending step (total is filtered out,
/// as in Asio).
template <typename AsyncRandomAccessReadDevice, typename MutableBufferSequence,
          typename CompletionCondition,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncRandomAccessReadDevice::executor_type>>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value &&
    detail::completion_condition_for<CompletionCondition>
decltype(auto) async_read_at(
    AsyncRandomAccessReadDevice& d, std::uint64_t offset, const MutableBufferSequence& buffers,
    CompletionCondition completion_condition,
    ReadToken&& token =
        default_completion_token_t<typename AsyncRandomAccessReadDevice::executor_type>()) {
  return detail::async_transfer_at<detail::transfer_direction::read>(
      d, offset, buffers, std::move(completion_condition), token);
}

/// The token must not itself look like a completion condition, or
/// async_read_at(d, offset, b, cond) would be ambiguous with this overload.
template <typename AsyncRandomAccessReadDevice, typename MutableBufferSequence,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncRandomAccessReadDevice::executor_type>>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value &&
    (!detail::completion_condition_for<ReadToken>)decltype(auto) async_read_at(
        AsyncRandomAccessReadDevice& d, std::uint64_t offset, const MutableBufferSequence& buffers,
        ReadToken&& token =
            default_completion_token_t<typename AsyncRandomAccessReadDevice::executor_type>()) {
  return detail::async_transfer_at<detail::transfer_direction::read>(d, offset, buffers,
                                                                     transfer_all(), token);
}
//@}

// ---- basic_streambuf (the streambuf must outlive the operation) ----

/// @name Reading into a streambuf at an offset
//@{
/// Reads from the device `d` into the streambuf `b` as read() does into a streambuf, each step at
/// `offset` plus the bytes read so far. The completion condition is called as
/// completion_condition(ec, total) before each step and returns the most bytes the next step may
/// read, 0 to end the operation; the overloads without one use transfer_all(). Returns the total
/// number of bytes read, also when an error (end of file included) stopped the operation part-way;
/// the overloads with `ec` report the error there, the others throw std::system_error.
template <typename SyncRandomAccessReadDevice, typename Allocator, typename CompletionCondition>
requires detail::completion_condition_for<CompletionCondition> std::size_t read_at(
    SyncRandomAccessReadDevice& d, std::uint64_t offset, basic_streambuf<Allocator>& b,
    CompletionCondition completion_condition, error_code& ec) {
  detail::sync_offset_stream<SyncRandomAccessReadDevice> s(d, offset);
  return ringport::read(s, b, std::move(completion_condition), ec);
}

template <typename SyncRandomAccessReadDevice, typename Allocator, typename CompletionCondition>
requires detail::completion_condition_for<CompletionCondition> std::size_t read_at(
    SyncRandomAccessReadDevice& d, std::uint64_t offset, basic_streambuf<Allocator>& b,
    CompletionCondition completion_condition) {
  error_code ec;
  const std::size_t n = ringport::read_at(d, offset, b, std::move(completion_condition), ec);
  detail::throw_error(ec, "read_at");
  return n;
}

template <typename SyncRandomAccessReadDevice, typename Allocator>
std::size_t read_at(SyncRandomAccessReadDevice& d, std::uint64_t offset,
                    basic_streambuf<Allocator>& b, error_code& ec) {
  return ringport::read_at(d, offset, b, transfer_all(), ec);
}

template <typename SyncRandomAccessReadDevice, typename Allocator>
std::size_t read_at(SyncRandomAccessReadDevice& d, std::uint64_t offset,
                    basic_streambuf<Allocator>& b) {
  return ringport::read_at(d, offset, b, transfer_all());
}
//@}

/// @name Reading into a streambuf at an offset asynchronously
//@{
/// Starts reading from the device `d` into the streambuf `b` (which must outlive the operation) as
/// async_read() does into a streambuf, each step at `offset` plus the bytes read so far. The
/// completion condition is called as completion_condition(ec, total) before each step and returns
/// the most bytes the next step may read, 0 to end the operation; the overloads without one use
/// transfer_all(). Completion signature void(error_code, std::size_t), with the total number of
/// bytes read, also when an error (error::eof included) stopped the operation part-way. The loop is
/// that of async_read: the handler's associated executor and allocator are used for every step, and
/// a terminal or partial cancellation on its slot reaches the pending step (total is filtered out,
/// as in Asio).
template <typename AsyncRandomAccessReadDevice, typename Allocator, typename CompletionCondition,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncRandomAccessReadDevice::executor_type>>
requires detail::completion_condition_for<CompletionCondition>
decltype(auto) async_read_at(
    AsyncRandomAccessReadDevice& d, std::uint64_t offset, basic_streambuf<Allocator>& b,
    CompletionCondition completion_condition,
    ReadToken&& token =
        default_completion_token_t<typename AsyncRandomAccessReadDevice::executor_type>()) {
  return detail::async_transfer_at_streambuf<detail::transfer_direction::read>(
      d, offset, b, std::move(completion_condition), token);
}

template <typename AsyncRandomAccessReadDevice, typename Allocator,
          completion_token_for<void(error_code, std::size_t)> ReadToken =
              default_completion_token_t<typename AsyncRandomAccessReadDevice::executor_type>>
requires(!detail::completion_condition_for<ReadToken>) decltype(auto) async_read_at(
    AsyncRandomAccessReadDevice& d, std::uint64_t offset, basic_streambuf<Allocator>& b,
    ReadToken&& token =
        default_completion_token_t<typename AsyncRandomAccessReadDevice::executor_type>()) {
  return detail::async_transfer_at_streambuf<detail::transfer_direction::read>(
      d, offset, b, transfer_all(), token);
}
//@}

}  // namespace ringport
