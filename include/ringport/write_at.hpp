// write_at / async_write_at: write to a random-access device at a given offset until every
// byte is written, a completion condition is met, or an error occurs (Asio 1.22's
// buffer-sequence and basic_streambuf overloads). Each step writes at `offset` plus the bytes
// written so far; the result is the total number of bytes written, also when an error stopped
// the operation part-way. On a basic_streambuf the readable bytes are written and what was
// written is consumed from it.
//
// The device needs write_some_at(offset, buffers, ec) for the synchronous forms (a
// SyncRandomAccessWriteDevice), async_write_some_at(offset, buffers, handler) and
// get_executor() for the asynchronous ones (an AsyncRandomAccessWriteDevice). The loops are
// those of write / async_write (detail/transfer_at_op.hpp): the same step sizes, the final
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
#include "ringport/write.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>

namespace ringport {

/// @name Writing a buffer sequence at an offset
//@{
/// Writes `buffers` to the device `d` (a SyncRandomAccessWriteDevice: write_some_at(offset,
/// buffers, ec)), each step at `offset` plus the bytes written so far, until every byte is written,
/// the completion condition says to stop, or an error occurs. The completion condition is called as
/// completion_condition(ec, total) before each step and returns the most bytes the next step may
/// write, 0 to end the operation; the overloads without one use transfer_all(). Returns the total
/// number of bytes written, also when an error stopped the operation part-way; the overloads with
/// `ec` report the error there, the others throw std::system_error.
template <typename SyncRandomAccessWriteDevice, typename ConstBufferSequence,
          typename CompletionCondition>
requires is_const_buffer_sequence<ConstBufferSequence>::value &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t write_at(SyncRandomAccessWriteDevice& d, std::uint64_t offset,
                             const ConstBufferSequence& buffers,
                             CompletionCondition completion_condition, error_code& ec) {
  detail::sync_offset_stream<SyncRandomAccessWriteDevice> s(d, offset);
  return ringport::write(s, buffers, std::move(completion_condition), ec);
}

template <typename SyncRandomAccessWriteDevice, typename ConstBufferSequence,
          typename CompletionCondition>
requires is_const_buffer_sequence<ConstBufferSequence>::value &&
    detail::completion_condition_for<CompletionCondition>
        std::size_t write_at(SyncRandomAccessWriteDevice& d, std::uint64_t offset,
                             const ConstBufferSequence& buffers,
                             CompletionCondition completion_condition) {
  error_code ec;
  const std::size_t n = ringport::write_at(d, offset, buffers, std::move(completion_condition), ec);
  detail::throw_error(ec, "write_at");
  return n;
}

template <typename SyncRandomAccessWriteDevice, typename ConstBufferSequence>
requires is_const_buffer_sequence<ConstBufferSequence>::value std::size_t write_at(
    SyncRandomAccessWriteDevice& d, std::uint64_t offset, const ConstBufferSequence& buffers,
    error_code& ec) {
  return ringport::write_at(d, offset, buffers, transfer_all(), ec);
}

template <typename SyncRandomAccessWriteDevice, typename ConstBufferSequence>
requires is_const_buffer_sequence<ConstBufferSequence>::value std::size_t write_at(
    SyncRandomAccessWriteDevice& d, std::uint64_t offset, const ConstBufferSequence& buffers) {
  return ringport::write_at(d, offset, buffers, transfer_all());
}
//@}

/// @name Writing a buffer sequence at an offset asynchronously
//@{
/// Starts writing `buffers` to the device `d` (an AsyncRandomAccessWriteDevice:
/// async_write_some_at(offset, buffers, handler) and get_executor()), each step at `offset` plus
/// the bytes written so far, until every byte is written, the completion condition says to stop, or
/// an error occurs. The completion condition is called as completion_condition(ec, total) before
/// each step and returns the most bytes the next step may write, 0 to end the operation; the
/// overloads without one use transfer_all(). Completion signature void(error_code, std::size_t),
/// with the total number of bytes written, also when an error stopped the operation part-way; the
/// error is the device's. The loop is that of async_write: the handler's associated executor and
/// allocator are used for every step, and a terminal or partial cancellation on its slot reaches
/// the pending step (total is filtered out, as in Asio).
template <typename AsyncRandomAccessWriteDevice, typename ConstBufferSequence,
          typename CompletionCondition,
          completion_token_for<void(error_code, std::size_t)> WriteToken =
              default_completion_token_t<typename AsyncRandomAccessWriteDevice::executor_type>>
requires is_const_buffer_sequence<ConstBufferSequence>::value &&
    detail::completion_condition_for<CompletionCondition>
decltype(auto) async_write_at(
    AsyncRandomAccessWriteDevice& d, std::uint64_t offset, const ConstBufferSequence& buffers,
    CompletionCondition completion_condition,
    WriteToken&& token =
        default_completion_token_t<typename AsyncRandomAccessWriteDevice::executor_type>()) {
  return detail::async_transfer_at<detail::transfer_direction::write>(
      d, offset, buffers, std::move(completion_condition), token);
}

/// The token must not itself look like a completion condition, or
/// async_write_at(d, offset, b, cond) would be ambiguous with this overload.
template <typename AsyncRandomAccessWriteDevice, typename ConstBufferSequence,
          completion_token_for<void(error_code, std::size_t)> WriteToken =
              default_completion_token_t<typename AsyncRandomAccessWriteDevice::executor_type>>
requires is_const_buffer_sequence<ConstBufferSequence>::value &&
    (!detail::completion_condition_for<WriteToken>)decltype(auto) async_write_at(
        AsyncRandomAccessWriteDevice& d, std::uint64_t offset, const ConstBufferSequence& buffers,
        WriteToken&& token =
            default_completion_token_t<typename AsyncRandomAccessWriteDevice::executor_type>()) {
  return detail::async_transfer_at<detail::transfer_direction::write>(d, offset, buffers,
                                                                      transfer_all(), token);
}
//@}

// ---- basic_streambuf (the streambuf must outlive the operation) ----

/// @name Writing a streambuf at an offset
//@{
/// Writes the readable bytes of the streambuf `b` to the device `d`, each step at `offset` plus the
/// bytes written so far; what was written is consumed from the streambuf. The completion condition
/// is called as completion_condition(ec, total) before each step and returns the most bytes the
/// next step may write, 0 to end the operation; the overloads without one use transfer_all().
/// Returns the total number of bytes written, also when an error stopped the operation part-way;
/// the overloads with `ec` report the error there, the others throw std::system_error.
template <typename SyncRandomAccessWriteDevice, typename Allocator, typename CompletionCondition>
requires detail::completion_condition_for<CompletionCondition> std::size_t write_at(
    SyncRandomAccessWriteDevice& d, std::uint64_t offset, basic_streambuf<Allocator>& b,
    CompletionCondition completion_condition, error_code& ec) {
  detail::sync_offset_stream<SyncRandomAccessWriteDevice> s(d, offset);
  return ringport::write(s, b, std::move(completion_condition), ec);
}

template <typename SyncRandomAccessWriteDevice, typename Allocator, typename CompletionCondition>
requires detail::completion_condition_for<CompletionCondition> std::size_t write_at(
    SyncRandomAccessWriteDevice& d, std::uint64_t offset, basic_streambuf<Allocator>& b,
    CompletionCondition completion_condition) {
  error_code ec;
  const std::size_t n = ringport::write_at(d, offset, b, std::move(completion_condition), ec);
  detail::throw_error(ec, "write_at");
  return n;
}

template <typename SyncRandomAccessWriteDevice, typename Allocator>
std::size_t write_at(SyncRandomAccessWriteDevice& d, std::uint64_t offset,
                     basic_streambuf<Allocator>& b, error_code& ec) {
  return ringport::write_at(d, offset, b, transfer_all(), ec);
}

template <typename SyncRandomAccessWriteDevice, typename Allocator>
std::size_t write_at(SyncRandomAccessWriteDevice& d, std::uint64_t offset,
                     basic_streambuf<Allocator>& b) {
  return ringport::write_at(d, offset, b, transfer_all());
}
//@}

/// @name Writing a streambuf at an offset asynchronously
//@{
/// Starts writing the readable bytes of the streambuf `b` (which must outlive the operation) to the
/// device `d`, each step at `offset` plus the bytes written so far; what was written is consumed
/// from the streambuf. The completion condition is called as completion_condition(ec, total) before
/// each step and returns the most bytes the next step may write, 0 to end the operation; the
/// overloads without one use transfer_all(). Completion signature void(error_code, std::size_t),
/// with the total number of bytes written, also when an error stopped the operation part-way; the
/// error is the device's. The loop is that of async_write: the handler's associated executor and
/// allocator are used for every step, and a terminal or partial cancellation on its slot reaches
/// the pending step (total is filtered out, as in Asio).
template <typename AsyncRandomAccessWriteDevice, typename Allocator, typename CompletionCondition,
          completion_token_for<void(error_code, std::size_t)> WriteToken =
              default_completion_token_t<typename AsyncRandomAccessWriteDevice::executor_type>>
requires detail::completion_condition_for<CompletionCondition>
decltype(auto) async_write_at(
    AsyncRandomAccessWriteDevice& d, std::uint64_t offset, basic_streambuf<Allocator>& b,
    CompletionCondition completion_condition,
    WriteToken&& token =
        default_completion_token_t<typename AsyncRandomAccessWriteDevice::executor_type>()) {
  return detail::async_transfer_at_streambuf<detail::transfer_direction::write>(
      d, offset, b, std::move(completion_condition), token);
}

template <typename AsyncRandomAccessWriteDevice, typename Allocator,
          completion_token_for<void(error_code, std::size_t)> WriteToken =
              default_completion_token_t<typename AsyncRandomAccessWriteDevice::executor_type>>
requires(!detail::completion_condition_for<WriteToken>) decltype(auto) async_write_at(
    AsyncRandomAccessWriteDevice& d, std::uint64_t offset, basic_streambuf<Allocator>& b,
    WriteToken&& token =
        default_completion_token_t<typename AsyncRandomAccessWriteDevice::executor_type>()) {
  return detail::async_transfer_at_streambuf<detail::transfer_direction::write>(
      d, offset, b, transfer_all(), token);
}
//@}

}  // namespace ringport
