// prepared_buffers: a small fixed-capacity buffer sequence, the window consuming_buffers
// hands to each step of a composed operation.
#pragma once

#include <array>
#include <cstddef>

namespace ringport::detail {

template <typename Buffer, std::size_t MaxBuffers>
class prepared_buffers {
 public:
  using value_type = Buffer;
  using const_iterator = const Buffer*;

  static constexpr std::size_t max_buffers = MaxBuffers;

  const_iterator begin() const noexcept { return elems_.data(); }
  const_iterator end() const noexcept { return elems_.data() + count_; }
  std::size_t count() const noexcept { return count_; }
  bool full() const noexcept { return count_ == MaxBuffers; }

  // Callers check full() first.
  void push_back(const Buffer& b) noexcept { elems_[count_++] = b; }

 private:
  std::array<Buffer, MaxBuffers> elems_{};
  std::size_t count_ = 0;
};

}  // namespace ringport::detail
