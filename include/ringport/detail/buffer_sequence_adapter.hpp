// buffer_sequence_adapter: turns a buffer or buffer sequence into the fixed-size array of
// native scatter/gather entries (iovec / WSABUF) that one kernel request takes.
#pragma once

#include "ringport/buffer_sequence.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/detail/native_buffer.hpp"
#include "ringport/mutable_buffer.hpp"

#include <cstddef>
#include <type_traits>

namespace ringport::detail {

// Entries per kernel request. Linux allows IOV_MAX (1024) and Windows has no fixed limit,
// but 64 keeps the array small enough to embed in every op, as Asio does; the composed
// operations pass the rest of a longer sequence in later steps.
inline constexpr std::size_t max_native_buffers = 64;

// Buffer is mutable_buffer (receives) or const_buffer (sends).
template <typename Buffer, typename Buffers>
class buffer_sequence_adapter {
  static_assert(std::is_same_v<Buffer, mutable_buffer> || std::is_same_v<Buffer, const_buffer>);

  // A single buffer needs one entry and no loop; a branch on this constant replaces the
  // per-type specializations Asio uses, and the array shrinks to fit.
  static constexpr bool is_single_buffer = single_buffer<Buffers>;

 public:
  static constexpr std::size_t max_buffers = is_single_buffer ? 1 : max_native_buffers;

  explicit buffer_sequence_adapter(const Buffers& buffers) noexcept {
    if constexpr (is_single_buffer) {
      const Buffer b(*ringport::buffer_sequence_begin(buffers));
      init_native_buffer(buffers_[0], b.data(), b.size());
      count_ = 1;
      total_size_ = b.size();
    } else {
      auto it = ringport::buffer_sequence_begin(buffers);
      auto end = ringport::buffer_sequence_end(buffers);
      // Empty entries are kept, as in Asio: they are harmless to the kernel and keep
      // count() equal to the number of buffers the caller passed (up to the cap).
      for (; it != end && count_ < max_buffers; ++it, ++count_) {
        const Buffer b(*it);
        init_native_buffer(buffers_[count_], b.data(), b.size());
        total_size_ += b.size();
      }
      truncated_ = it != end;
    }
  }

  buffer_sequence_adapter(const buffer_sequence_adapter&) = delete;
  buffer_sequence_adapter& operator=(const buffer_sequence_adapter&) = delete;

  // SAFETY: the entries point into the caller's memory; the caller keeps it alive until
  // the kernel request that uses them has completed.
  native_buffer* buffers() noexcept { return buffers_; }
  const native_buffer* buffers() const noexcept { return buffers_; }
  std::size_t count() const noexcept { return count_; }

  // Bytes covered by the entries (only the first max_buffers buffers when truncated).
  std::size_t total_size() const noexcept { return total_size_; }

  // A zero-byte request completes at once on most kernels; callers use this to complete a
  // zero-length transfer without a system call, as Asio does for streams.
  bool all_empty() const noexcept { return total_size_ == 0; }

  // True when the sequence held more than max_buffers buffers and the rest were left out
  // of this request. A partial transfer is legal for streams; datagram sends must check.
  bool truncated() const noexcept { return truncated_; }

  // Checks the same first max_buffers buffers without building the array.
  static bool all_empty(const Buffers& buffers) noexcept {
    auto it = ringport::buffer_sequence_begin(buffers);
    auto end = ringport::buffer_sequence_end(buffers);
    for (std::size_t i = 0; it != end && i < max_buffers; ++it, ++i) {
      if (Buffer(*it).size() != 0) return false;
    }
    return true;
  }

  // The first non-empty buffer (or an empty one): for operations that take one buffer,
  // such as a plain recv or a zero-copy send.
  static Buffer first(const Buffers& buffers) noexcept {
    auto it = ringport::buffer_sequence_begin(buffers);
    auto end = ringport::buffer_sequence_end(buffers);
    for (; it != end; ++it) {
      const Buffer b(*it);
      if (b.size() != 0) return b;
    }
    return Buffer();
  }

 private:
  native_buffer buffers_[max_buffers];
  std::size_t count_ = 0;
  std::size_t total_size_ = 0;
  bool truncated_ = false;
};

}  // namespace ringport::detail
