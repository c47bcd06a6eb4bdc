// The machinery behind any_completion_handler: the block that holds the erased handler
// (allocated with the handler's own associated allocator) and the table of functions through
// which the wrapper reaches it, one table per handler type and signature set.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/any_completion_executor.hpp"
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/cancellation_slot.hpp"
#include "ringport/cancellation_state.hpp"
#include "ringport/detail/handler_alloc.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <type_traits>
#include <utility>

namespace ringport::detail {

// Only plain call signatures R(Args...) can be erased: the wrapper calls its target once,
// as an rvalue, whatever the qualifiers would say.
template <typename T>
struct is_plain_call_signature : std::false_type {};
template <typename R, typename... Args>
struct is_plain_call_signature<R(Args...)> : std::true_type {};

// Memory handed out through any_completion_handler_allocator: whole units of the strictest
// fundamental alignment, rebound from the handler's allocator. A stricter alignment is
// met inside a larger block, with the distance back to the block's start stored just below
// the pointer returned.
struct alignas(alignof(std::max_align_t)) any_completion_handler_unit {
  unsigned char bytes[alignof(std::max_align_t)];
};

inline std::size_t any_completion_handler_units(std::size_t size, std::size_t align) {
  std::size_t extra = align > alignof(std::max_align_t) ? align : 0;
  if (size > static_cast<std::size_t>(-1) - extra - sizeof(any_completion_handler_unit))
    throw std::bad_array_new_length();
  std::size_t units = (size + extra + sizeof(any_completion_handler_unit) - 1) /
                      sizeof(any_completion_handler_unit);
  return units == 0 ? 1 : units;
}

template <typename Alloc>
void* any_completion_handler_allocate(const Alloc& a, std::size_t size, std::size_t align) {
  using unit_alloc =
      typename std::allocator_traits<Alloc>::template rebind_alloc<any_completion_handler_unit>;
  using traits = std::allocator_traits<unit_alloc>;
  unit_alloc alloc(a);
  std::size_t units = any_completion_handler_units(size, align);
  void* block = traits::allocate(alloc, units);
  if (align <= alignof(std::max_align_t)) return block;
  // The block is unit-aligned and align is a larger power of two, so the aligned pointer
  // lies at least one unit (room for the offset) and at most `align` bytes past its start.
  auto base = reinterpret_cast<std::uintptr_t>(block);
  std::uintptr_t aligned = (base + align) & ~(static_cast<std::uintptr_t>(align) - 1);
  std::size_t offset = static_cast<std::size_t>(aligned - base);
  std::memcpy(reinterpret_cast<void*>(aligned - sizeof offset), &offset, sizeof offset);
  return reinterpret_cast<void*>(aligned);
}

template <typename Alloc>
void any_completion_handler_deallocate(const Alloc& a, void* p, std::size_t size,
                                       std::size_t align) noexcept {
  using unit_alloc =
      typename std::allocator_traits<Alloc>::template rebind_alloc<any_completion_handler_unit>;
  using traits = std::allocator_traits<unit_alloc>;
  unit_alloc alloc(a);
  std::size_t units = any_completion_handler_units(size, align);
  if (align > alignof(std::max_align_t)) {
    std::size_t offset;
    std::memcpy(&offset, static_cast<unsigned char*>(p) - sizeof offset, sizeof offset);
    p = static_cast<unsigned char*>(p) - offset;
  }
  traits::deallocate(alloc, static_cast<any_completion_handler_unit*>(p), units);
}

// The block holding one erased handler. Its memory comes from the handler's associated
// allocator (the recycling allocator when it names none), a copy of which it keeps.
//
// TRICKY: the block outlives the handler while memory allocated through the wrapper's
// allocator is still out. An operation that is destroyed with its handler inside (context
// shutdown) destroys the handler, and with it the wrapper, before it returns its own memory
// through a copy of that allocator; the copy still points at this block, so the block must
// stay until that last deallocation. `refs_` counts the handler (while it lives) plus every
// allocation not yet returned; the block goes when it reaches zero. It is atomic because
// two operations of one composed operation may return their memory from different threads.
template <typename Handler>
class any_completion_handler_impl {
 public:
  using allocator_type = op_allocator_t<associated_allocator_t<Handler>>;

  template <typename H>
  any_completion_handler_impl(H&& h, const allocator_type& a)
      : handler_(std::in_place, std::forward<H>(h)), alloc_(a), state_(make_state(*handler_)) {}

  template <typename H>
  static any_completion_handler_impl* create(H&& h) {
    allocator_type a = op_allocator(get_associated_allocator(h));
    return allocate_op<any_completion_handler_impl>(a, std::forward<H>(h), a);
  }

  // Destroys the handler without calling it.
  static void destroy(void* p) noexcept {
    auto* self = static_cast<any_completion_handler_impl*>(p);
    self->handler_.reset();
    release(self);
  }

  // Moves the handler out, gives the block back, then calls the handler: a handler that
  // starts its next operation can reuse the memory.
  template <typename R, typename... Args>
  static R call(void* p, Args... args) {
    Handler handler(take(static_cast<any_completion_handler_impl*>(p)));
    return static_cast<R>(std::move(handler)(std::forward<Args>(args)...));
  }

  static any_completion_executor executor(const void* p,
                                          const any_completion_executor& candidate) noexcept {
    const auto* self = static_cast<const any_completion_handler_impl*>(p);
    return any_completion_executor(std::nothrow,
                                   get_associated_executor(*self->handler_, candidate));
  }

  static cancellation_slot slot(const void* p) noexcept {
    const auto* self = static_cast<const any_completion_handler_impl*>(p);
    if constexpr (forwards_slot)
      return get_associated_cancellation_slot(*self->handler_);
    else
      return self->state_.slot();
  }

  static void* allocate(void* p, std::size_t size, std::size_t align) {
    auto* self = static_cast<any_completion_handler_impl*>(p);
    void* block = any_completion_handler_allocate(self->alloc_, size, align);
    self->refs_.fetch_add(1, std::memory_order_relaxed);
    return block;
  }

  static void deallocate(void* p, void* block, std::size_t size, std::size_t align) noexcept {
    auto* self = static_cast<any_completion_handler_impl*>(p);
    any_completion_handler_deallocate(self->alloc_, block, size, align);
    release(self);
  }

 private:
  using slot_type = associated_cancellation_slot_t<Handler>;
  // A handler with a plain cancellation_slot shares it as it is. Another slot type is
  // bridged, as Asio does, by a cancellation_state hooked into it that lets every
  // cancellation type through to a signal of its own.
  static constexpr bool forwards_slot = std::is_same_v<slot_type, cancellation_slot>;
  struct no_state {};
  using state_type = std::conditional_t<forwards_slot, no_state, cancellation_state>;

  static state_type make_state(const Handler& h) {
    if constexpr (forwards_slot)
      return no_state();
    else
      return cancellation_state(get_associated_cancellation_slot(h), enable_total_cancellation());
  }

  // The handler moved out; the block is released even if the move throws.
  static Handler take(any_completion_handler_impl* self) {
    struct releaser {
      any_completion_handler_impl* self;
      ~releaser() {
        self->handler_.reset();
        release(self);
      }
    } r{self};
    return Handler(std::move(*self->handler_));
  }

  static void release(any_completion_handler_impl* self) noexcept {
    if (self->refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      allocator_type a(self->alloc_);
      deallocate_op(a, self);
    }
  }

  std::optional<Handler> handler_;
  [[no_unique_address]] allocator_type alloc_;
  std::atomic<std::size_t> refs_{1};
  [[no_unique_address]] state_type state_;
};

// One entry per signature: `call` takes exactly the signature's parameters, so the wrapper's
// call operator picks among the signatures by ordinary overload resolution.
template <typename Signature>
class any_completion_handler_call_fn;

template <typename R, typename... Args>
class any_completion_handler_call_fn<R(Args...)> {
 public:
  template <typename Handler>
  constexpr explicit any_completion_handler_call_fn(std::type_identity<Handler>) noexcept
      : call_(&any_completion_handler_impl<Handler>::template call<R, Args...>) {}

  R call(void* impl, Args... args) const { return call_(impl, std::forward<Args>(args)...); }

 private:
  R (*call_)(void*, Args...);
};

template <typename... Signatures>
class any_completion_handler_fn_table : public any_completion_handler_call_fn<Signatures>... {
 public:
  template <typename Handler>
  constexpr explicit any_completion_handler_fn_table(std::type_identity<Handler> h) noexcept
      : any_completion_handler_call_fn<Signatures>(h)...,
        destroy(&any_completion_handler_impl<Handler>::destroy),
        executor(&any_completion_handler_impl<Handler>::executor),
        slot(&any_completion_handler_impl<Handler>::slot),
        allocate(&any_completion_handler_impl<Handler>::allocate),
        deallocate(&any_completion_handler_impl<Handler>::deallocate) {}

  using any_completion_handler_call_fn<Signatures>::call...;

  void (*destroy)(void*) noexcept;
  any_completion_executor (*executor)(const void*, const any_completion_executor&) noexcept;
  cancellation_slot (*slot)(const void*) noexcept;
  void* (*allocate)(void*, std::size_t size, std::size_t align);
  void (*deallocate)(void*, void* p, std::size_t size, std::size_t align) noexcept;
};

template <typename Handler, typename... Signatures>
inline constexpr any_completion_handler_fn_table<Signatures...> any_completion_handler_table{
    std::type_identity<Handler>()};

}  // namespace ringport::detail
