// buffered_read_stream<Stream> (Asio 1.22): adds a read buffer to a stream. Stream is the next
// layer, held by value (built from the constructor's argument) or, as a reference type, by
// reference.
//
// A read is served from the buffer while it holds bytes, without touching the next layer;
// only an empty buffer is filled first, with one read_some of the next layer offering all the
// free space. fill() reads once more into the free space and returns what it added (0, with
// no read, when the buffer is full). peek() copies held bytes without consuming them, filling
// an empty buffer first; in_avail() is the count held. A read of an empty buffer sequence
// returns 0 at once; the next layer's errors (eof included) come back with 0 bytes, and
// bytes a failing read still delivered stay in the buffer. Writes, close() and the executor
// go straight to the next layer.
//
// The asynchronous forms take any completion token (async_initiate). One that the buffer
// alone satisfies (bytes held, an empty buffer sequence, a fill of a full buffer) completes
// later, through the handler's executor, never inside the initiating call; otherwise the
// next layer's async_read_some is started with a handler that carries the final handler's
// executor, allocator and cancellation slot. Only one read operation at a time.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/async_result.hpp"
#include "ringport/buffer_size.hpp"
#include "ringport/buffered_read_stream_fwd.hpp"
#include "ringport/detail/buffered_stream_storage.hpp"
#include "ringport/error_code.hpp"

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace ringport {

namespace detail {

// After a fill: the bytes read join the buffer and are the result.
struct buffered_fill_step {
  buffered_stream_storage* storage;

  std::size_t operator()(const error_code&, std::size_t bytes_read) noexcept {
    storage->commit(bytes_read);
    return bytes_read;
  }
};

// After the fill that a read of an empty buffer started: the caller's buffers take what
// fits; an error gives 0 and leaves what was read in the buffer.
template <typename MutableBufferSequence>
struct buffered_read_some_step {
  buffered_stream_storage* storage;
  MutableBufferSequence buffers;

  std::size_t operator()(const error_code& ec, std::size_t bytes_read) noexcept {
    storage->commit(bytes_read);
    return ec ? 0 : storage->read_into(buffers);
  }
};

template <typename NextLayer>
class initiate_buffered_fill {
 public:
  using executor_type = typename NextLayer::lowest_layer_type::executor_type;

  initiate_buffered_fill(NextLayer& next_layer, buffered_stream_storage& storage) noexcept
      : next_layer_(&next_layer), storage_(&storage) {}

  executor_type get_executor() const noexcept { return next_layer_->lowest_layer().get_executor(); }

  template <typename Handler>
  void operator()(Handler&& handler) const {
    if (storage_->full()) {
      complete_buffered_immediately(*next_layer_, std::forward<Handler>(handler), error_code(), 0);
      return;
    }
    using step_handler =
        buffered_step_handler<NextLayer, buffered_fill_step, std::decay_t<Handler>>;
    next_layer_->async_read_some(
        storage_->prepare(),
        step_handler(*next_layer_, buffered_fill_step{storage_}, std::forward<Handler>(handler)));
  }

 private:
  NextLayer* next_layer_;
  buffered_stream_storage* storage_;
};

template <typename NextLayer>
class initiate_buffered_read_some {
 public:
  using executor_type = typename NextLayer::lowest_layer_type::executor_type;

  initiate_buffered_read_some(NextLayer& next_layer, buffered_stream_storage& storage) noexcept
      : next_layer_(&next_layer), storage_(&storage) {}

  executor_type get_executor() const noexcept { return next_layer_->lowest_layer().get_executor(); }

  template <typename Handler, typename MutableBufferSequence>
  void operator()(Handler&& handler, const MutableBufferSequence& buffers) const {
    if (ringport::buffer_size(buffers) == 0 || !storage_->empty()) {
      const std::size_t n = storage_->read_into(buffers);
      complete_buffered_immediately(*next_layer_, std::forward<Handler>(handler), error_code(), n);
      return;
    }
    using step = buffered_read_some_step<MutableBufferSequence>;
    using step_handler = buffered_step_handler<NextLayer, step, std::decay_t<Handler>>;
    next_layer_->async_read_some(
        storage_->prepare(),
        step_handler(*next_layer_, step{storage_, buffers}, std::forward<Handler>(handler)));
  }

 private:
  NextLayer* next_layer_;
  buffered_stream_storage* storage_;
};

}  // namespace detail

/// Adds a read buffer to a stream (Asio 1.22's buffered_read_stream). Stream is the next layer,
/// held by value (built from the constructor's argument) or, as a reference type, by reference.
///
/// A read is served from the buffer while it holds bytes, without touching the next layer; only
/// an empty buffer is filled first, with one read_some of the next layer offering all the free
/// space. A read of an empty buffer sequence returns 0 at once; the next layer's errors (eof
/// included) come back with 0 bytes, and bytes a failing read still delivered stay in the
/// buffer. Writes, close() and the executor go straight to the next layer.
///
/// The asynchronous forms take any completion token. One that the buffer alone satisfies (bytes
/// held, an empty buffer sequence, a fill of a full buffer) completes later, through the
/// handler's executor, never inside the initiating call; otherwise the next layer's
/// async_read_some is started with a handler that carries the final handler's executor,
/// allocator and cancellation slot. Only one read operation at a time.
template <typename Stream>
class buffered_read_stream {
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
  explicit buffered_read_stream(Arg&& a)
      : next_layer_(std::forward<Arg>(a)), storage_(default_buffer_size) {}

  template <typename Arg>
  requires std::constructible_from<Stream, Arg> buffered_read_stream(Arg&& a,
                                                                     std::size_t buffer_size)
      : next_layer_(std::forward<Arg>(a)), storage_(buffer_size) {}

  //@}

  buffered_read_stream(const buffered_read_stream&) = delete;
  buffered_read_stream& operator=(const buffered_read_stream&) = delete;

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
  /// Closes the next layer.
  void close() { next_layer_.close(); }
  error_code close(error_code& ec) { return next_layer_.close(ec); }
  //@}

  // ---- Writing: not buffered ----

  /// @name Writing
  //@{
  /// The next layer's write_some (writes are not buffered here).
  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers) {
    return next_layer_.write_some(buffers);
  }
  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers, error_code& ec) {
    return next_layer_.write_some(buffers, ec);
  }
  //@}

  /// The next layer's async_write_some. Completion signature void(error_code, std::size_t).
  template <typename ConstBufferSequence,
            completion_token_for<void(error_code, std::size_t)> WriteToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_write_some(
      const ConstBufferSequence& buffers,
      WriteToken&& token = default_completion_token_t<executor_type>()) {
    return next_layer_.async_write_some(buffers, std::forward<WriteToken>(token));
  }

  // ---- Filling the buffer ----

  /// @name Filling
  //@{
  /// Reads once from the next layer into the free space; returns the bytes added (0, with no
  /// read, when the buffer is full). The overload without `ec` throws std::system_error on
  /// failure.
  std::size_t fill() {
    error_code ec;
    const std::size_t n = fill(ec);
    detail::throw_error(ec, "fill");
    return n;
  }

  std::size_t fill(error_code& ec) {
    ec = error_code();
    if (storage_.full()) return 0;
    const std::size_t n = next_layer_.read_some(storage_.prepare(), ec);
    storage_.commit(n);
    return n;
  }
  //@}

  /// Starts a fill: one async_read_some of the next layer into the free space (none when the
  /// buffer is full). Completion signature void(error_code, std::size_t): the bytes added.
  template <completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_fill(ReadToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<ReadToken, void(error_code, std::size_t)>(
        detail::initiate_buffered_fill<next_layer_type>(next_layer_, storage_), token);
  }

  // ---- Reading ----

  /// @name Reading
  //@{
  /// Copies held bytes into `buffers`, filling an empty buffer first; returns the bytes copied.
  /// The next layer's errors (eof included) come back with 0 bytes. The overload without `ec`
  /// throws std::system_error on failure.
  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers) {
    error_code ec;
    const std::size_t n = read_some(buffers, ec);
    detail::throw_error(ec, "read_some");
    return n;
  }

  template <typename MutableBufferSequence>
  std::size_t read_some(const MutableBufferSequence& buffers, error_code& ec) {
    ec = error_code();
    if (ringport::buffer_size(buffers) == 0) return 0;
    if (storage_.empty() && fill(ec) == 0) return 0;
    return storage_.read_into(buffers);
  }
  //@}

  /// Starts a read: held bytes, or after a fill of an empty buffer. Completion signature
  /// void(error_code, std::size_t).
  template <typename MutableBufferSequence,
            completion_token_for<void(error_code, std::size_t)> ReadToken =
                default_completion_token_t<executor_type>>
  decltype(auto) async_read_some(const MutableBufferSequence& buffers,
                                 ReadToken&& token = default_completion_token_t<executor_type>()) {
    return async_initiate<ReadToken, void(error_code, std::size_t)>(
        detail::initiate_buffered_read_some<next_layer_type>(next_layer_, storage_), token,
        buffers);
  }

  /// @name Peeking
  //@{
  /// Copies held bytes without consuming them, filling an empty buffer first. The overload
  /// without `ec` throws std::system_error on failure.
  template <typename MutableBufferSequence>
  std::size_t peek(const MutableBufferSequence& buffers) {
    error_code ec;
    const std::size_t n = peek(buffers, ec);
    detail::throw_error(ec, "peek");
    return n;
  }

  template <typename MutableBufferSequence>
  std::size_t peek(const MutableBufferSequence& buffers, error_code& ec) {
    ec = error_code();
    if (storage_.empty() && fill(ec) == 0) return 0;
    return storage_.peek_into(buffers);
  }
  //@}

  /// @name Bytes available
  //@{
  /// The bytes a read gets without touching the next layer.
  std::size_t in_avail() const noexcept { return storage_.size(); }
  std::size_t in_avail(error_code& ec) const noexcept {
    ec = error_code();
    return storage_.size();
  }
  //@}

 private:
  Stream next_layer_;
  detail::buffered_stream_storage storage_;
};

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/buffer.hpp"
