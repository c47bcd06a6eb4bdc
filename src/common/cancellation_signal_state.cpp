#include "ringport/detail/cancellation_signal_state.hpp"

#include "ringport/detail/recycling_cache.hpp"

#include <cstdint>

namespace ringport::detail {

cancellation_signal_state::~cancellation_signal_state() {
  clear();
  release_memory();
}

void cancellation_signal_state::clear() noexcept {
  // TRICKY: unhook before destroying, so a handler whose destructor emits or re-enters the
  // slot finds it empty instead of itself half-destroyed.
  if (cancellation_handler_base* h = handler_) {
    handler_ = nullptr;
    h->destroy();
  }
}

void* cancellation_signal_state::prepare(std::size_t size, std::size_t align) {
  clear();
  if (memory_ != nullptr && size <= size_ && reinterpret_cast<std::uintptr_t>(memory_) % align == 0)
    return memory_;
  release_memory();
  memory_ = recycling_cache::allocate(size, align);
  size_ = size;
  align_ = align;
  return memory_;
}

void cancellation_signal_state::release_memory() noexcept {
  if (memory_ != nullptr) {
    recycling_cache::deallocate(memory_, size_, align_);
    memory_ = nullptr;
    size_ = 0;
    align_ = 0;
  }
}

}  // namespace ringport::detail
