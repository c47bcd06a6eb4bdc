// How an asynchronous operation is awaited with use_awaitable: the awaiter starts the
// operation with an awaitable_op_handler once its frame has suspended; the handler stores
// the completion arguments in the awaiter and resumes the frame through the trampoline.
#pragma once

#include "ringport/awaitable.hpp"
#include "ringport/cancellation_slot.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"

#include <coroutine>
#include <exception>
#include <optional>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <utility>

namespace ringport::detail {

// What co_await yields for completion arguments Args (already decayed): a leading
// error_code or exception_ptr is the error channel; then void, the value, or a tuple.
template <typename... Args>
struct awaitable_op_value {
  using type = std::tuple<Args...>;
};
template <>
struct awaitable_op_value<> {
  using type = void;
};
template <typename T>
struct awaitable_op_value<T> {
  using type = T;
};
template <>
struct awaitable_op_value<error_code> {
  using type = void;
};
template <>
struct awaitable_op_value<std::exception_ptr> {
  using type = void;
};
template <typename T>
struct awaitable_op_value<error_code, T> {
  using type = T;
};
template <typename T>
struct awaitable_op_value<std::exception_ptr, T> {
  using type = T;
};
template <typename T, typename U, typename... More>
struct awaitable_op_value<error_code, T, U, More...> {
  using type = std::tuple<T, U, More...>;
};
template <typename T, typename U, typename... More>
struct awaitable_op_value<std::exception_ptr, T, U, More...> {
  using type = std::tuple<T, U, More...>;
};

template <typename... Args>
using awaitable_op_value_t = typename awaitable_op_value<Args...>::type;

template <typename... Args>
awaitable_op_value_t<Args...> awaitable_op_unpack(std::tuple<Args...>&& t) {
  using value_t = awaitable_op_value_t<Args...>;
  constexpr std::size_t n = sizeof...(Args);
  if constexpr (n == 0) {
    return;
  } else {
    using first = std::tuple_element_t<0, std::tuple<Args...>>;
    constexpr bool has_error =
        std::is_same_v<first, error_code> || std::is_same_v<first, std::exception_ptr>;
    if constexpr (has_error) {
      if constexpr (std::is_same_v<first, error_code>) {
        if (std::get<0>(t)) throw system_error(std::get<0>(t));
      } else {
        if (std::get<0>(t)) std::rethrow_exception(std::get<0>(t));
      }
      if constexpr (std::is_void_v<value_t>) {
        return;
      } else if constexpr (n == 2) {
        return std::move(std::get<1>(t));
      } else {
        return std::apply([](auto&&, auto&&... rest) { return value_t(std::move(rest)...); },
                          std::move(t));
      }
    } else if constexpr (n == 1) {
      return std::move(std::get<0>(t));
    } else {
      return std::move(t);
    }
  }
}

// The handler of an awaited operation. Its executor is the coroutine's, its cancellation
// slot the coroutine's cancellation state's slot.
template <typename Executor, typename... Args>
class awaitable_op_handler {
 public:
  using executor_type = Executor;
  using cancellation_slot_type = cancellation_slot;

  awaitable_op_handler(awaitable_thread<Executor>* thread, std::coroutine_handle<> frame,
                       std::optional<std::tuple<Args...>>* result) noexcept
      : thread_(thread), frame_(frame), result_(result), unwinding_(std::uncaught_exceptions()) {}
  awaitable_op_handler(awaitable_op_handler&& other) noexcept
      : thread_(other.thread_),
        frame_(std::exchange(other.frame_, nullptr)),
        result_(other.result_),
        unwinding_(other.unwinding_) {}
  awaitable_op_handler& operator=(awaitable_op_handler&&) = delete;

  ~awaitable_op_handler() {
    // Dropped without being called: it owned the coroutine, which can never resume. TRICKY:
    // not while the initiation that received it is throwing on the thread that started it
    // (more exceptions in flight than when it was made): the awaiter then resumes the frame
    // with that exception.
    if (frame_ && std::uncaught_exceptions() <= unwinding_) thread_->destroy_frames();
  }

  executor_type get_executor() const noexcept { return thread_->executor(); }
  cancellation_slot_type get_cancellation_slot() const noexcept {
    return thread_->cancel_state().slot();
  }

  template <typename... CallArgs>
  void operator()(CallArgs&&... args) {
    result_->emplace(std::forward<CallArgs>(args)...);
    awaitable_pump(std::exchange(frame_, nullptr));
  }

 private:
  awaitable_thread<Executor>* thread_;
  std::coroutine_handle<> frame_;
  std::optional<std::tuple<Args...>>* result_;
  int unwinding_;
};

template <typename Executor, typename Initiation, typename InitArgs, typename... Args>
class awaitable_async_op : public awaitable_internal_awaiter {
 public:
  awaitable_async_op(Initiation&& initiation, InitArgs&& args)
      : initiation_(std::move(initiation)), args_(std::move(args)) {}

  bool await_ready() const noexcept { return false; }

  template <typename Promise>
  void await_suspend(std::coroutine_handle<Promise> frame) {
    awaitable_thread<Executor>* thread = frame.promise().thread_;
    if (thread->throw_if_cancelled() && !!thread->cancel_state().cancelled())
      throw system_error(error_code(error::operation_aborted), "co_await");
    // The initiation and its arguments move to this stack first: once the operation has
    // started, its completion may resume (and end) this frame on another thread.
    Initiation initiation(std::move(initiation_));
    InitArgs args(std::move(args_));
    awaitable_op_handler<Executor, Args...> handler(thread, frame, &result_);
    std::apply([&](auto&&... a) { std::move(initiation)(std::move(handler), std::move(a)...); },
               std::move(args));
  }

  awaitable_op_value_t<Args...> await_resume() {
    return awaitable_op_unpack<Args...>(std::move(*result_));
  }

 private:
  Initiation initiation_;
  InitArgs args_;
  std::optional<std::tuple<Args...>> result_;
};

}  // namespace ringport::detail
