// Which schedulers the current thread is running (a stack, since run() may nest).
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport::detail {

class scheduler;

class RINGPORT_DECL thread_context {
 public:
  explicit thread_context(const void* owner) noexcept : owner_(owner), next_(top()) {
    top() = this;
  }
  ~thread_context() { top() = next_; }
  thread_context(const thread_context&) = delete;
  thread_context& operator=(const thread_context&) = delete;

  // True when the calling thread is inside run()/poll() of `owner`.
  static bool contains(const void* owner) noexcept { return find(owner) != nullptr; }

  // The innermost context of `owner` on the calling thread, or null.
  static thread_context* find(const void* owner) noexcept {
    for (thread_context* c = top(); c; c = c->next_)
      if (c->owner_ == owner) return c;
    return nullptr;
  }

  // The next context of the same owner further out on this thread's stack, or null.
  thread_context* find_outer() const noexcept {
    for (thread_context* c = next_; c; c = c->next_)
      if (c->owner_ == owner_) return c;
    return nullptr;
  }

 private:
  const void* owner_;
  thread_context* next_;
#if RINGPORT_WINDOWS && RINGPORT_SHARED
  // A DLL cannot share a thread_local variable with the program that uses it: the top of the
  // stack is reached through an exported function instead.
  static thread_context*& top() noexcept;
#else
  static thread_context*& top() noexcept {
    return top_;
  }
  static thread_local thread_context* top_;
#endif
};

}  // namespace ringport::detail
