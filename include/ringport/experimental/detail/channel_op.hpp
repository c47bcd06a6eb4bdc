// The operations a channel keeps while they wait. channel_op is the non-template base: the
// queue link, where the op waits, the link to its handler's cancellation slot, and two
// function pointers (complete or destroy; end without a message: closed or cancelled).
// channel_send<Payload> adds the message being sent and its result, channel_receive<Payload>
// the message received (or the closed/cancelled notification). The shells add the handler and
// the work it holds.
//
// A waiting op holds outstanding work on the channel's executor and on its handler's
// associated executor, so both contexts keep running. It completes by submitting the handler
// (with its arguments bound) to the handler's executor: never-blocking, so the handler never
// runs inside the call that ended the op (possibly-blocking only for try_send_via_dispatch).
// As everywhere in ringport, the op's memory goes back to the handler's allocator before the
// handler is submitted.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/detail/binder1.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/op_counter.hpp"
#include "ringport/detail/slot_cancellation_link.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution.hpp"
#include "ringport/experimental/channel_error.hpp"
#include "ringport/experimental/detail/channel_message.hpp"
#include "ringport/prefer.hpp"
#include "ringport/require.hpp"

#include <cassert>
#include <optional>
#include <type_traits>
#include <utility>

namespace ringport::experimental::detail {

class channel_op : public ringport::detail::slot_link_end<channel_op> {
 public:
  // invoke == false: free the op without calling its handler. dispatch: submit the handler
  // possibly-blocking (it may run inside the call) instead of never-blocking.
  using complete_func = void (*)(channel_op* op, bool invoke, bool dispatch);
  // Gives an op that ends without a message its result: channel_closed or channel_cancelled.
  using end_func = void (*)(channel_op* op, error::channel_errors reason);

  void complete(bool dispatch) { complete_(this, true, dispatch); }
  void destroy() { complete_(this, false, false); }
  void end(error::channel_errors reason) { end_(this, reason); }

  // Intrusive queue link (ringport::detail::op_queue).
  channel_op* next_ = nullptr;
  // The channel implementation whose queue holds the op: set as it is queued (under that
  // implementation's mutex), rewritten by a move of the channel (under the link mutex too).
  void* owner_ = nullptr;
  // Whether the op is in its implementation's queue, under that implementation's mutex:
  // whoever takes it out clears this, so exactly one party ends the op.
  bool queued_ = false;
  // The op linked itself to a handler in its cancellation slot: whoever ends it detaches the
  // link under the service's link mutex.
  bool linked_ = false;
  const bool is_send_;

 protected:
  channel_op(complete_func complete, end_func end, bool is_send) noexcept
      : is_send_(is_send), complete_(complete), end_(end) {
    ringport::detail::op_counter::add();
  }
  ~channel_op() { ringport::detail::op_counter::remove(); }
  channel_op(const channel_op&) = delete;
  channel_op& operator=(const channel_op&) = delete;

 private:
  complete_func complete_;
  end_func end_;
};

template <typename Payload>
class channel_send : public channel_op {
 public:
  // The message; moved into a receiver or the buffer when the send succeeds.
  Payload payload_;
  error_code ec_;

 protected:
  channel_send(complete_func complete,
               Payload&& payload) noexcept(std::is_nothrow_move_constructible_v<Payload>)
      : channel_op(complete, &channel_send::end_send, true), payload_(std::move(payload)) {}
  ~channel_send() = default;

 private:
  static void end_send(channel_op* op, error::channel_errors reason) {
    static_cast<channel_send*>(op)->ec_ = error::make_error_code(reason);
  }
};

template <typename Payload>
class channel_receive : public channel_op {
 public:
  // Set when the op ends: the message, or the traits' closed/cancelled notification.
  std::optional<Payload> result_;

 protected:
  channel_receive(complete_func complete, end_func end) noexcept
      : channel_op(complete, end, false) {}
  ~channel_receive() = default;
};

// Gives a receive op the traits' notification for `reason` as its result.
template <typename Payload, typename Signature>
struct channel_store_notification {
  std::optional<Payload>* result;
  template <typename... Args>
  void operator()(Args&&... args) const {
    result->emplace(std::in_place_type<channel_message<Signature>>, std::forward<Args>(args)...);
  }
};

template <typename Traits, typename Payload>
void channel_end_receive(channel_op* op, error::channel_errors reason) {
  auto& result = static_cast<channel_receive<Payload>*>(op)->result_;
  if (reason == error::channel_closed)
    Traits::invoke_receive_closed(
        channel_store_notification<Payload, typename Traits::receive_closed_signature>{&result});
  else
    Traits::invoke_receive_cancelled(
        channel_store_notification<Payload, typename Traits::receive_cancelled_signature>{&result});
}

// The work a waiting op holds, and how its handler is submitted.
template <typename Handler, typename IoExecutor>
class channel_handler_work {
 public:
  using handler_executor = associated_executor_t<Handler, IoExecutor>;

  channel_handler_work(const Handler& handler, const IoExecutor& io_ex)
      : handler_work_(
            ringport::prefer(associated_executor<Handler, IoExecutor>::get(handler, io_ex),
                             execution::outstanding_work.tracked)) {
    // The channel's context is kept busy too, unless the handler's executor is the channel's.
    bool same = false;
    if constexpr (std::is_same_v<handler_executor, IoExecutor>)
      same = associated_executor<Handler, IoExecutor>::get(handler, io_ex) == io_ex;
    if (!same) io_work_.emplace(ringport::prefer(io_ex, execution::outstanding_work.tracked));
  }

  channel_handler_work(channel_handler_work&&) = default;
  channel_handler_work(const channel_handler_work&) = delete;
  channel_handler_work& operator=(const channel_handler_work&) = delete;

  template <typename Function, typename Alloc>
  void complete(Function& function, const Alloc& alloc, bool dispatch) {
    if (dispatch)
      execution::execute(ringport::prefer(handler_work_, execution::blocking.possibly,
                                          execution::allocator(alloc)),
                         std::move(function));
    else
      execution::execute(
          ringport::prefer(ringport::require(handler_work_, execution::blocking.never),
                           execution::relationship.fork, execution::allocator(alloc)),
          std::move(function));
  }

 private:
  template <typename Executor>
  using tracked_t = std::decay_t<decltype(ringport::prefer(std::declval<const Executor&>(),
                                                           execution::outstanding_work.tracked))>;

  tracked_t<handler_executor> handler_work_;
  std::optional<tracked_t<IoExecutor>> io_work_;
};

template <typename Payload, typename Handler, typename IoExecutor>
class channel_send_op final : public channel_send<Payload> {
 public:
  template <typename H>
  channel_send_op(Payload&& payload, H&& handler, const IoExecutor& io_ex)
      : channel_send<Payload>(&channel_send_op::do_complete, std::move(payload)),
        handler_(std::forward<H>(handler)),
        work_(handler_, io_ex) {}

  static void do_complete(channel_op* base, bool invoke, bool dispatch) {
    auto* op = static_cast<channel_send_op*>(base);
    auto alloc = get_associated_allocator(op->handler_);
    channel_handler_work<Handler, IoExecutor> work(std::move(op->work_));
    ringport::detail::binder1<Handler, error_code> bound(std::move(op->handler_), op->ec_);
    ringport::detail::deallocate_op(alloc, op);
    if (invoke) work.complete(bound, alloc, dispatch);
  }

 private:
  Handler handler_;
  channel_handler_work<Handler, IoExecutor> work_;
};

// A receive handler with its message, ready to be submitted as a nullary function.
template <typename Payload, typename Handler>
class channel_delivery {
 public:
  channel_delivery(Payload&& payload, Handler&& handler)
      : payload_(std::move(payload)), handler_(std::move(handler)) {}

  void operator()() { payload_.deliver(handler_); }

 private:
  Payload payload_;
  Handler handler_;
};

template <typename Payload, typename Handler, typename IoExecutor>
class channel_receive_op final : public channel_receive<Payload> {
 public:
  template <typename H>
  channel_receive_op(channel_op::end_func end, H&& handler, const IoExecutor& io_ex)
      : channel_receive<Payload>(&channel_receive_op::do_complete, end),
        handler_(std::forward<H>(handler)),
        work_(handler_, io_ex) {}

  static void do_complete(channel_op* base, bool invoke, bool dispatch) {
    auto* op = static_cast<channel_receive_op*>(base);
    auto alloc = get_associated_allocator(op->handler_);
    channel_handler_work<Handler, IoExecutor> work(std::move(op->work_));
    if (!invoke) {
      // The handler may own what the allocator refers to: it goes after the memory.
      [[maybe_unused]] Handler handler(std::move(op->handler_));
      ringport::detail::deallocate_op(alloc, op);
      return;
    }
    assert(op->result_.has_value() && "a receive completed without a result");
    channel_delivery<Payload, Handler> delivery(std::move(*op->result_), std::move(op->handler_));
    ringport::detail::deallocate_op(alloc, op);
    work.complete(delivery, alloc, dispatch);
  }

 private:
  Handler handler_;
  channel_handler_work<Handler, IoExecutor> work_;
};

}  // namespace ringport::experimental::detail
