// What a cancellation_signal owns and its slots act on: the installed handler and the block of
// memory it lives in. The block survives clear() and is reused by the next emplace() when it
// is large enough, so a signal reused for one operation after another allocates once. Blocks
// come from the per-thread recycling cache.
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/cancellation_type.hpp"
#include "ringport/detail/cancellation_handler.hpp"
#include "ringport/detail/cancellation_handler_base.hpp"

#include <cstddef>
#include <new>
#include <utility>

namespace ringport::detail {

class RINGPORT_DECL cancellation_signal_state {
 public:
  cancellation_signal_state() noexcept = default;
  cancellation_signal_state(const cancellation_signal_state&) = delete;
  cancellation_signal_state& operator=(const cancellation_signal_state&) = delete;
  ~cancellation_signal_state();

  void emit(cancellation_type type) {
    if (handler_) handler_->call(type);
  }

  bool has_handler() const noexcept { return handler_ != nullptr; }

  // Destroys the current handler (if any), then constructs a Handler in the signal's memory.
  template <typename Handler, typename... Args>
  Handler& emplace(Args&&... args) {
    using holder = cancellation_handler<Handler>;
    void* mem = prepare(sizeof(holder), alignof(holder));
    // If the constructor throws the block stays owned here and the slot is left empty.
    auto* h = ::new (mem) holder(std::in_place, std::forward<Args>(args)...);
    handler_ = h;
    return h->handler();
  }

  // Destroys the current handler; the memory is kept for the next emplace().
  void clear() noexcept;

 private:
  // Destroys the current handler and returns a block of at least `size` bytes aligned to
  // `align`, reusing the current block when it fits.
  void* prepare(std::size_t size, std::size_t align);
  void release_memory() noexcept;

  cancellation_handler_base* handler_ = nullptr;
  void* memory_ = nullptr;
  std::size_t size_ = 0;   // the size the block was allocated with
  std::size_t align_ = 0;  // the alignment it was allocated with
};

}  // namespace ringport::detail
