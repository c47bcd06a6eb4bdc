// co_await of a deferred operation inside an awaitable coroutine: the operation starts with
// the coroutine as its handler, as if it had been given use_awaitable (a leading error_code
// or exception_ptr that is set is thrown; the rest is void, the value or a tuple).
//
// A deferred object derives from awaitable_internal_awaiter, which lets it through the
// frame's await_transform unchanged; its operator co_await then builds this awaiter, which
// holds the operation and, later, the completion arguments.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/awaitable.hpp"
#include "ringport/detail/awaitable_op.hpp"
#include "ringport/detail/awaitable_thread.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

#include <coroutine>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport::detail {

template <typename Thread>
struct deferred_awaiter_thread {};
template <typename Executor>
struct deferred_awaiter_thread<awaitable_thread<Executor>*> {
  using executor_type = Executor;
};

template <typename Op, typename Signature>
class deferred_awaiter;

template <typename Op, typename R, typename... Args>
class deferred_awaiter<Op, R(Args...)> {
 public:
  explicit deferred_awaiter(Op&& op) : op_(std::move(op)) {}

  bool await_ready() const noexcept { return false; }

  // TRICKY: never inlined into the coroutine: clang before 17 may then keep this function's
  // locals (the operation below) in the coroutine frame, which the operation's completion
  // can free before this call returns.
  template <typename Promise>
  requires requires(Promise& p) {
    typename deferred_awaiter_thread<decltype(p.thread_)>::executor_type;
  }
  [[gnu::noinline]] void await_suspend(std::coroutine_handle<Promise> frame) {
    auto* thread = frame.promise().thread_;
    using executor_type = typename deferred_awaiter_thread<decltype(thread)>::executor_type;
    if (thread->throw_if_cancelled() && !!thread->cancel_state().cancelled())
      throw system_error(error_code(error::operation_aborted), "co_await");
    // TRICKY: the operation moves to this stack first: once it has started, its completion
    // may resume (and end) this frame, and the awaiter inside it, on another thread, or
    // before this call returns (deferred values complete inside their initiation).
    Op op(std::move(op_));
    std::move(op)(
        awaitable_op_handler<executor_type, std::decay_t<Args>...>(thread, frame, &result_));
  }

  awaitable_op_value_t<std::decay_t<Args>...> await_resume() {
    return awaitable_op_unpack<std::decay_t<Args>...>(std::move(*result_));
  }

 private:
  Op op_;
  std::optional<std::tuple<std::decay_t<Args>...>> result_;
};

}  // namespace ringport::detail
