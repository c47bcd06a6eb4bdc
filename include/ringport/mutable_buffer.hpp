// mutable_buffer: a pointer and a size naming writable memory the caller owns (Asio 1.22).
#pragma once

#include "ringport/detail/config.hpp"
#include <cstddef>

namespace ringport {

/// A pointer and a size naming writable memory the caller owns (Asio's mutable_buffer).
class mutable_buffer {
 public:
  /// @name Construction
  //@{
  /// An empty buffer, or the `size` bytes at `data`.
  constexpr mutable_buffer() noexcept = default;
  constexpr mutable_buffer(void* data, std::size_t size) noexcept : data_(data), size_(size) {}

  //@}
  /// @name Accessors
  //@{
  /// The start of the memory, and its size in bytes.
  constexpr void* data() const noexcept { return data_; }
  constexpr std::size_t size() const noexcept { return size_; }

  //@}
  /// Offsets past the end clamp to the end instead of running off it: composed operations
  /// advance by byte counts the kernel reported, and an empty tail is the safe answer.
  mutable_buffer& operator+=(std::size_t n) noexcept {
    const std::size_t offset = n < size_ ? n : size_;
    data_ = static_cast<char*>(data_) + offset;
    size_ -= offset;
    return *this;
  }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

/// @name Offsetting
//@{
/// The buffer `b` advanced by `n` bytes, clamped like operator+=.
inline mutable_buffer operator+(const mutable_buffer& b, std::size_t n) noexcept {
  mutable_buffer result = b;
  result += n;
  return result;
}

inline mutable_buffer operator+(std::size_t n, const mutable_buffer& b) noexcept {
  return b + n;
}
//@}

}  // namespace ringport
