#include "ringport/detail/recycling_cache.hpp"

#include <cstdlib>
#include <new>

#if !RINGPORT_INLINE_RECYCLING_CACHE
#include <pthread.h>
#endif

namespace ringport::detail {

namespace {

using cache = recycling_cache;

void free_blocks(recycling_slots& s) noexcept {
  for (void*& b : s.blocks) {
    ::operator delete(b);
    b = nullptr;
  }
}

// No cached block fits: drop one so the cache keeps tracking the sizes in use, then take a
// new block from the heap.
void* allocate_miss(recycling_slots* s, std::size_t size, std::size_t align) {
  if (!cache::cacheable(size, align)) return ::operator new(size, std::align_val_t(align));
  if (s != nullptr) {
    for (void*& b : s->blocks) {
      if (b != nullptr) {
        ::operator delete(b);
        b = nullptr;
        break;
      }
    }
  }
  const std::size_t granules = cache::granules_for(size);
  auto* mem = static_cast<unsigned char*>(::operator new(granules* cache::granule - cache::slack));
  mem[size] = static_cast<unsigned char>(granules);
  return mem;
}

void deallocate_miss(void* p, std::size_t size, std::size_t align) noexcept {
  if (!cache::cacheable(size, align))
    ::operator delete(p, std::align_val_t(align));
  else
    ::operator delete(p);
}

}  // namespace

#if RINGPORT_INLINE_RECYCLING_CACHE

namespace {

// Registered for a thread the first time it caches a block; frees what is cached when the
// thread exits. Blocks freed after that (by later thread-exit destructors) skip the cache.
struct thread_exit_hook {
  recycling_slots* slots;
  ~thread_exit_hook() {
    free_blocks(*slots);
    slots->state = recycling_slots::torn_down;
  }
};

}  // namespace

void* recycling_cache::allocate_slow(std::size_t size, std::size_t align) {
  return allocate_miss(&slots_, size, align);
}

void recycling_cache::deallocate_slow(void* p, std::size_t size, std::size_t align) noexcept {
  if (p == nullptr) return;
  if (cacheable(size, align) && slots_.state == recycling_slots::unarmed) {
    thread_local thread_exit_hook hook{&slots_};
    slots_.state = recycling_slots::armed;
    if (give(slots_, p, size)) return;
  }
  deallocate_miss(p, size, align);
}

#else  // MinGW

namespace {

// TRICKY: GCC on MinGW keeps thread_local variables in emutls storage, and at thread exit
// winpthreads may free that storage before it runs a thread_local's destructor (GCC PR
// 80816, mingw-w64 bug 527), so a destructor must not touch thread_local memory. Here the
// slots live on the heap, the thread_local is only a pointer to them (nothing to destroy),
// and a pthread key destructor, which receives the slots' address as its value, frees them.
void destroy_slots(void* s) {
  auto* slots = static_cast<recycling_slots*>(s);
  free_blocks(*slots);
  delete slots;
}

recycling_slots* make_slots() {
  static const pthread_key_t key = [] {
    pthread_key_t k{};
    ::pthread_key_create(&k, &destroy_slots);
    return k;
  }();
  auto* s = new recycling_slots{};
  s->state = recycling_slots::armed;
  ::pthread_setspecific(key, s);
  return s;
}

thread_local recycling_slots* const slots = make_slots();

}  // namespace

void* recycling_cache::allocate(std::size_t size, std::size_t align) {
  if (cacheable(size, align))
    if (void* p = take(*slots, size)) return p;
  return allocate_miss(slots, size, align);
}

void recycling_cache::deallocate(void* p, std::size_t size, std::size_t align) noexcept {
  if (p == nullptr) return;
  if (cacheable(size, align) && give(*slots, p, size)) return;
  deallocate_miss(p, size, align);
}

#endif

}  // namespace ringport::detail
