// Per-thread cache of recently freed operation blocks. An operation that frees its memory
// before invoking its handler leaves the block here; the handler's next operation, started
// on the same thread, finds it again, so a steady-state chain of operations never reaches
// the global heap.
#pragma once

#include <cstddef>

namespace ringport::detail {

class recycling_cache {
 public:
  // Allocates `size` bytes aligned to `align`, from this thread's cache when a block fits.
  static void* allocate(std::size_t size, std::size_t align);
  // Returns a block obtained from allocate() with the same size and alignment.
  static void deallocate(void* p, std::size_t size, std::size_t align) noexcept;
};

}  // namespace ringport::detail
