// Asio's deprecated buffer names: mutable_buffers_1 / const_buffers_1 (a single buffer that is
// also a sequence of one, the type buffer() returned before Asio 1.11) and buffer_cast<T>(b).
// Included by ringport/buffer.hpp unless deprecated names are switched off.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/mutable_buffer.hpp"

#include <cstddef>

namespace ringport {

class mutable_buffers_1 : public mutable_buffer {
 public:
  using value_type = mutable_buffer;
  using const_iterator = const mutable_buffer*;

  mutable_buffers_1(void* data, std::size_t size) noexcept : mutable_buffer(data, size) {}
  // Implicit (Asio's is explicit) so that `mutable_buffers_1 b = buffer(x);`, which compiled
  // when buffer() returned this type, still does.
  mutable_buffers_1(const mutable_buffer& b) noexcept : mutable_buffer(b) {}

  const_iterator begin() const noexcept { return this; }
  const_iterator end() const noexcept { return begin() + 1; }
};

class const_buffers_1 : public const_buffer {
 public:
  using value_type = const_buffer;
  using const_iterator = const const_buffer*;

  const_buffers_1(const void* data, std::size_t size) noexcept : const_buffer(data, size) {}
  const_buffers_1(const const_buffer& b) noexcept : const_buffer(b) {}

  const_iterator begin() const noexcept { return this; }
  const_iterator end() const noexcept { return begin() + 1; }
};

// The buffer's start as a pointer type of the caller's choice.
template <typename PointerToPodType>
inline PointerToPodType buffer_cast(const mutable_buffer& b) noexcept {
  return static_cast<PointerToPodType>(b.data());
}
template <typename PointerToPodType>
inline PointerToPodType buffer_cast(const const_buffer& b) noexcept {
  return static_cast<PointerToPodType>(b.data());
}

}  // namespace ringport
