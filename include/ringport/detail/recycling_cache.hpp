// Per-thread cache of recently freed operation blocks. An operation that frees its memory
// before invoking its handler leaves the block here; the handler's next operation, started
// on the same thread, finds it again, so a steady-state chain of operations never reaches
// the global heap.
//
// The hit paths (a cached block fits; a free slot takes a block) are inline: every
// asynchronous operation allocates and frees once, and a call into the library for each
// showed in profiles of the post() chain. Misses, and the thread-exit cleanup, are out of
// line. MinGW keeps the whole cache out of line (see recycling_cache.cpp).
#pragma once

#include "ringport/detail/config.hpp"

#include <cstddef>

#if !defined(__MINGW32__)
#define RINGPORT_INLINE_RECYCLING_CACHE 1
#endif

namespace ringport::detail {

// The cache's slots. A block's capacity, in granules, is kept in the byte just past the
// requested size while it is in use and in its first byte while cached, so deallocate()
// learns the capacity without a header (Asio keeps its cache the same way).
struct recycling_slots {
  static constexpr std::size_t count = 4;
  enum state_t : unsigned char { unarmed, armed, torn_down };

  void* blocks[count];
  // armed: a thread-exit hook frees the blocks; torn_down: the hook has run, blocks freed
  // from then on go straight back to the heap.
  state_t state;
};

class RINGPORT_DECL recycling_cache {
 public:
  static constexpr std::size_t granule = 16;
  static constexpr std::size_t max_granules = 255;
  // A block of g granules is g * granule - slack bytes long: the heap adds its own header
  // word and rounds to 16 bytes, so the heap's chunk is then exactly g granules (with glibc a
  // 112-byte operation stays in the 128-byte class, where freeing and reusing are cheapest).
  static constexpr std::size_t slack = sizeof(void*);

  // Granules of a block holding `size` bytes and the capacity byte.
  static constexpr std::size_t granules_for(std::size_t size) noexcept {
    return (size + 1 + slack + granule - 1) / granule;
  }

  // Whether a request of this size and alignment may be served from the cache.
  static constexpr bool cacheable(std::size_t size, std::size_t align) noexcept {
    return align <= __STDCPP_DEFAULT_NEW_ALIGNMENT__ && size < granule * max_granules - slack;
  }

  // A cached block that holds `size` bytes (cacheable), or null.
  static void* take(recycling_slots& s, std::size_t size) noexcept {
    const std::size_t granules = granules_for(size);
    for (void*& b : s.blocks) {
      if (b != nullptr) {
        auto* mem = static_cast<unsigned char*>(b);
        if (mem[0] >= granules) {
          b = nullptr;
          mem[size] = mem[0];
          return mem;
        }
      }
    }
    return nullptr;
  }

  // Caches `p` (a block of `size` bytes from allocate()) in a free slot; false when full.
  static bool give(recycling_slots& s, void* p, std::size_t size) noexcept {
    auto* mem = static_cast<unsigned char*>(p);
    for (void*& b : s.blocks) {
      if (b == nullptr) {
        mem[0] = mem[size];
        b = mem;
        return true;
      }
    }
    return false;
  }

#if RINGPORT_INLINE_RECYCLING_CACHE
  // Allocates `size` bytes aligned to `align`, from this thread's cache when a block fits.
  static void* allocate(std::size_t size, std::size_t align) {
    if (cacheable(size, align))
      if (void* p = take(slots_, size)) return p;
    return allocate_slow(size, align);
  }

  // Returns a block obtained from allocate() with the same size and alignment.
  static void deallocate(void* p, std::size_t size, std::size_t align) noexcept {
    if (p != nullptr && cacheable(size, align) && slots_.state == recycling_slots::armed &&
        give(slots_, p, size))
      return;
    deallocate_slow(p, size, align);
  }

 private:
  static void* allocate_slow(std::size_t size, std::size_t align);
  static void deallocate_slow(void* p, std::size_t size, std::size_t align) noexcept;

  // Constant-initialized and trivially destructible: the hit paths reach it without a
  // thread-local guard or wrapper call.
  static inline thread_local recycling_slots slots_{};
#else
  static void* allocate(std::size_t size, std::size_t align);
  static void deallocate(void* p, std::size_t size, std::size_t align) noexcept;
#endif
};

}  // namespace ringport::detail
