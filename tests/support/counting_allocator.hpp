// An allocator that counts what passes through it, for tests that check an operation
// allocates with the allocator its handler names.
#pragma once

#include <cstddef>
#include <memory>

namespace ringport::test {

struct allocation_counts {
  long allocations = 0;
  long deallocations = 0;
};

template <typename T>
class counting_allocator {
 public:
  using value_type = T;

  explicit counting_allocator(allocation_counts& counts) noexcept : counts_(&counts) {}
  template <typename U>
  counting_allocator(const counting_allocator<U>& other) noexcept : counts_(other.counts()) {}

  T* allocate(std::size_t n) {
    ++counts_->allocations;
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    ++counts_->deallocations;
    std::allocator<T>().deallocate(p, n);
  }

  allocation_counts* counts() const noexcept { return counts_; }

  template <typename U>
  friend bool operator==(const counting_allocator& a, const counting_allocator<U>& b) noexcept {
    return a.counts_ == b.counts();
  }

 private:
  allocation_counts* counts_;
};

}  // namespace ringport::test
