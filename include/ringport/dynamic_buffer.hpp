// Dynamic buffers over std::basic_string and std::vector (Asio 1.22): dynamic_string_buffer,
// dynamic_vector_buffer and the dynamic_buffer() functions that make them.
//
// One class serves both dynamic buffer models, as in Asio:
// - v1 (prepare/commit/consume/data()): the buffer keeps its own count of readable bytes;
//   prepare() grows the container by the writable area, commit() keeps what was written and
//   cuts the rest off. A buffer that was never prepared reads the whole container.
// - v2 (grow/shrink/consume/data(pos, n)): the container's size is the readable size.
// Sizes count elements (which are meant to be bytes, as in Asio). Growing past max_size()
// throws std::length_error. RINGPORT_NO_DYNAMIC_BUFFER_V1 (Asio's ASIO_NO_DYNAMIC_BUFFER_V1)
// removes the v1 members.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/mutable_buffer.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace ringport {

namespace detail {

// The shared implementation: Container is std::basic_string or std::vector of byte-sized
// elements.
template <typename Container>
class dynamic_container_buffer {
  static constexpr std::size_t unset = (std::numeric_limits<std::size_t>::max)();

 public:
  using const_buffers_type = const_buffer;
  using mutable_buffers_type = mutable_buffer;

  explicit dynamic_container_buffer(
      Container& c, std::size_t maximum_size = (std::numeric_limits<std::size_t>::max)()) noexcept
      : container_(&c), max_size_(maximum_size) {}

  // Readable bytes: v1's own count once prepare() was used, else the container's size (never
  // more than max_size()).
  std::size_t size() const noexcept {
#if !defined(RINGPORT_NO_DYNAMIC_BUFFER_V1)
    if (size_ != unset) return size_;
#endif
    return (std::min)(container_->size(), max_size());
  }

  std::size_t max_size() const noexcept {
    return max_size_;
  }

  std::size_t capacity() const noexcept {
    return (std::min)(container_->capacity(), max_size());
  }

#if !defined(RINGPORT_NO_DYNAMIC_BUFFER_V1)
  // v1: the readable bytes.
  const_buffers_type data() const noexcept {
    return const_buffers_type(bytes(), size());
  }

  // v1: a writable area of exactly n bytes after the readable ones.
  mutable_buffers_type prepare(std::size_t n) {
    check_growth(n);
    if (size_ == unset) size_ = (std::min)(container_->size(), max_size());
    container_->resize(size_ + n);
    return mutable_buffers_type(bytes() + size_, n);
  }

  // v1: moves n bytes (at most what was prepared) from the writable area to the readable one
  // and drops the rest of the writable area.
  void commit(std::size_t n) {
    if (size_ == unset) size_ = (std::min)(container_->size(), max_size());
    size_ += (std::min)(n, container_->size() - size_);
    container_->resize(size_);
  }
#endif

  // v2: n bytes from pos, clipped to the container.
  mutable_buffers_type data(std::size_t pos, std::size_t n) noexcept {
    return mutable_buffers_type(clip(pos, n));
  }
  const_buffers_type data(std::size_t pos, std::size_t n) const noexcept {
    return const_buffers_type(clip(pos, n));
  }

  // v2: n more bytes at the end (uninitialised as far as the caller cares).
  void grow(std::size_t n) {
    check_growth(n);
    container_->resize(size() + n);
  }

  // v2: drops n bytes from the end (everything if n is larger than the size).
  void shrink(std::size_t n) {
    const std::size_t s = size();
    container_->resize(n > s ? 0 : s - n);
  }

  // Both: drops n bytes from the front (everything if n is larger than the size).
  void consume(std::size_t n) {
#if !defined(RINGPORT_NO_DYNAMIC_BUFFER_V1)
    if (size_ != unset) {
      const std::size_t k = (std::min)(n, size_);
      container_->erase(container_->begin(), container_->begin() + k);
      size_ -= k;
      return;
    }
#endif
    const std::size_t k = (std::min)(n, container_->size());
    container_->erase(container_->begin(), container_->begin() + k);
  }

 private:
  void check_growth(std::size_t n) const {
    const std::size_t s = size();
    if (s > max_size() || max_size() - s < n) throw std::length_error("dynamic buffer too long");
  }

  char* bytes() const noexcept {
    return container_->empty() ? nullptr : reinterpret_cast<char*>(container_->data());
  }

  mutable_buffer clip(std::size_t pos, std::size_t n) const noexcept {
    const std::size_t limit = (std::min)(container_->size(), max_size());
    if (pos >= limit) return mutable_buffer();
    return mutable_buffer(bytes() + pos, (std::min)(n, limit - pos));
  }

  Container* container_;
#if !defined(RINGPORT_NO_DYNAMIC_BUFFER_V1)
  std::size_t size_ = unset;
#endif
  std::size_t max_size_;
};

}  // namespace detail

/// A dynamic buffer over a std::basic_string the caller owns (Asio's dynamic_string_buffer);
/// dynamic_buffer() makes one.
template <typename Elem, typename Traits, typename Allocator>
class dynamic_string_buffer
    : public detail::dynamic_container_buffer<std::basic_string<Elem, Traits, Allocator>> {
  using base = detail::dynamic_container_buffer<std::basic_string<Elem, Traits, Allocator>>;

 public:
  using base::base;
};

/// A dynamic buffer over a std::vector the caller owns (Asio's dynamic_vector_buffer);
/// dynamic_buffer() makes one.
template <typename Elem, typename Allocator>
class dynamic_vector_buffer
    : public detail::dynamic_container_buffer<std::vector<Elem, Allocator>> {
  using base = detail::dynamic_container_buffer<std::vector<Elem, Allocator>>;

 public:
  using base::base;
};

/// @name Making dynamic buffers
//@{
/// A dynamic buffer (both v1 and v2) over the string or vector `data`, which must outlive it;
/// `max_size` caps its size (no cap by default), and growing past it throws
/// std::length_error.
template <typename Elem, typename Traits, typename Allocator>
dynamic_string_buffer<Elem, Traits, Allocator> dynamic_buffer(
    std::basic_string<Elem, Traits, Allocator>& data) noexcept {
  return dynamic_string_buffer<Elem, Traits, Allocator>(data);
}

template <typename Elem, typename Traits, typename Allocator>
dynamic_string_buffer<Elem, Traits, Allocator> dynamic_buffer(
    std::basic_string<Elem, Traits, Allocator>& data, std::size_t max_size) noexcept {
  return dynamic_string_buffer<Elem, Traits, Allocator>(data, max_size);
}

template <typename Elem, typename Allocator>
dynamic_vector_buffer<Elem, Allocator> dynamic_buffer(std::vector<Elem, Allocator>& data) noexcept {
  return dynamic_vector_buffer<Elem, Allocator>(data);
}

template <typename Elem, typename Allocator>
dynamic_vector_buffer<Elem, Allocator> dynamic_buffer(std::vector<Elem, Allocator>& data,
                                                      std::size_t max_size) noexcept {
  return dynamic_vector_buffer<Elem, Allocator>(data, max_size);
}
//@}

}  // namespace ringport
