// buffered_stream<Stream> (Asio 1.22): adds both a read and a write buffer to a stream. It is
// a buffered_read_stream layered over a buffered_write_stream over Stream, and every member
// behaves as in those two: reads are served from the read buffer (fill, peek, in_avail),
// writes collect in the write buffer until it is full or flushed (flush, async_flush).
// next_layer() is the Stream itself, below both buffers.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/buffered_read_stream.hpp"
#include "ringport/buffered_stream_fwd.hpp"
#include "ringport/buffered_write_stream.hpp"
#include "ringport/error_code.hpp"

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace ringport {

/// Adds both a read and a write buffer to a stream (Asio 1.22's buffered_stream).
///
/// It is a buffered_read_stream layered over a buffered_write_stream over Stream, and every
/// member behaves as in those two: reads are served from the read buffer (fill, peek,
/// in_avail), writes collect in the write buffer until it is full or flushed (flush,
/// async_flush). next_layer() is the Stream itself, below both buffers.
template <typename Stream>
class buffered_stream {
  using write_stream_type = buffered_write_stream<Stream>;
  using read_stream_type = buffered_read_stream<write_stream_type&>;

 public:
  /// @name Types
  //@{
  /// The next layer (Stream without its reference), the lowest layer's type and its executor
  /// type.
  using next_layer_type = std::remove_reference_t<Stream>;
  using lowest_layer_type = typename next_layer_type::lowest_layer_type;
  using executor_type = typename lowest_layer_type::executor_type;
  //@}

  /// @name Construction
  //@{
  /// The argument builds the next layer, as for buffered_read_stream; the buffers hold
  /// `read_buffer_size` and `write_buffer_size` bytes (their default size when not given).
  template <typename Arg>
  requires std::constructible_from<Stream, Arg>
  explicit buffered_stream(Arg&& a)
      : write_stream_(std::forward<Arg>(a)), read_stream_(write_stream_) {}

  template <typename Arg>
  requires std::constructible_from<Stream, Arg> buffered_stream(Arg&& a,
                                                                std::size_t read_buffer_size,
                                                                std::size_t write_buffer_size)
      : write_stream_(std::forward<Arg>(a), write_buffer_size),
        read_stream_(write_stream_, read_buffer_size) {}

  //@}

  buffered_stream(const buffered_stream&) = delete;
  buffered_stream& operator=(const buffered_stream&) = delete;

  /// @name Layers
  //@{
  /// The next layer (the Stream itself), and the lowest layer (the next layer's lowest layer).
  next_layer_type& next_layer() { return write_stream_.next_layer(); }
  lowest_layer_type& lowest_layer() { return read_stream_.lowest_layer(); }
  const lowest_layer_type& lowest_layer() const { return read_stream_.lowest_layer(); }
  //@}

  /// The lowest layer's executor.
  executor_type get_executor() noexcept { return read_stream_.get_executor(); }

  /// @name Closing
  //@{
  /// Closes the next layer; bytes held in the write buffer are not flushed first.
  void close() { read_stream_.close(); }
  error_code close(error_code& ec) { return read_stream_.close(ec); }
  //@}

  // ---- The write buffer ----

  /// @name Flushing
  //@{
  /// Writes every byte held in the write buffer to the next layer; returns how many were
  /// written (buffered_write_stream::flush()).
  std::size_t flush() { return write_stream_.flush(); }
  std::size_t flush(error_code& ec) { return write_stream_.flush(ec); }
  //@}

  /// Starts a flush of the write buffer (buffered_write_stream::async_flush()). Completion
  /// signature void(error_code, std::size_t), with the bytes written.
  template <completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_flush(WriteToken&& token = default_completion_token_t<executor_type>()) {
    return write_stream_.async_flush(std::forward<WriteToken>(token));
  }

  /// @name Writing
  //@{
  /// Copies into the write buffer as much as fits (flushing a full buffer first) and returns
  /// that count (buffered_write_stream::write_some()).
  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers) {
    return read_stream_.write_some(buffers);
  }
  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers, error_code& ec) {
    return read_stream_.write_some(buffers, ec);
  }
  //@}

  /// Starts a write into the write buffer (buffered_write_stream::async_write_some()).
  /// Completion signature void(error_code, std::size_t).
  template <typename ConstBufferSequence,
            completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_write_some(
      const ConstBufferSequence& buffers,
      WriteToken&& token = default_completion_token_t<executor_type>()) {
    return read_stream_.async_write_some(buffers, std::forward<WriteToken>(token));
  }

  // ---- The read buffer ----

  /// @name Filling
  //@{
  /// Reads once from the next layer into the read buffer's free space; returns the bytes added
  /// (buffered_read_stream::fill()).
  std::size_t fill() { return read_stream_.fill(); }
  std::size_t fill(error_code& ec) { return read_stream_.fill(ec); }
  //@}

  /// Starts a fill of the read buffer (buffered_read_stream::async_fill()). Completion
  /// signature void(error_code, std::size_t), with the bytes added.
  template <completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_fill(ReadToken&& token = default_completion_token_t<executor_type>()) {
    return read_stream_.async_fill(std::forward<ReadToken>(token));
  }

  /// @name Reading
  //@{
  /// Reads from the read buffer, filling it first when it is empty
  /// (buffered_read_stream::read_some()).
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers) {
    return read_stream_.read_some(buffers);
  }
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers, error_code& ec) {
    return read_stream_.read_some(buffers, ec);
  }
  //@}

  /// Starts a read from the read buffer (buffered_read_stream::async_read_some()). Completion
  /// signature void(error_code, std::size_t).
  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_read_some(const MutableBufferSequence& buffers,
                                 ReadToken&& token = default_completion_token_t<executor_type>()) {
    return read_stream_.async_read_some(buffers, std::forward<ReadToken>(token));
  }

  /// @name Peeking
  //@{
  /// Copies bytes held in the read buffer without consuming them, filling an empty buffer first
  /// (buffered_read_stream::peek()).
  template <typename MutableBufferSequence>
  std::size_t peek(const MutableBufferSequence& buffers) {
    return read_stream_.peek(buffers);
  }
  template <typename MutableBufferSequence>
  std::size_t peek(const MutableBufferSequence& buffers, error_code& ec) {
    return read_stream_.peek(buffers, ec);
  }
  //@}

  /// @name Bytes available
  //@{
  /// The bytes held in the read buffer: what a read gets without touching the next layer.
  std::size_t in_avail() const noexcept { return read_stream_.in_avail(); }
  std::size_t in_avail(error_code& ec) const noexcept { return read_stream_.in_avail(ec); }
  //@}

 private:
  // Declared first: the read stream is built over it.
  write_stream_type write_stream_;
  read_stream_type read_stream_;
};

}  // namespace ringport
