// executor_function: a move-only, type-erased nullary function, the currency any_io_executor
// hands to the executor it wraps. Its block comes from the handler-allocation path (the
// per-thread recycling cache by default) and is released before the function is invoked, so
// a function that submits the next one reuses the block: no global heap traffic in a steady
// chain of posts.
#pragma once

#include "ringport/detail/handler_alloc.hpp"

#include <memory>
#include <type_traits>
#include <utility>

namespace ringport::detail {

class executor_function {
 public:
  template <typename F, typename Alloc>
  requires(!std::is_same_v<std::decay_t<F>, executor_function>)
      executor_function(F&& f, const Alloc& a)
      : impl_(allocate_op<impl<std::decay_t<F>, Alloc>>(a, std::forward<F>(f), a)) {}

  executor_function(executor_function&& other) noexcept
      : impl_(std::exchange(other.impl_, nullptr)) {}
  executor_function& operator=(executor_function&& other) noexcept {
    if (this != &other) {
      reset();
      impl_ = std::exchange(other.impl_, nullptr);
    }
    return *this;
  }
  executor_function(const executor_function&) = delete;
  executor_function& operator=(const executor_function&) = delete;

  ~executor_function() { reset(); }

  // Invokes the function once; afterwards this object is empty.
  void operator()() {
    if (impl_base* i = std::exchange(impl_, nullptr)) i->complete_(i, true);
  }

  explicit operator bool() const noexcept { return impl_ != nullptr; }

 private:
  struct impl_base {
    // call == false destroys the function without invoking it.
    void (*complete_)(impl_base*, bool call);
  };

  template <typename F, typename Alloc>
  struct impl final : impl_base {
    template <typename G>
    impl(G&& g, const Alloc& a)
        : impl_base{&impl::do_complete}, function_(std::forward<G>(g)), alloc_(a) {}

    static void do_complete(impl_base* base, bool call) {
      auto* self = static_cast<impl*>(base);
      Alloc alloc(self->alloc_);
      // The block goes back before the call, so the function can reuse it.
      F function(std::move(self->function_));
      deallocate_op(alloc, self);
      if (call) std::move(function)();
    }

    F function_;
    [[no_unique_address]] Alloc alloc_;
  };

  void reset() noexcept {
    if (impl_base* i = std::exchange(impl_, nullptr)) i->complete_(i, false);
  }

  impl_base* impl_ = nullptr;
};

}  // namespace ringport::detail
