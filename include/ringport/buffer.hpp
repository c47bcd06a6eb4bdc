// buffer(): makes a const_buffer or mutable_buffer from raw memory, arrays, vectors, strings
// and string views, with an optional cap in bytes (Asio 1.22). Including this header also
// brings in everything else Asio's <asio/buffer.hpp> declares that ringport has so far,
// dynamic_buffer() included.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/buffer_copy.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/buffer_size.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/mutable_buffer.hpp"
#if defined(RINGPORT_HAS_DEPRECATED)
#include "ringport/detail/buffer_deprecated.hpp"
#endif

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ringport {

namespace detail {

constexpr std::size_t clamp_buffer_size(std::size_t size, std::size_t max_size) noexcept {
  return size < max_size ? size : max_size;
}

}  // namespace detail

/// @name buffer() of existing buffers
//@{
/// Existing buffers, optionally shortened.
///
/// In every buffer() overload, `max_size_in_bytes` caps the size of the buffer made: it is the
/// smaller of the source's size and the cap.
inline mutable_buffer buffer(const mutable_buffer& b) noexcept {
  return b;
}
inline mutable_buffer buffer(const mutable_buffer& b, std::size_t max_size_in_bytes) noexcept {
  return mutable_buffer(b.data(), detail::clamp_buffer_size(b.size(), max_size_in_bytes));
}
inline const_buffer buffer(const const_buffer& b) noexcept {
  return b;
}
inline const_buffer buffer(const const_buffer& b, std::size_t max_size_in_bytes) noexcept {
  return const_buffer(b.data(), detail::clamp_buffer_size(b.size(), max_size_in_bytes));
}
//@}

/// @name buffer() of raw memory
//@{
/// Raw memory.
inline mutable_buffer buffer(void* data, std::size_t size_in_bytes) noexcept {
  return mutable_buffer(data, size_in_bytes);
}
inline const_buffer buffer(const void* data, std::size_t size_in_bytes) noexcept {
  return const_buffer(data, size_in_bytes);
}
//@}

/// @name buffer() of C arrays
//@{
/// C arrays: the whole array, in bytes.
template <typename PodType, std::size_t N>
mutable_buffer buffer(PodType (&data)[N]) noexcept {
  return mutable_buffer(data, N * sizeof(PodType));
}
template <typename PodType, std::size_t N>
mutable_buffer buffer(PodType (&data)[N], std::size_t max_size_in_bytes) noexcept {
  return mutable_buffer(data, detail::clamp_buffer_size(N * sizeof(PodType), max_size_in_bytes));
}
template <typename PodType, std::size_t N>
const_buffer buffer(const PodType (&data)[N]) noexcept {
  return const_buffer(data, N * sizeof(PodType));
}
template <typename PodType, std::size_t N>
const_buffer buffer(const PodType (&data)[N], std::size_t max_size_in_bytes) noexcept {
  return const_buffer(data, detail::clamp_buffer_size(N * sizeof(PodType), max_size_in_bytes));
}
//@}

/// @name buffer() of std::array
//@{
/// std::array: writable unless the array or its element type is const.
template <typename PodType, std::size_t N>
mutable_buffer buffer(std::array<PodType, N>& data) noexcept {
  return mutable_buffer(data.data(), N * sizeof(PodType));
}
template <typename PodType, std::size_t N>
mutable_buffer buffer(std::array<PodType, N>& data, std::size_t max_size_in_bytes) noexcept {
  return mutable_buffer(data.data(),
                        detail::clamp_buffer_size(N * sizeof(PodType), max_size_in_bytes));
}
template <typename PodType, std::size_t N>
const_buffer buffer(std::array<const PodType, N>& data) noexcept {
  return const_buffer(data.data(), N * sizeof(PodType));
}
template <typename PodType, std::size_t N>
const_buffer buffer(std::array<const PodType, N>& data, std::size_t max_size_in_bytes) noexcept {
  return const_buffer(data.data(),
                      detail::clamp_buffer_size(N * sizeof(PodType), max_size_in_bytes));
}
template <typename PodType, std::size_t N>
const_buffer buffer(const std::array<PodType, N>& data) noexcept {
  return const_buffer(data.data(), N * sizeof(PodType));
}
template <typename PodType, std::size_t N>
const_buffer buffer(const std::array<PodType, N>& data, std::size_t max_size_in_bytes) noexcept {
  return const_buffer(data.data(),
                      detail::clamp_buffer_size(N * sizeof(PodType), max_size_in_bytes));
}
//@}

/// @name buffer() of std::vector and std::basic_string
//@{
/// std::vector and std::basic_string: the current size (not the capacity). As in Asio an
/// empty container gives a null pointer, so nothing points into storage that may not exist.
template <typename PodType, typename Allocator>
mutable_buffer buffer(std::vector<PodType, Allocator>& data) noexcept {
  return mutable_buffer(data.empty() ? nullptr : data.data(), data.size() * sizeof(PodType));
}
template <typename PodType, typename Allocator>
mutable_buffer buffer(std::vector<PodType, Allocator>& data,
                      std::size_t max_size_in_bytes) noexcept {
  return mutable_buffer(
      data.empty() ? nullptr : data.data(),
      detail::clamp_buffer_size(data.size() * sizeof(PodType), max_size_in_bytes));
}
template <typename PodType, typename Allocator>
const_buffer buffer(const std::vector<PodType, Allocator>& data) noexcept {
  return const_buffer(data.empty() ? nullptr : data.data(), data.size() * sizeof(PodType));
}
template <typename PodType, typename Allocator>
const_buffer buffer(const std::vector<PodType, Allocator>& data,
                    std::size_t max_size_in_bytes) noexcept {
  return const_buffer(data.empty() ? nullptr : data.data(),
                      detail::clamp_buffer_size(data.size() * sizeof(PodType), max_size_in_bytes));
}

template <typename Elem, typename Traits, typename Allocator>
mutable_buffer buffer(std::basic_string<Elem, Traits, Allocator>& data) noexcept {
  return mutable_buffer(data.empty() ? nullptr : data.data(), data.size() * sizeof(Elem));
}
template <typename Elem, typename Traits, typename Allocator>
mutable_buffer buffer(std::basic_string<Elem, Traits, Allocator>& data,
                      std::size_t max_size_in_bytes) noexcept {
  return mutable_buffer(data.empty() ? nullptr : data.data(),
                        detail::clamp_buffer_size(data.size() * sizeof(Elem), max_size_in_bytes));
}
template <typename Elem, typename Traits, typename Allocator>
const_buffer buffer(const std::basic_string<Elem, Traits, Allocator>& data) noexcept {
  return const_buffer(data.empty() ? nullptr : data.data(), data.size() * sizeof(Elem));
}
template <typename Elem, typename Traits, typename Allocator>
const_buffer buffer(const std::basic_string<Elem, Traits, Allocator>& data,
                    std::size_t max_size_in_bytes) noexcept {
  return const_buffer(data.empty() ? nullptr : data.data(),
                      detail::clamp_buffer_size(data.size() * sizeof(Elem), max_size_in_bytes));
}
//@}

/// @name buffer() of string views
//@{
/// A string view never owns writable memory, so it only makes a const buffer.
template <typename Elem, typename Traits>
const_buffer buffer(std::basic_string_view<Elem, Traits> data) noexcept {
  return const_buffer(data.empty() ? nullptr : data.data(), data.size() * sizeof(Elem));
}
template <typename Elem, typename Traits>
const_buffer buffer(std::basic_string_view<Elem, Traits> data,
                    std::size_t max_size_in_bytes) noexcept {
  return const_buffer(data.empty() ? nullptr : data.data(),
                      detail::clamp_buffer_size(data.size() * sizeof(Elem), max_size_in_bytes));
}
//@}

}  // namespace ringport

// Asio declares the dynamic buffers in <asio/buffer.hpp> too.
#include "ringport/dynamic_buffer.hpp"
