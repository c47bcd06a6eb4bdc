// buffered_write_stream<Stream> (Asio 1.22): adds a write buffer to a stream. Stream is the
// next layer, held by value (built from the constructor's argument) or, as a reference type,
// by reference.
//
// A write copies into the buffer as much as fits and returns that count; nothing reaches the
// next layer until the buffer is full (then the next write first flushes it whole) or
// flush() is called. So a write larger than the buffer is accepted a buffer's worth at a
// time by write_some, and ringport::write() over it leaves the last part buffered. flush()
// writes every held byte to the next layer (ringport::write) and returns how many went;
// after an error the bytes that did go are dropped from the buffer and the rest stay. A
// write of an empty buffer sequence returns 0 at once; a write that had to flush first and
// failed returns 0 with the error, accepting nothing. Reads, peek(), in_avail(), close() and
// the executor go straight to the next layer.
//
// The asynchronous forms take any completion token (async_initiate). A write that fits in
// the buffer completes later, through the handler's executor, never inside the initiating
// call; a flush, and a write that must flush first, run ringport::async_write on the next
// layer with a handler that carries the final handler's executor, allocator and
// cancellation slot. Only one write operation at a time.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/buffer_size.hpp"
#include "ringport/buffered_write_stream_fwd.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/detail/buffered_stream_storage.hpp"
#include "ringport/error_code.hpp"
#include "ringport/write.hpp"

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace ringport {

namespace detail {

// After a flush: what was written leaves the buffer and is the result.
struct buffered_flush_step {
  buffered_stream_storage* storage;

  std::size_t operator()(const error_code&, std::size_t bytes_written) noexcept {
    storage->consume(bytes_written);
    return bytes_written;
  }
};

// After the flush that a write to a full buffer started: the caller's bytes go into the
// emptied buffer; a failed flush accepts none.
template <typename ConstBufferSequence>
struct buffered_write_some_step {
  buffered_stream_storage* storage;
  ConstBufferSequence buffers;

  std::size_t operator()(const error_code& ec, std::size_t bytes_written) noexcept {
    storage->consume(bytes_written);
    return ec ? 0 : storage->append(buffers);
  }
};

template <typename NextLayer>
class initiate_buffered_flush {
 public:
  using executor_type = typename NextLayer::lowest_layer_type::executor_type;

  initiate_buffered_flush(NextLayer& next_layer, buffered_stream_storage& storage) noexcept
      : next_layer_(&next_layer), storage_(&storage) {}

  executor_type get_executor() const noexcept { return next_layer_->lowest_layer().get_executor(); }

  template <typename Handler>
  void operator()(Handler&& handler) const {
    using step_handler =
        buffered_step_handler<NextLayer, buffered_flush_step, std::decay_t<Handler>>;
    ringport::async_write(
        *next_layer_, storage_->data(), transfer_all(),
        step_handler(*next_layer_, buffered_flush_step{storage_}, std::forward<Handler>(handler)));
  }

 private:
  NextLayer* next_layer_;
  buffered_stream_storage* storage_;
};

template <typename NextLayer>
class initiate_buffered_write_some {
 public:
  using executor_type = typename NextLayer::lowest_layer_type::executor_type;

  initiate_buffered_write_some(NextLayer& next_layer, buffered_stream_storage& storage) noexcept
      : next_layer_(&next_layer), storage_(&storage) {}

  executor_type get_executor() const noexcept { return next_layer_->lowest_layer().get_executor(); }

  template <typename Handler, typename ConstBufferSequence>
  void operator()(Handler&& handler, const ConstBufferSequence& buffers) const {
    if (ringport::buffer_size(buffers) == 0 || !storage_->full()) {
      const std::size_t n = storage_->append(buffers);
      complete_buffered_immediately(*next_layer_, std::forward<Handler>(handler), error_code(), n);
      return;
    }
    using step = buffered_write_some_step<ConstBufferSequence>;
    using step_handler = buffered_step_handler<NextLayer, step, std::decay_t<Handler>>;
    ringport::async_write(
        *next_layer_, storage_->data(), transfer_all(),
        step_handler(*next_layer_, step{storage_, buffers}, std::forward<Handler>(handler)));
  }

 private:
  NextLayer* next_layer_;
  buffered_stream_storage* storage_;
};

}  // namespace detail

/// Adds a write buffer to a stream (Asio 1.22's buffered_write_stream). Stream is the next
/// layer, held by value (built from the constructor's argument) or, as a reference type, by
/// reference.
///
/// A write copies into the buffer as much as fits and returns that count; nothing reaches the
/// next layer until the buffer is full (then the next write first flushes it whole) or flush()
/// is called. So a write larger than the buffer is accepted a buffer's worth at a time by
/// write_some, and ringport::write() over it leaves the last part buffered. A write of an empty
/// buffer sequence returns 0 at once; a write that had to flush first and failed returns 0 with
/// the error, accepting nothing. Reads, peek(), in_avail(), close() and the executor go straight
/// to the next layer.
///
/// The asynchronous forms take any completion token. A write that fits in the buffer completes
/// later, through the handler's executor, never inside the initiating call; a flush, and a
/// write that must flush first, run ringport::async_write on the next layer with a handler that
/// carries the final handler's executor, allocator and cancellation slot. Only one write
/// operation at a time. Unlike Asio's, a failed flush drops the bytes already sent instead of
/// sending them again.
template <typename Stream>
class buffered_write_stream {
 public:
  /// @name Types
  //@{
  /// The next layer (Stream without its reference), the lowest layer's type and its executor
  /// type.
  using next_layer_type = std::remove_reference_t<Stream>;
  using lowest_layer_type = typename next_layer_type::lowest_layer_type;
  using executor_type = typename lowest_layer_type::executor_type;
  //@}

  /// The buffer's size when the constructor is given none.
  static constexpr std::size_t default_buffer_size = 1024;

  /// @name Construction
  //@{
  /// The argument builds the next layer: an execution context or executor for an owned
  /// socket, the stream itself when Stream is a reference, a stream to move from. The buffer
  /// holds `buffer_size` bytes (default_buffer_size when not given).
  template <typename Arg>
  requires std::constructible_from<Stream, Arg>
  explicit buffered_write_stream(Arg&& a)
      : next_layer_(std::forward<Arg>(a)), storage_(default_buffer_size) {}

  template <typename Arg>
  requires std::constructible_from<Stream, Arg> buffered_write_stream(Arg&& a,
                                                                      std::size_t buffer_size)
      : next_layer_(std::forward<Arg>(a)), storage_(buffer_size) {}

  //@}

  buffered_write_stream(const buffered_write_stream&) = delete;
  buffered_write_stream& operator=(const buffered_write_stream&) = delete;

  /// @name Layers
  //@{
  /// The next layer (the Stream itself), and the lowest layer (the next layer's lowest layer).
  next_layer_type& next_layer() { return next_layer_; }
  lowest_layer_type& lowest_layer() { return next_layer_.lowest_layer(); }
  const lowest_layer_type& lowest_layer() const { return next_layer_.lowest_layer(); }
  //@}

  /// The lowest layer's executor.
  executor_type get_executor() noexcept { return next_layer_.lowest_layer().get_executor(); }

  /// @name Closing
  //@{
  /// Closes the next layer. Held bytes are not flushed first (as in Asio): flush() before
  /// close() to send them.
  void close() { next_layer_.close(); }
  error_code close(error_code& ec) { return next_layer_.close(ec); }
  //@}

  // ---- Flushing the buffer ----

  /// @name Flushing
  //@{
  /// Writes every held byte to the next layer (ringport::write); returns how many were
  /// written. After an error the bytes that did go are dropped from the buffer and the rest
  /// stay. The overload without `ec` throws std::system_error on failure.
  std::size_t flush() {
    error_code ec;
    const std::size_t n = flush(ec);
    detail::throw_error(ec, "flush");
    return n;
  }

  std::size_t flush(error_code& ec) {
    const std::size_t n = ringport::write(next_layer_, storage_.data(), transfer_all(), ec);
    storage_.consume(n);
    return n;
  }
  //@}

  /// Starts a flush (ringport::async_write on the next layer). Completion signature
  /// void(error_code, std::size_t): the bytes written.
  template <completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_flush(WriteToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<WriteToken, void(error_code, std::size_t)>(
        detail::initiate_buffered_flush<next_layer_type>(next_layer_, storage_), token);
  }

  // ---- Writing ----

  /// @name Writing
  //@{
  /// Copies into the buffer as much of `buffers` as fits and returns that count; a full buffer
  /// is flushed first (if that fails, nothing is accepted and 0 is returned with the error).
  /// The overload without `ec` throws std::system_error on failure.
  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers) {
    error_code ec;
    const std::size_t n = write_some(buffers, ec);
    detail::throw_error(ec, "write_some");
    return n;
  }

  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers, error_code& ec) {
    ec = error_code();
    if (ringport::buffer_size(buffers) == 0) return 0;
    if (storage_.full()) {
      flush(ec);
      if (ec) return 0;
    }
    return storage_.append(buffers);
  }
  //@}

  /// Starts a write into the buffer, flushing a full one first. Completion signature
  /// void(error_code, std::size_t).
  template <typename ConstBufferSequence,
            completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_write_some(
      const ConstBufferSequence& buffers,
      WriteToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<WriteToken, void(error_code, std::size_t)>(
        detail::initiate_buffered_write_some<next_layer_type>(next_layer_, storage_), token,
        buffers);
  }

  // ---- Reading: not buffered here ----

  /// @name Reading
  //@{
  /// The next layer's read_some (reads are not buffered here).
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers) {
    return next_layer_.read_some(buffers);
  }
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers, error_code& ec) {
    return next_layer_.read_some(buffers, ec);
  }
  //@}

  /// The next layer's async_read_some. Completion signature void(error_code, std::size_t).
  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_read_some(const MutableBufferSequence& buffers,
                                 ReadToken&& token = default_completion_token_t<executor_type>()) {
    return next_layer_.async_read_some(buffers, std::forward<ReadToken>(token));
  }

  /// @name Peeking and bytes available
  //@{
  /// The next layer's peek() and in_avail(), for a next layer that buffers reads (a
  /// buffered_read_stream).
  template <typename MutableBufferSequence>
  std::size_t peek(const MutableBufferSequence& buffers) {
    return next_layer_.peek(buffers);
  }
  template <typename MutableBufferSequence>
  std::size_t peek(const MutableBufferSequence& buffers, error_code& ec) {
    return next_layer_.peek(buffers, ec);
  }
  std::size_t in_avail() { return next_layer_.in_avail(); }
  std::size_t in_avail(error_code& ec) { return next_layer_.in_avail(ec); }
  //@}

 private:
  Stream next_layer_;
  detail::buffered_stream_storage storage_;
};

}  // namespace ringport
