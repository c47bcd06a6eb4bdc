// async_read and async_write on buffer sequences (and, on a random-access device,
// async_read_at and async_write_at). Each step reads into the next unfilled part of the
// buffers (or writes from the next unsent part), at most what the completion condition
// allows; the operation ends when the buffers are done, the condition says so, the stream
// reports an error (or end of file), or a (terminal) cancellation was requested between
// steps. An operation with a first step runs as a transfer_handler; one without (nothing to
// transfer) goes through async_compose with transfer_op. Where each step goes is the Steps
// policy: stream_steps (async_read_some/async_write_some on a stream) here, device_steps
// (async_read_some_at/async_write_some_at at the offset reached) in transfer_at_op.hpp.
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_compose.hpp"
#include "ringport/async_result.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/detail/base_from_cancellation_state.hpp"
#include "ringport/detail/consuming_buffers.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/mutable_buffer.hpp"

#include <cstddef>
#include <type_traits>
#include <utility>

namespace ringport::detail {

enum class transfer_direction { read, write };

// The steps of a transfer on a stream. A Steps policy names the I/O object (its executor and,
// for async_compose, its work) and starts one step, given the bytes moved so far.
template <typename AsyncStream>
struct stream_steps {
  using executor_type = typename AsyncStream::executor_type;
  // Implicit: the stream-composed operations are built from the stream itself.
  stream_steps(AsyncStream& s) noexcept : stream(&s) {}  // NOLINT(google-explicit-constructor)
  AsyncStream* stream;

  AsyncStream& io_object() const noexcept { return *stream; }

  template <transfer_direction Direction, typename Buffers, typename Handler>
  void start(std::size_t /*done*/, const Buffers& buffers, Handler&& handler) const {
    if constexpr (Direction == transfer_direction::read)
      stream->async_read_some(buffers, std::forward<Handler>(handler));
    else
      stream->async_write_some(buffers, std::forward<Handler>(handler));
  }
};

// What a composed read or write keeps between steps, and the decisions they share.
template <transfer_direction Direction, typename Steps, typename BufferSequence,
          typename CompletionCondition>
class transfer_state {
 public:
  transfer_state(Steps steps, const BufferSequence& buffers, CompletionCondition condition)
      : steps_(steps), buffers_(buffers), condition_(std::move(condition)) {}

  const Steps& steps() const noexcept { return steps_; }

  // How much the first step may move; 0 when there is nothing to transfer (empty buffers, or
  // a condition satisfied by 0 bytes) and the operation completes with 0 bytes.
  std::size_t first_step() {
    const std::size_t max_size =
        adapt_completion_condition_result(condition_(error_code(), std::size_t(0)));
    return buffers_.empty() ? 0 : max_size;
  }

  // After a step that moved `bytes` with result `ec`: how much the next step may move, or 0
  // when the operation is over, `ec` then holding its result. A cancellation that arrived
  // after the last step completed found no inner operation to abort; it ends the operation.
  std::size_t next_step(error_code& ec, std::size_t bytes, cancellation_type cancelled) {
    buffers_.consume(bytes);
    // A successful 0-byte step means the stream cannot make progress: stop rather than spin.
    if ((!ec && bytes == 0) || buffers_.empty()) return 0;
    const std::size_t max_size =
        adapt_completion_condition_result(condition_(ec, buffers_.total_consumed()));
    if (max_size == 0) return 0;
    if (cancelled != cancellation_type::none) {
      ec = error::operation_aborted;
      return 0;
    }
    return max_size;
  }

  std::size_t total_consumed() const noexcept { return buffers_.total_consumed(); }

  // Starts one step of at most max_size bytes with `handler`. TRICKY: this state lives in
  // `handler`, which the step moves from: the step reads what it needs (the policy, the
  // prepared buffers, the count so far) before it moves the handler.
  template <typename Handler>
  void start_step(std::size_t max_size, Handler&& handler) {
    const Steps steps = steps_;
    steps.template start<Direction>(buffers_.total_consumed(), buffers_.prepare(max_size),
                                    std::forward<Handler>(handler));
  }

 private:
  using buffer_type =
      std::conditional_t<Direction == transfer_direction::read, mutable_buffer, const_buffer>;

  Steps steps_;
  consuming_buffers<buffer_type, BufferSequence> buffers_;
  CompletionCondition condition_;
};

// The implementation async_compose runs for a read or write that completes without a step
// (async_compose delivers that completion later, through the handler's executor).
template <transfer_direction Direction, typename Steps, typename BufferSequence,
          typename CompletionCondition>
class transfer_op : private transfer_state<Direction, Steps, BufferSequence, CompletionCondition> {
  using state = transfer_state<Direction, Steps, BufferSequence, CompletionCondition>;

 public:
  explicit transfer_op(state&& s) : state(std::move(s)) {}

  template <typename Self>
  void operator()(Self& self) {
    if (const std::size_t max_size = this->first_step())
      this->start_step(max_size, std::move(self));
    else
      self.complete(error_code(), 0);
  }

  template <typename Self>
  void operator()(Self& self, error_code ec, std::size_t bytes_transferred) {
    if (const std::size_t max_size = this->next_step(ec, bytes_transferred, self.cancelled()))
      this->start_step(max_size, std::move(self));
    else
      self.complete(ec, this->total_consumed());
  }
};

// The intermediate handler of a read or write that has started its first step (Asio's
// read_op/write_op): it passes itself to each step and calls the final handler from the last
// step's completion, which already runs through the final handler's associated executor.
// Terminal and partial cancellation on the final handler's slot reach the pending step, total
// is filtered out (Asio's filter for async_read/async_write).
// Each step's operation holds the outstanding work of the stream's executor and of the
// handler's, so this handler holds none of its own (unlike a general async_compose op, whose
// implementation may pause between operations); per round trip that saves four executor
// copies and the work counting that goes with them.
template <transfer_direction Direction, typename Steps, typename BufferSequence,
          typename CompletionCondition, typename Handler>
class transfer_handler
    : public base_from_cancellation_state,
      private transfer_state<Direction, Steps, BufferSequence, CompletionCondition> {
  using state = transfer_state<Direction, Steps, BufferSequence, CompletionCondition>;

 public:
  using executor_type = associated_executor_t<Handler, typename Steps::executor_type>;
  using allocator_type = associated_allocator_t<Handler>;

  template <typename H>
  transfer_handler(state&& s, H&& handler)
      : base_from_cancellation_state(handler, enable_partial_cancellation()),
        state(std::move(s)),
        handler_(std::forward<H>(handler)) {}
  transfer_handler(transfer_handler&&) = default;
  transfer_handler(const transfer_handler&) = delete;
  transfer_handler& operator=(const transfer_handler&) = delete;
  transfer_handler& operator=(transfer_handler&&) = delete;

  executor_type get_executor() const noexcept {
    return associated_executor<Handler, typename Steps::executor_type>::get(
        handler_, this->steps().io_object().get_executor());
  }
  allocator_type get_allocator() const noexcept { return get_associated_allocator(handler_); }

  void start(std::size_t max_size) { this->start_step(max_size, std::move(*this)); }

  void operator()(error_code ec, std::size_t bytes_transferred) {
    // The finished step may have left its cancellation handler in the slot.
    clear_child_slot();
    if (const std::size_t max_size = this->next_step(ec, bytes_transferred, cancelled())) {
      this->start_step(max_size, std::move(*this));
      return;
    }
    std::move(handler_)(static_cast<const error_code&>(ec), this->total_consumed());
  }

 private:
  Handler handler_;
};

// The initiation of a composed transfer on a buffer sequence, whose steps go to `Steps`.
template <transfer_direction Direction, typename Steps>
class initiate_transfer {
 public:
  using executor_type = typename Steps::executor_type;

  explicit initiate_transfer(Steps steps) noexcept : steps_(steps) {}

  executor_type get_executor() const noexcept { return steps_.io_object().get_executor(); }

  template <typename Handler, typename BufferSequence, typename CompletionCondition>
  void operator()(Handler&& handler, const BufferSequence& buffers,
                  CompletionCondition condition) const {
    using state = transfer_state<Direction, Steps, BufferSequence, CompletionCondition>;
    state s(steps_, buffers, std::move(condition));
    if (const std::size_t max_size = s.first_step()) {
      transfer_handler<Direction, Steps, BufferSequence, CompletionCondition,
                       std::decay_t<Handler>>(std::move(s), std::forward<Handler>(handler))
          .start(max_size);
      return;
    }
    // Nothing to transfer: async_compose delivers the 0-byte completion as if an operation
    // had completed (later, through the handler's executor, with its work held meanwhile).
    std::decay_t<Handler> h(std::forward<Handler>(handler));
    async_compose<std::decay_t<Handler>, void(error_code, std::size_t)>(
        transfer_op<Direction, Steps, BufferSequence, CompletionCondition>(std::move(s)), h,
        steps_.io_object());
  }

 private:
  Steps steps_;
};

template <transfer_direction Direction, typename Steps, typename BufferSequence,
          typename CompletionCondition, typename Token>
decltype(auto) async_transfer_steps(Steps steps, const BufferSequence& buffers,
                                    CompletionCondition condition, Token& token) {
  return async_initiate<Token, void(error_code, std::size_t)>(
      initiate_transfer<Direction, Steps>(steps), token, buffers, std::move(condition));
}

template <transfer_direction Direction, typename AsyncStream, typename BufferSequence,
          typename CompletionCondition, typename Token>
decltype(auto) async_transfer(AsyncStream& stream, const BufferSequence& buffers,
                              CompletionCondition condition, Token& token) {
  return async_transfer_steps<Direction>(stream_steps<AsyncStream>(stream), buffers,
                                         std::move(condition), token);
}

}  // namespace ringport::detail
