#include "counting_new.hpp"

#include <cstdlib>
#include <new>

namespace {
std::atomic<std::size_t> count{0};

void* counted_alloc(std::size_t size, std::size_t align) {
  count.fetch_add(1, std::memory_order_relaxed);
  if (size == 0) size = 1;
  void* p = nullptr;
  if (align <= alignof(std::max_align_t)) {
    p = std::malloc(size);
  } else {
#if defined(_WIN32)
    p = _aligned_malloc(size, align);
#else
    if (::posix_memalign(&p, align, size) != 0) p = nullptr;
#endif
  }
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void counted_free(void* p, std::size_t align) noexcept {
#if defined(_WIN32)
  if (align > alignof(std::max_align_t)) {
    _aligned_free(p);
    return;
  }
#else
  (void)align;
#endif
  std::free(p);
}
}  // namespace

namespace ringport::test {
std::size_t allocations() noexcept {
  return count.load(std::memory_order_relaxed);
}
}  // namespace ringport::test

void* operator new(std::size_t size) {
  return counted_alloc(size, alignof(std::max_align_t));
}
void* operator new[](std::size_t size) {
  return counted_alloc(size, alignof(std::max_align_t));
}
void* operator new(std::size_t size, std::align_val_t a) {
  return counted_alloc(size, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t size, std::align_val_t a) {
  return counted_alloc(size, static_cast<std::size_t>(a));
}
void operator delete(void* p) noexcept {
  counted_free(p, 0);
}
void operator delete[](void* p) noexcept {
  counted_free(p, 0);
}
void operator delete(void* p, std::size_t) noexcept {
  counted_free(p, 0);
}
void operator delete[](void* p, std::size_t) noexcept {
  counted_free(p, 0);
}
void operator delete(void* p, std::align_val_t a) noexcept {
  counted_free(p, static_cast<std::size_t>(a));
}
void operator delete[](void* p, std::align_val_t a) noexcept {
  counted_free(p, static_cast<std::size_t>(a));
}
void operator delete(void* p, std::size_t, std::align_val_t a) noexcept {
  counted_free(p, static_cast<std::size_t>(a));
}
void operator delete[](void* p, std::size_t, std::align_val_t a) noexcept {
  counted_free(p, static_cast<std::size_t>(a));
}
