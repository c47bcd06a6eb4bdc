// The state shared by every frame of one coroutine "thread" (a co_spawn and everything it
// awaits): its executor, its cancellation state, and the trampoline that resumes frames.
//
// TRICKY: GCC 12 does not turn symmetric transfer into a tail call at -O0 or under ASan (a
// chain of 100,000 nested co_awaits overflowed the stack when await_suspend returned the
// next handle), so frames never resume each other. A frame that wants another frame to run
// stores its handle in the slot of the innermost pump of the calling thread and suspends;
// the pump resumes it. Every resumption of an awaitable frame goes through awaitable_pump.
#pragma once

#include "ringport/cancellation_slot.hpp"
#include "ringport/cancellation_state.hpp"

#include <coroutine>
#include <utility>

namespace ringport::detail {

// The slot of the innermost pump running on this thread (null outside any pump).
inline thread_local std::coroutine_handle<>* awaitable_pump_slot = nullptr;

// Resumes `h`, then whatever frame each resumed frame hands on, until one suspends without
// naming a successor (it waits for an operation, or the thread of frames has ended).
inline void awaitable_pump(std::coroutine_handle<> h) noexcept {
  std::coroutine_handle<> next = h;
  std::coroutine_handle<>* saved = awaitable_pump_slot;
  awaitable_pump_slot = &next;
  while (next)
    std::exchange(next, nullptr).resume();
  awaitable_pump_slot = saved;
}

// Called from await_suspend: `h` runs next, once the caller's frame has suspended.
inline void awaitable_schedule(std::coroutine_handle<> h) noexcept {
  *awaitable_pump_slot = h;
}

template <typename Executor>
class awaitable_thread {
 public:
  awaitable_thread(const Executor& ex, cancellation_slot parent)
      : executor_(ex), parent_slot_(parent), state_(parent, enable_terminal_cancellation()) {}

  awaitable_thread(const awaitable_thread&) = delete;
  awaitable_thread& operator=(const awaitable_thread&) = delete;

  const Executor& executor() const noexcept { return executor_; }
  ringport::cancellation_state& cancel_state() noexcept { return state_; }
  cancellation_slot parent_slot() const noexcept { return parent_slot_; }

  template <typename... Filters>
  void reset_cancellation_state(Filters&&... filters) {
    state_ = ringport::cancellation_state(parent_slot_, std::forward<Filters>(filters)...);
  }
  void reset_cancellation_state() {
    state_ = ringport::cancellation_state(parent_slot_, enable_terminal_cancellation());
  }

  // Detaches the coroutine from its parent slot (before its completion handler runs).
  void clear_parent_slot() noexcept {
    if (parent_slot_.is_connected()) parent_slot_.clear();
    parent_slot_ = cancellation_slot();
    state_ = ringport::cancellation_state();
  }

  bool throw_if_cancelled() const noexcept { return throw_if_cancelled_; }
  void throw_if_cancelled(bool v) noexcept { throw_if_cancelled_ = v; }

  // The bottom frame (the co_spawn entry point); destroying it destroys every frame above.
  std::coroutine_handle<> bottom() const noexcept { return bottom_; }
  void set_bottom(std::coroutine_handle<> h) noexcept { bottom_ = h; }
  void destroy_frames() noexcept { bottom_.destroy(); }

 private:
  Executor executor_;
  cancellation_slot parent_slot_;
  ringport::cancellation_state state_;
  bool throw_if_cancelled_ = true;
  std::coroutine_handle<> bottom_;
};

// Resumes a suspended frame of `thread` when called. Until then it owns the whole thread of
// frames: destroyed without being called (an operation dropped at shutdown), it destroys
// them, as Asio does.
template <typename Executor>
class awaitable_resumer {
 public:
  using executor_type = Executor;

  awaitable_resumer(awaitable_thread<Executor>* thread, std::coroutine_handle<> frame) noexcept
      : thread_(thread), frame_(frame) {}
  awaitable_resumer(awaitable_resumer&& other) noexcept
      : thread_(other.thread_), frame_(std::exchange(other.frame_, nullptr)) {}
  awaitable_resumer& operator=(awaitable_resumer&&) = delete;
  ~awaitable_resumer() {
    if (frame_) thread_->destroy_frames();
  }

  executor_type get_executor() const noexcept { return thread_->executor(); }

  void operator()() { awaitable_pump(std::exchange(frame_, nullptr)); }

 private:
  awaitable_thread<Executor>* thread_;
  std::coroutine_handle<> frame_;
};

}  // namespace ringport::detail
