// What buffered_read_stream and buffered_write_stream share: the fixed-capacity byte store
// that holds their buffered data, the intermediate handler that finishes a step on it once
// the next layer's operation completes, and the immediate completion of an operation that
// needs no step at all.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_compose.hpp"
#include "ringport/buffer_copy.hpp"
#include "ringport/buffer_size.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/error_code.hpp"
#include "ringport/mutable_buffer.hpp"

#include <cstddef>
#include <cstring>
#include <type_traits>
#include <utility>
#include <vector>

namespace ringport::detail {

// A fixed-capacity buffer of bytes: the unread (or unsent) data is [begin_, end_). Space is
// only ever reclaimed by moving the data to the front, so a step that needs the free space
// contiguous (a read into the tail) asks for it with prepare().
class buffered_stream_storage {
 public:
  explicit buffered_stream_storage(std::size_t capacity) : bytes_(capacity) {}

  std::size_t size() const noexcept { return end_ - begin_; }
  std::size_t capacity() const noexcept { return bytes_.size(); }
  bool empty() const noexcept { return begin_ == end_; }
  bool full() const noexcept { return size() == capacity(); }

  // The held bytes.
  const_buffer data() const noexcept { return const_buffer(bytes_.data() + begin_, size()); }

  // All the free space, contiguous after the held bytes, for a read to fill; commit() then
  // says how much of it was filled. Nothing else may touch the storage in between.
  mutable_buffer prepare() noexcept {
    compact();
    return mutable_buffer(bytes_.data() + end_, capacity() - end_);
  }
  void commit(std::size_t n) noexcept { end_ += n; }

  // Drops n held bytes from the front.
  void consume(std::size_t n) noexcept {
    begin_ += n;
    // Once empty, start again at the front: the next fill gets the whole capacity without
    // moving anything.
    if (begin_ == end_) begin_ = end_ = 0;
  }

  // Copies held bytes into `target` without consuming them; returns the count.
  template <typename MutableBufferSequence>
  std::size_t peek_into(const MutableBufferSequence& target) const noexcept {
    return ringport::buffer_copy(target, data());
  }

  // Copies held bytes into `target` and consumes them; returns the count.
  template <typename MutableBufferSequence>
  std::size_t read_into(const MutableBufferSequence& target) noexcept {
    const std::size_t n = peek_into(target);
    consume(n);
    return n;
  }

  // Appends as much of `source` as fits; returns the count.
  template <typename ConstBufferSequence>
  std::size_t append(const ConstBufferSequence& source) noexcept {
    const std::size_t space = capacity() - size();
    const std::size_t wanted = ringport::buffer_size(source);
    const std::size_t n = wanted < space ? wanted : space;
    if (end_ + n > capacity()) compact();
    const std::size_t copied =
        ringport::buffer_copy(mutable_buffer(bytes_.data() + end_, n), source, n);
    end_ += copied;
    return copied;
  }

 private:
  void compact() noexcept {
    if (begin_ == 0) return;
    std::memmove(bytes_.data(), bytes_.data() + begin_, size());
    end_ -= begin_;
    begin_ = 0;
  }

  std::vector<unsigned char> bytes_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

// The handler a buffered stream gives the next layer's operation: Step finishes the work on
// the storage (step(ec, bytes) returns the count for the final handler), then the final
// handler runs with the same error. Everything associated with the final handler (executor,
// allocator, cancellation slot) is what the next layer's operation sees, as if it had been
// given the final handler itself; so every cancellation type the next layer supports
// reaches it.
template <typename Stream, typename Step, typename Handler>
class buffered_step_handler {
  using io_executor_type = typename Stream::lowest_layer_type::executor_type;

 public:
  using executor_type = associated_executor_t<Handler, io_executor_type>;
  using allocator_type = associated_allocator_t<Handler>;
  using cancellation_slot_type = associated_cancellation_slot_t<Handler>;

  template <typename H>
  buffered_step_handler(Stream& stream, Step step, H&& handler)
      : stream_(&stream), step_(std::move(step)), handler_(std::forward<H>(handler)) {}
  buffered_step_handler(buffered_step_handler&&) = default;
  buffered_step_handler(const buffered_step_handler&) = delete;
  buffered_step_handler& operator=(const buffered_step_handler&) = delete;
  buffered_step_handler& operator=(buffered_step_handler&&) = delete;

  executor_type get_executor() const noexcept {
    return associated_executor<Handler, io_executor_type>::get(
        handler_, stream_->lowest_layer().get_executor());
  }
  allocator_type get_allocator() const noexcept { return get_associated_allocator(handler_); }
  cancellation_slot_type get_cancellation_slot() const noexcept {
    return get_associated_cancellation_slot(handler_);
  }

  void operator()(error_code ec, std::size_t bytes_transferred) {
    const std::size_t n = step_(static_cast<const error_code&>(ec), bytes_transferred);
    std::move(handler_)(static_cast<const error_code&>(ec), n);
  }

 private:
  Stream* stream_;
  Step step_;
  Handler handler_;
};

// The implementation async_compose runs for an operation that the buffer alone satisfies:
// its result is known when it starts, and async_compose delivers it later, through the
// handler's executor, as if an operation had completed.
class buffered_immediate_op {
 public:
  buffered_immediate_op(error_code ec, std::size_t n) noexcept : ec_(ec), n_(n) {}

  template <typename Self>
  void operator()(Self& self) {
    self.complete(ec_, n_);
  }

 private:
  error_code ec_;
  std::size_t n_;
};

// Completes `handler` with (ec, n) later, holding work on the stream's executor meanwhile.
template <typename Stream, typename Handler>
void complete_buffered_immediately(Stream& stream, Handler&& handler, error_code ec,
                                   std::size_t n) {
  std::decay_t<Handler> h(std::forward<Handler>(handler));
  ringport::async_compose<std::decay_t<Handler>, void(error_code, std::size_t)>(
      buffered_immediate_op(ec, n), h, stream.lowest_layer().get_executor());
}

}  // namespace ringport::detail
