// const_buffer: a pointer and a size naming read-only memory the caller owns (Asio 1.22).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/mutable_buffer.hpp"

#include <cstddef>

namespace ringport {

/// A pointer and a size naming read-only memory the caller owns (Asio's const_buffer).
class const_buffer {
 public:
  /// @name Construction
  //@{
  /// An empty buffer, or the `size` bytes at `data`.
  constexpr const_buffer() noexcept = default;
  constexpr const_buffer(const void* data, std::size_t size) noexcept : data_(data), size_(size) {}
  /// Implicit, as in Asio: anything that can be written can also be read, so a mutable
  /// buffer (or a sequence of them) is accepted wherever a const one is.
  constexpr const_buffer(const mutable_buffer& b) noexcept : data_(b.data()), size_(b.size()) {}

  //@}
  /// @name Accessors
  //@{
  /// The start of the memory, and its size in bytes.
  constexpr const void* data() const noexcept { return data_; }
  constexpr std::size_t size() const noexcept { return size_; }

  //@}
  /// Clamped like mutable_buffer::operator+=.
  const_buffer& operator+=(std::size_t n) noexcept {
    const std::size_t offset = n < size_ ? n : size_;
    data_ = static_cast<const char*>(data_) + offset;
    size_ -= offset;
    return *this;
  }

 private:
  const void* data_ = nullptr;
  std::size_t size_ = 0;
};

/// @name Offsetting
//@{
/// The buffer `b` advanced by `n` bytes, clamped like operator+=.
inline const_buffer operator+(const const_buffer& b, std::size_t n) noexcept {
  const_buffer result = b;
  result += n;
  return result;
}

inline const_buffer operator+(std::size_t n, const const_buffer& b) noexcept {
  return b + n;
}
//@}

}  // namespace ringport
