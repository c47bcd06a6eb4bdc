// awaitable<T, Executor>: the return type of a C++20 coroutine that runs on a ringport
// executor. It can co_await other awaitables of the same executor type, asynchronous
// operations started with use_awaitable, and the this_coro queries; co_spawn runs it.
//
// Frames come from the recycling allocator (the calling thread's cache of blocks). An
// awaitable owns its frame until it is awaited to completion or destroyed; nested co_awaits
// run through a trampoline (detail/awaitable_thread.hpp), so a deep chain does not grow the
// stack.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/any_io_executor.hpp"
#include "ringport/cancellation_state.hpp"
#include "ringport/detail/awaitable_thread.hpp"
#include "ringport/detail/recycling_cache.hpp"
#include "ringport/this_coro.hpp"

#include <coroutine>
#include <cstddef>
#include <exception>
#include <new>
#include <optional>
#include <type_traits>
#include <utility>

namespace ringport {

template <typename T, typename Executor = any_io_executor>
class awaitable;

namespace detail {

// Marks the awaiters a frame accepts besides awaitables and the this_coro values.
struct awaitable_internal_awaiter {};

template <typename Executor>
class awaitable_frame_base {
 public:
  // Frames are allocated through the per-thread recycling cache.
  static void* operator new(std::size_t size) {
    return recycling_cache::allocate(size, __STDCPP_DEFAULT_NEW_ALIGNMENT__);
  }
  static void operator delete(void* p, std::size_t size) noexcept {
    recycling_cache::deallocate(p, size, __STDCPP_DEFAULT_NEW_ALIGNMENT__);
  }

  std::suspend_always initial_suspend() noexcept { return {}; }

  // At the end the awaiting frame (if any) runs next.
  struct final_awaiter {
    awaitable_frame_base* frame;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) noexcept {
      if (frame->continuation_) awaitable_schedule(frame->continuation_);
    }
    void await_resume() const noexcept {}
  };
  final_awaiter final_suspend() noexcept { return {this}; }

  void unhandled_exception() { exception_ = std::current_exception(); }

  // co_await of another awaitable (rvalue only, as in Asio).
  template <typename U>
  awaitable<U, Executor>&& await_transform(awaitable<U, Executor>&& a) noexcept {
    return std::move(a);
  }

  template <typename A>
  requires std::is_base_of_v<awaitable_internal_awaiter, std::decay_t<A>> A &&
      await_transform(A&& a)
  noexcept { return std::forward<A>(a); }

  template <typename Value>
  struct ready_awaiter {
    Value value;
    bool await_ready() const noexcept { return true; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    Value await_resume() { return std::move(value); }
  };
  struct ready_void_awaiter {
    bool await_ready() const noexcept { return true; }
    void await_suspend(std::coroutine_handle<>) const noexcept {}
    void await_resume() const noexcept {}
  };

  ready_awaiter<Executor> await_transform(this_coro::executor_t) const noexcept {
    return {thread_->executor()};
  }
  ready_awaiter<ringport::cancellation_state> await_transform(
      this_coro::cancellation_state_t) const noexcept {
    return {thread_->cancel_state()};
  }
  template <typename... Filters>
  ready_void_awaiter await_transform(this_coro::reset_cancellation_state_t<Filters...> r) {
    std::apply([this](auto&&... f) { thread_->reset_cancellation_state(std::move(f)...); },
               std::move(r.filters));
    return {};
  }
  ready_awaiter<bool> await_transform(this_coro::throw_if_cancelled_0_t) const noexcept {
    return {thread_->throw_if_cancelled()};
  }
  ready_void_awaiter await_transform(this_coro::throw_if_cancelled_1_t t) noexcept {
    thread_->throw_if_cancelled(t.value);
    return {};
  }

  awaitable_thread<Executor>* thread() const noexcept { return thread_; }

  awaitable_thread<Executor>* thread_ = nullptr;
  std::coroutine_handle<> continuation_;
  std::exception_ptr exception_;
};

template <typename T, typename Executor>
class awaitable_promise : public awaitable_frame_base<Executor> {
 public:
  awaitable<T, Executor> get_return_object() noexcept;

  template <typename U = T>
  requires std::is_convertible_v<U&&, T>
  void return_value(U&& value) { value_.emplace(std::forward<U>(value)); }

  T take_result() {
    if (this->exception_) std::rethrow_exception(std::exchange(this->exception_, nullptr));
    return std::move(*value_);
  }

 private:
  std::optional<T> value_;
};

template <typename Executor>
class awaitable_promise<void, Executor> : public awaitable_frame_base<Executor> {
 public:
  awaitable<void, Executor> get_return_object() noexcept;
  void return_void() noexcept {}
  void take_result() {
    if (this->exception_) std::rethrow_exception(std::exchange(this->exception_, nullptr));
  }
};

}  // namespace detail

/// The return type of a coroutine that runs on an executor and produces a `T` (Asio's
/// awaitable). co_await it from another such coroutine, or start it with co_spawn(). It owns
/// the coroutine's frame until then; it is move-only.
template <typename T, typename Executor>
class [[nodiscard]] awaitable {
 public:
  /// @name Types
  //@{
  /// The coroutine's result type, its executor type, and the promise type.
  using value_type = T;
  using executor_type = Executor;
  using promise_type = detail::awaitable_promise<T, Executor>;

  //@}
  /// @name Construction, assignment and destruction
  //@{
  /// An empty awaitable (valid() is false); moves take the frame along; the destructor
  /// destroys a frame that never ran.
  constexpr awaitable() noexcept = default;
  awaitable(awaitable&& other) noexcept : frame_(std::exchange(other.frame_, nullptr)) {}
  awaitable& operator=(awaitable&& other) noexcept {
    if (this != &other) {
      if (frame_) frame_.destroy();
      frame_ = std::exchange(other.frame_, nullptr);
    }
    return *this;
  }
  awaitable(const awaitable&) = delete;
  awaitable& operator=(const awaitable&) = delete;
  ~awaitable() {
    if (frame_) frame_.destroy();
  }

  //@}
  /// Whether the awaitable holds a coroutine frame.
  bool valid() const noexcept { return static_cast<bool>(frame_); }

  /// @name Awaiting
  //@{
  /// Awaited from another frame of the same thread: runs, then resumes the awaiting frame.
  bool await_ready() const noexcept { return false; }
  template <typename Promise>
  void await_suspend(std::coroutine_handle<Promise> parent) noexcept {
    auto& p = frame_.promise();
    p.thread_ = parent.promise().thread_;
    p.continuation_ = parent;
    detail::awaitable_schedule(frame_);
  }
  T await_resume() { return frame_.promise().take_result(); }

  //@}
  /// For co_spawn: the frame, left owned by this object.
  std::coroutine_handle<promise_type> handle() const noexcept { return frame_; }

 private:
  friend class detail::awaitable_promise<T, Executor>;
  explicit awaitable(std::coroutine_handle<promise_type> h) noexcept : frame_(h) {}

  std::coroutine_handle<promise_type> frame_;
};

namespace detail {

template <typename T, typename Executor>
awaitable<T, Executor> awaitable_promise<T, Executor>::get_return_object() noexcept {
  return awaitable<T, Executor>(
      std::coroutine_handle<awaitable_promise<T, Executor>>::from_promise(*this));
}

template <typename Executor>
awaitable<void, Executor> awaitable_promise<void, Executor>::get_return_object() noexcept {
  return awaitable<void, Executor>(
      std::coroutine_handle<awaitable_promise<void, Executor>>::from_promise(*this));
}

}  // namespace detail

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/associated_executor.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/post.hpp"
#include "ringport/system_context.hpp"
#include "ringport/system_executor.hpp"
#include <csignal>
