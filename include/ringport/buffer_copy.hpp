// buffer_copy: copies bytes from a const buffer sequence into a mutable one, crossing buffer
// boundaries independently on each side (Asio 1.22).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/mutable_buffer.hpp"

#include <cstddef>
#include <cstring>
#include <limits>

namespace ringport {

namespace detail {

template <typename MutableBufferSequence, typename ConstBufferSequence>
std::size_t buffer_copy_sequences(const MutableBufferSequence& target,
                                  const ConstBufferSequence& source,
                                  std::size_t max_size) noexcept {
  auto target_it = ringport::buffer_sequence_begin(target);
  auto target_end = ringport::buffer_sequence_end(target);
  auto source_it = ringport::buffer_sequence_begin(source);
  auto source_end = ringport::buffer_sequence_end(source);
  // Offsets into the current element on each side: the two sides' boundaries rarely line
  // up, so each advances on its own.
  std::size_t target_offset = 0;
  std::size_t source_offset = 0;
  std::size_t copied = 0;
  while (target_it != target_end && source_it != source_end && copied < max_size) {
    const mutable_buffer to = mutable_buffer(*target_it) + target_offset;
    const const_buffer from = const_buffer(*source_it) + source_offset;
    std::size_t n = to.size() < from.size() ? to.size() : from.size();
    if (n > max_size - copied) n = max_size - copied;
    // memcpy with a null pointer is undefined even for zero bytes; empty buffers may be null.
    if (n > 0) std::memcpy(to.data(), from.data(), n);
    copied += n;
    // An exhausted (or empty) element moves its side on; a partial one keeps its offset.
    if (n == to.size()) {
      ++target_it;
      target_offset = 0;
    } else {
      target_offset += n;
    }
    if (n == from.size()) {
      ++source_it;
      source_offset = 0;
    } else {
      source_offset += n;
    }
  }
  return copied;
}

}  // namespace detail

/// Copies min(buffer_size(target), buffer_size(source)) bytes; returns the count. The regions
/// must not overlap (as in Asio, the copy is a memcpy).
template <typename MutableBufferSequence, typename ConstBufferSequence>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value &&
    is_const_buffer_sequence<ConstBufferSequence>::value std::size_t
    buffer_copy(const MutableBufferSequence& target, const ConstBufferSequence& source)
noexcept {
  return detail::buffer_copy_sequences(target, source, std::numeric_limits<std::size_t>::max());
}

/// As above, but copies at most max_bytes_to_copy bytes.
template <typename MutableBufferSequence, typename ConstBufferSequence>
requires is_mutable_buffer_sequence<MutableBufferSequence>::value &&
    is_const_buffer_sequence<ConstBufferSequence>::value std::size_t
    buffer_copy(const MutableBufferSequence& target, const ConstBufferSequence& source,
                std::size_t max_bytes_to_copy)
noexcept {
  return detail::buffer_copy_sequences(target, source, max_bytes_to_copy);
}

}  // namespace ringport
