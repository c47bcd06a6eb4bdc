#include "ringport/detail/recycling_cache.hpp"

#include <cstdlib>
#include <new>

#if defined(__MINGW32__) && !defined(__clang__)
#include <pthread.h>
#endif

namespace ringport::detail {

namespace {

// Blocks are rounded up to this granule; the granule count of a block's capacity is kept in
// the byte just past the requested size, so deallocate() learns the capacity without a
// header (Asio keeps its cache the same way).
constexpr std::size_t granule = 16;
constexpr std::size_t slots = 4;
constexpr std::size_t max_granules = 255;

struct thread_cache {
  void* blocks[slots] = {};
  ~thread_cache() {
    for (void*& b : blocks) {
      ::operator delete(b);
      b = nullptr;
    }
  }
};

#if defined(__MINGW32__) && !defined(__clang__)
// TRICKY: GCC on MinGW keeps thread_local variables in emutls storage, and at thread exit
// winpthreads may free that storage before it runs the variable's destructor (GCC PR 80816,
// mingw-w64 bug 527): ~thread_cache would write into freed heap memory. So there the cache
// lives on the heap, the thread_local is only a reference to it (nothing to destroy), and a
// pthread key destructor, which receives the cache's address as its value, deletes it.
void destroy_thread_cache(void* c) {
  delete static_cast<thread_cache*>(c);
}
thread_cache& make_thread_cache() {
  static const pthread_key_t key = [] {
    pthread_key_t k{};
    ::pthread_key_create(&k, &destroy_thread_cache);
    return k;
  }();
  auto* c = new thread_cache;
  ::pthread_setspecific(key, c);
  return *c;
}
thread_local thread_cache& cache = make_thread_cache();
#else
thread_local thread_cache cache;
#endif

}  // namespace

void* recycling_cache::allocate(std::size_t size, std::size_t align) {
  if (align > __STDCPP_DEFAULT_NEW_ALIGNMENT__ || size + 1 > granule * max_granules)
    return ::operator new(size, std::align_val_t(align));
  std::size_t granules = (size + 1 + granule - 1) / granule;
  for (void*& b : cache.blocks) {
    if (b != nullptr) {
      auto* mem = static_cast<unsigned char*>(b);
      std::size_t capacity = mem[0];
      if (capacity >= granules) {
        b = nullptr;
        mem[size] = static_cast<unsigned char>(capacity);
        return mem + 0;
      }
    }
  }
  // No fit: drop one cached block so the cache keeps tracking the sizes in use.
  for (void*& b : cache.blocks) {
    if (b != nullptr) {
      ::operator delete(b);
      b = nullptr;
      break;
    }
  }
  auto* mem = static_cast<unsigned char*>(::operator new(granules* granule));
  mem[size] = static_cast<unsigned char>(granules);
  return mem;
}

void recycling_cache::deallocate(void* p, std::size_t size, std::size_t align) noexcept {
  if (p == nullptr) return;
  if (align > __STDCPP_DEFAULT_NEW_ALIGNMENT__ || size + 1 > granule * max_granules) {
    ::operator delete(p, std::align_val_t(align));
    return;
  }
  auto* mem = static_cast<unsigned char*>(p);
  unsigned char capacity = mem[size];
  for (void*& b : cache.blocks) {
    if (b == nullptr) {
      // A cached block keeps its capacity in its first byte while unused.
      mem[0] = capacity;
      b = mem;
      return;
    }
  }
  ::operator delete(p);
}

}  // namespace ringport::detail
