// prepared_buffers: a small fixed-capacity buffer sequence, the window consuming_buffers
// hands to each step of a composed operation.
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>

namespace ringport::detail {

template <typename Buffer, std::size_t MaxBuffers>
class prepared_buffers {
 public:
  using value_type = Buffer;
  using const_iterator = const Buffer*;

  static constexpr std::size_t max_buffers = MaxBuffers;

  prepared_buffers() noexcept {}
  // Copies only the entries in use: a window is built and copied once per step, and most
  // hold a few of their MaxBuffers entries.
  prepared_buffers(const prepared_buffers& other) noexcept : count_(other.count_) {
    for (std::size_t i = 0; i < count_; ++i)
      ::new (static_cast<void*>(&slots_.elems[i])) Buffer(other.slots_.elems[i]);
  }
  prepared_buffers& operator=(const prepared_buffers& other) noexcept {
    count_ = other.count_;
    for (std::size_t i = 0; i < count_; ++i)
      ::new (static_cast<void*>(&slots_.elems[i])) Buffer(other.slots_.elems[i]);
    return *this;
  }

  const_iterator begin() const noexcept { return slots_.elems; }
  const_iterator end() const noexcept { return slots_.elems + count_; }
  std::size_t count() const noexcept { return count_; }
  bool full() const noexcept { return count_ == MaxBuffers; }

  // Callers check full() first.
  void push_back(const Buffer& b) noexcept {
    ::new (static_cast<void*>(&slots_.elems[count_])) Buffer(b);
    ++count_;
  }

 private:
  static_assert(std::is_trivially_destructible_v<Buffer>);
  // Storage left uninitialized (zeroing MaxBuffers entries per step showed in profiles);
  // only the first count_ entries are ever constructed or read.
  union storage {
    storage() noexcept {}
    Buffer elems[MaxBuffers];
  } slots_;
  std::size_t count_ = 0;
};

}  // namespace ringport::detail
