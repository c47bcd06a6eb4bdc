// consuming_buffers: walks a buffer sequence across the partial transfers of a composed
// read or write. prepare(n) gives the next window of at most n bytes; consume(n) moves past
// the n bytes the kernel reported. A single buffer is walked by offset alone and its window
// is one buffer, so the step's operation holds one iovec instead of a 64-entry window.
#pragma once

#include "ringport/buffer_sequence.hpp"
#include "ringport/buffer_size.hpp"
#include "ringport/detail/buffer_sequence_adapter.hpp"
#include "ringport/detail/prepared_buffers.hpp"

#include <cstddef>
#include <iterator>
#include <type_traits>

namespace ringport::detail {

template <typename Buffer, typename Buffers>
class consuming_buffers {
 public:
  static constexpr bool is_single = single_buffer<Buffers>;

  // One window fits one kernel request.
  using prepared_type =
      std::conditional_t<is_single, Buffer, prepared_buffers<Buffer, max_native_buffers>>;

  // Holds a copy of the sequence: an asynchronous operation outlives the caller's sequence
  // object (often a temporary); only the memory it points to must outlive the operation.
  explicit consuming_buffers(const Buffers& buffers)
      : buffers_(buffers), total_size_(ringport::buffer_size(buffers)) {}

  // True once every byte has been consumed (at once for an empty sequence).
  bool empty() const noexcept { return total_consumed_ >= total_size_; }

  std::size_t total_consumed() const noexcept { return total_consumed_; }

  // The next unconsumed bytes, at most max_size of them, skipping empty elements. Does not
  // advance: the step may transfer fewer bytes than offered.
  prepared_type prepare(std::size_t max_size) const noexcept {
    if constexpr (is_single) {
      const Buffer b = Buffer(buffers_) + total_consumed_;
      return b.size() > max_size ? Buffer(b.data(), max_size) : b;
    } else {
      return prepare_window(max_size);
    }
  }

  void consume(std::size_t size) noexcept {
    total_consumed_ += size;
    if constexpr (!is_single) advance(size);
  }

 private:
  prepared_type prepare_window(std::size_t max_size) const noexcept {
    prepared_type result;
    auto it = current();
    auto end = ringport::buffer_sequence_end(buffers_);
    std::size_t offset = next_elem_offset_;
    for (; it != end && max_size > 0 && !result.full(); ++it) {
      Buffer b = Buffer(*it) + offset;
      offset = 0;
      if (b.size() > max_size) b = Buffer(b.data(), max_size);
      if (b.size() == 0) continue;
      result.push_back(b);
      max_size -= b.size();
    }
    return result;
  }

  void advance(std::size_t size) noexcept {
    auto it = current();
    auto end = ringport::buffer_sequence_end(buffers_);
    while (it != end && size > 0) {
      const std::size_t left = (Buffer(*it) + next_elem_offset_).size();
      if (size < left) {
        next_elem_offset_ += size;
        return;
      }
      size -= left;
      next_elem_offset_ = 0;
      ++next_elem_;
      ++it;
    }
  }

  // Positions are an index, not an iterator: a moved-from std::array (or a moved op)
  // would leave an iterator pointing into the old object.
  auto current() const noexcept {
    auto it = ringport::buffer_sequence_begin(buffers_);
    std::advance(it, next_elem_);
    return it;
  }

  Buffers buffers_;
  std::size_t total_size_;
  std::size_t total_consumed_ = 0;
  std::size_t next_elem_ = 0;
  std::size_t next_elem_offset_ = 0;
};

}  // namespace ringport::detail
