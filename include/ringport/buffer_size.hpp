// buffer_size: the total byte count of a buffer or a buffer sequence (Asio 1.22).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/const_buffer.hpp"

#include <cstddef>

namespace ringport {

/// The total byte count of a buffer or a buffer sequence.
template <typename BufferSequence>
requires is_const_buffer_sequence<BufferSequence>::value std::size_t buffer_size(
    const BufferSequence& buffers)
noexcept {
  std::size_t total = 0;
  auto end = ringport::buffer_sequence_end(buffers);
  for (auto it = ringport::buffer_sequence_begin(buffers); it != end; ++it) {
    total += const_buffer(*it).size();
  }
  return total;
}

}  // namespace ringport
