// The machinery behind read/write/async_read/async_write on dynamic buffers. One code path
// serves both models through three accessors: a type that is a v2 dynamic buffer is used
// through grow/data(pos, n)/shrink (as Asio does for a type that is both), a v1-only one
// through prepare/commit.
#pragma once

#include "ringport/basic_streambuf.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/cancellation_state.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/detail/consuming_buffers.hpp"
#include "ringport/detail/transfer_op.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

#include <algorithm>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace ringport::detail {

// What the dynamic buffer overloads accept. A type that is both a v1 and a v2 dynamic buffer
// goes to the v2 overloads (as in Asio); a basic_streambuf, which is itself a v1 dynamic
// buffer but cannot be copied, goes to its own overloads.
template <typename T>
concept dynamic_buffer_v1_only =
    is_dynamic_buffer_v1<std::decay_t<T>>::value && !is_dynamic_buffer_v2<std::decay_t<T>>::value &&
    !is_basic_streambuf<std::decay_t<T>>::value;

template <typename T>
concept dynamic_buffer_v2_type = is_dynamic_buffer_v2<std::decay_t<T>>::value;

// The readable bytes.
template <typename DynamicBuffer>
auto dynbuf_readable(const DynamicBuffer& b) {
  if constexpr (is_dynamic_buffer_v2<DynamicBuffer>::value)
    return b.data(0, b.size());
  else
    return b.data();
}

// A writable area of n bytes after the readable ones.
template <typename DynamicBuffer>
auto dynbuf_prepare(DynamicBuffer& b, std::size_t n) {
  if constexpr (is_dynamic_buffer_v2<DynamicBuffer>::value) {
    const std::size_t pos = b.size();
    b.grow(n);
    return b.data(pos, n);
  } else {
    return b.prepare(n);
  }
}

// After dynbuf_prepare(b, prepared): keeps the first `used` bytes of the area.
template <typename DynamicBuffer>
void dynbuf_commit(DynamicBuffer& b, std::size_t prepared, std::size_t used) {
  if constexpr (is_dynamic_buffer_v2<DynamicBuffer>::value)
    b.shrink(prepared - used);
  else
    b.commit(used);
}

// How much one read step asks for: at least 512 bytes (or what the spare capacity gives),
// never more than `limit` nor than max_size() allows.
template <typename DynamicBuffer>
std::size_t dynbuf_read_size(const DynamicBuffer& b, std::size_t limit) {
  const std::size_t size = b.size();
  const std::size_t spare = b.capacity() > size ? b.capacity() - size : 0;
  const std::size_t room = b.max_size() > size ? b.max_size() - size : 0;
  return (std::min)((std::max)(std::size_t(512), spare), (std::min)(limit, room));
}

template <typename SyncReadStream, typename DynamicBuffer, typename CompletionCondition>
std::size_t read_dynbuf(SyncReadStream& s, DynamicBuffer& b, CompletionCondition& condition,
                        error_code& ec) {
  ec = error_code();
  std::size_t total = 0;
  std::size_t want = dynbuf_read_size(
      b, adapt_completion_condition_result(condition(static_cast<const error_code&>(ec), total)));
  while (want > 0) {
    const std::size_t n = s.read_some(dynbuf_prepare(b, want), ec);
    dynbuf_commit(b, want, n);
    total += n;
    if (!ec && n == 0) break;  // no progress possible
    want = dynbuf_read_size(
        b, adapt_completion_condition_result(condition(static_cast<const error_code&>(ec), total)));
  }
  return total;
}

// async_read on a dynamic buffer: like read_dynbuf, one read step per call of the Steps
// policy (transfer_op.hpp: async_read_some on a stream, async_read_some_at on a device).
template <typename Steps, typename DynamicBuffer, typename CompletionCondition>
class read_dynbuf_steps_op {
 public:
  read_dynbuf_steps_op(Steps steps, DynamicBuffer buffers, CompletionCondition condition)
      : steps_(steps), buffers_(std::move(buffers)), condition_(std::move(condition)) {}

  template <typename Self>
  void operator()(Self& self) {
    // As Asio's dynamic-buffer read: partial cancellation reaches the steps too.
    self.reset_cancellation_state(enable_partial_cancellation());
    want_ = dynbuf_read_size(
        buffers_, adapt_completion_condition_result(condition_(error_code(), std::size_t(0))));
    if (want_ == 0) {
      self.complete(error_code(), 0);
      return;
    }
    step(self);
  }

  template <typename Self>
  void operator()(Self& self, error_code ec, std::size_t n) {
    dynbuf_commit(buffers_, want_, n);
    total_ += n;
    if (!ec && n == 0) {
      self.complete(ec, total_);
      return;
    }
    want_ = dynbuf_read_size(buffers_, adapt_completion_condition_result(condition_(ec, total_)));
    if (want_ == 0) {
      self.complete(ec, total_);
      return;
    }
    // A cancellation that arrived between steps found no inner operation to abort.
    if (self.cancelled() != cancellation_type::none) {
      self.complete(error::operation_aborted, total_);
      return;
    }
    step(self);
  }

 private:
  // Moving `self` moves this object: the step reads what it needs first.
  template <typename Self>
  void step(Self& self) {
    const Steps steps = steps_;
    steps.template start<transfer_direction::read>(total_, dynbuf_prepare(buffers_, want_),
                                                   std::move(self));
  }

  Steps steps_;
  DynamicBuffer buffers_;
  CompletionCondition condition_;
  std::size_t want_ = 0;
  std::size_t total_ = 0;
};

template <typename AsyncReadStream, typename DynamicBuffer, typename CompletionCondition>
using read_dynbuf_op =
    read_dynbuf_steps_op<stream_steps<AsyncReadStream>, DynamicBuffer, CompletionCondition>;

// async_write on a dynamic buffer: writes the readable bytes (as they were when the
// operation started) like async_write on a buffer sequence, then consumes what was written.
template <typename Steps, typename DynamicBuffer, typename CompletionCondition>
class write_dynbuf_steps_op {
  using data_type = decltype(dynbuf_readable(std::declval<const DynamicBuffer&>()));

 public:
  write_dynbuf_steps_op(Steps steps, DynamicBuffer buffers, CompletionCondition condition)
      : steps_(steps),
        buffers_(std::move(buffers)),
        data_(dynbuf_readable(std::as_const(buffers_))),
        condition_(std::move(condition)) {}

  template <typename Self>
  void operator()(Self& self) {
    self.reset_cancellation_state(enable_partial_cancellation());
    const std::size_t max_size =
        adapt_completion_condition_result(condition_(error_code(), std::size_t(0)));
    if (max_size == 0 || data_.empty()) {
      self.complete(error_code(), 0);
      return;
    }
    step(self, max_size);
  }

  template <typename Self>
  void operator()(Self& self, error_code ec, std::size_t n) {
    data_.consume(n);
    if ((!ec && n == 0) || data_.empty()) {
      finish(self, ec);
      return;
    }
    const std::size_t max_size =
        adapt_completion_condition_result(condition_(ec, data_.total_consumed()));
    if (max_size == 0) {
      finish(self, ec);
      return;
    }
    if (self.cancelled() != cancellation_type::none) {
      finish(self, error::operation_aborted);
      return;
    }
    step(self, max_size);
  }

 private:
  template <typename Self>
  void step(Self& self, std::size_t max_size) {
    const Steps steps = steps_;
    steps.template start<transfer_direction::write>(data_.total_consumed(), data_.prepare(max_size),
                                                    std::move(self));
  }

  template <typename Self>
  void finish(Self& self, error_code ec) {
    const std::size_t n = data_.total_consumed();
    buffers_.consume(n);
    self.complete(ec, n);
  }

  Steps steps_;
  DynamicBuffer buffers_;
  consuming_buffers<const_buffer, data_type> data_;
  CompletionCondition condition_;
};

template <typename AsyncWriteStream, typename DynamicBuffer, typename CompletionCondition>
using write_dynbuf_op =
    write_dynbuf_steps_op<stream_steps<AsyncWriteStream>, DynamicBuffer, CompletionCondition>;

}  // namespace ringport::detail
