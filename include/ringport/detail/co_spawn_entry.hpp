// The bottom frame of a co_spawn: it owns the coroutine thread's state, awaits the user's
// awaitable, then frees every frame and hands the result (or the escaped exception) to the
// completion handler on the handler's executor.
#pragma once

#include "ringport/awaitable.hpp"
#include "ringport/dispatch.hpp"

#include <coroutine>
#include <exception>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

// GCC 12 warns (-Wsubobject-linkage) when a coroutine frame made from these templates holds a
// lambda of a test or of a function in an anonymous namespace; the frame type is local to the
// translation unit anyway.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsubobject-linkage"
#endif

namespace ringport::detail {

template <typename Executor>
class co_spawn_entry;

template <typename Executor>
class co_spawn_entry_promise : public awaitable_frame_base<Executor> {
 public:
  co_spawn_entry<Executor> get_return_object() noexcept;
  void return_void() noexcept {}
  // Nothing escapes the entry point's body (it catches everything); its final step destroys
  // the frame, so this frame never reaches its final suspend point.
  void unhandled_exception() noexcept { std::terminate(); }

  std::optional<awaitable_thread<Executor>> storage_;
};

template <typename Executor>
class [[nodiscard]] co_spawn_entry {
 public:
  using promise_type = co_spawn_entry_promise<Executor>;
  explicit co_spawn_entry(std::coroutine_handle<promise_type> h) noexcept : frame_(h) {}
  co_spawn_entry(co_spawn_entry&& other) noexcept : frame_(std::exchange(other.frame_, nullptr)) {}
  ~co_spawn_entry() {
    if (frame_) frame_.destroy();
  }
  std::coroutine_handle<promise_type> handle() const noexcept { return frame_; }
  std::coroutine_handle<promise_type> release() noexcept { return std::exchange(frame_, nullptr); }

 private:
  std::coroutine_handle<promise_type> frame_;
};

template <typename Executor>
co_spawn_entry<Executor> co_spawn_entry_promise<Executor>::get_return_object() noexcept {
  return co_spawn_entry<Executor>(
      std::coroutine_handle<co_spawn_entry_promise<Executor>>::from_promise(*this));
}

// The last step of the entry point: moves the handler and its arguments to the stack,
// destroys every frame (so the handler can reuse their memory), then dispatches the handler.
template <typename Handler, typename HandlerExecutor, typename... Args>
class co_spawn_finish : public awaitable_internal_awaiter {
 public:
  co_spawn_finish(Handler& handler, HandlerExecutor& ex, std::tuple<Args...>& args)
      : handler_(handler), ex_(ex), args_(args) {}

  bool await_ready() const noexcept { return false; }
  template <typename Promise>
  // TRICKY: never inlined into the coroutine: clang before 17 may keep this function's locals
  // in the frame it destroys.
  [[gnu::noinline]] void await_suspend(std::coroutine_handle<Promise> frame) {
    Handler handler(std::move(handler_));
    HandlerExecutor ex(std::move(ex_));
    std::tuple<Args...> args(std::move(args_));
    frame.promise().thread_->clear_parent_slot();
    frame.destroy();
    ringport::dispatch(ex, [handler = std::move(handler), args = std::move(args)]() mutable {
      std::apply(std::move(handler), std::move(args));
    });
  }
  void await_resume() const noexcept {}

 private:
  Handler& handler_;
  HandlerExecutor& ex_;
  std::tuple<Args...>& args_;
};

template <typename T, typename Executor, typename Handler, typename HandlerExecutor>
co_spawn_entry<Executor> co_spawn_entry_point(awaitable<T, Executor> a, Handler handler,
                                              HandlerExecutor handler_ex) {
  std::exception_ptr e;
  if constexpr (std::is_void_v<T>) {
    try {
      co_await std::move(a);
    } catch (...) {
      e = std::current_exception();
    }
    std::tuple<std::exception_ptr> result(e);
    co_await co_spawn_finish<Handler, HandlerExecutor, std::exception_ptr>(handler, handler_ex,
                                                                           result);
  } else {
    std::optional<T> value;
    try {
      value.emplace(co_await std::move(a));
    } catch (...) {
      e = std::current_exception();
    }
    // As in Asio, a coroutine that ended with an exception passes T() as its value.
    if (!value) value.emplace();
    // TRICKY: a named local, not a temporary of the co_await expression: GCC 12 destroyed
    // such a temporary with the frame although its contents had been moved to the handler
    // (a use after free of a moved-from unique_ptr's pointee).
    std::tuple<std::exception_ptr, T> result(e, std::move(*value));
    co_await co_spawn_finish<Handler, HandlerExecutor, std::exception_ptr, T>(handler, handler_ex,
                                                                              result);
  }
}

}  // namespace ringport::detail

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
