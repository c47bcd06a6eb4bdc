// buffers_iterator: a random-access iterator over the bytes of a buffer sequence, as if the
// buffers were one contiguous range (Asio 1.22). read_until searches through it.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/mutable_buffer.hpp"

#include <cstddef>
#include <iterator>
#include <type_traits>
#include <utility>

namespace ringport {

/// A random-access iterator over the bytes of a buffer sequence, as if the buffers were one
/// contiguous range (Asio's buffers_iterator). read_until searches through it.
template <typename BufferSequence, typename ByteType = char>
class buffers_iterator {
  using sequence_iterator =
      decltype(ringport::buffer_sequence_begin(std::declval<const BufferSequence&>()));
  // Bytes of mutable buffers may be written through the iterator; others are read-only.
  static constexpr bool is_mutable =
      std::is_convertible_v<std::iter_value_t<sequence_iterator>, mutable_buffer>;
  using buffer_type = std::conditional_t<is_mutable, mutable_buffer, const_buffer>;
  using byte_type = std::conditional_t<is_mutable, ByteType, const ByteType>;

 public:
  /// @name Iterator types
  //@{
  /// The iterator's types; a byte is writable through the iterator when the sequence holds
  /// mutable buffers.
  using difference_type = std::ptrdiff_t;
  using value_type = ByteType;
  using pointer = byte_type*;
  using reference = byte_type&;
  using iterator_category = std::random_access_iterator_tag;

  //@}
  buffers_iterator() = default;

  /// @name Positions in a sequence
  //@{
  /// The iterator at the first byte of `buffers`, and the one past the last byte.
  static buffers_iterator begin(const BufferSequence& buffers) {
    buffers_iterator it;
    it.begin_ = ringport::buffer_sequence_begin(buffers);
    it.element_ = it.begin_;
    it.end_ = ringport::buffer_sequence_end(buffers);
    it.skip_empty_forward();
    return it;
  }

  static buffers_iterator end(const BufferSequence& buffers) {
    buffers_iterator it;
    it.begin_ = ringport::buffer_sequence_begin(buffers);
    it.element_ = it.begin_;
    it.end_ = ringport::buffer_sequence_end(buffers);
    for (; it.element_ != it.end_; ++it.element_)
      it.position_ += buffer_type(*it.element_).size();
    return it;
  }

  //@}
  /// @name Access
  //@{
  /// The byte at the iterator, and the byte `n` places away.
  reference operator*() const { return static_cast<pointer>(current_.data())[offset_]; }
  pointer operator->() const { return &**this; }
  reference operator[](difference_type n) const { return *(*this + n); }

  //@}
  /// @name Random-access arithmetic
  //@{
  /// Moves by one byte or by `n`, and the distance between two iterators.
  buffers_iterator& operator++() {
    ++position_;
    if (++offset_ == current_.size()) {
      ++element_;
      offset_ = 0;
      skip_empty_forward();
    }
    return *this;
  }
  buffers_iterator operator++(int) {
    buffers_iterator tmp = *this;
    ++*this;
    return tmp;
  }
  buffers_iterator& operator--() {
    --position_;
    if (offset_ > 0) {
      --offset_;
    } else {
      step_back_to_previous_non_empty();
      offset_ = current_.size() - 1;
    }
    return *this;
  }
  buffers_iterator operator--(int) {
    buffers_iterator tmp = *this;
    --*this;
    return tmp;
  }

  buffers_iterator& operator+=(difference_type n) {
    if (n >= 0) {
      advance_forward(static_cast<std::size_t>(n));
    } else {
      advance_backward(static_cast<std::size_t>(-n));
    }
    return *this;
  }
  buffers_iterator& operator-=(difference_type n) { return *this += -n; }

  friend buffers_iterator operator+(buffers_iterator it, difference_type n) { return it += n; }
  friend buffers_iterator operator+(difference_type n, buffers_iterator it) { return it += n; }
  friend buffers_iterator operator-(buffers_iterator it, difference_type n) { return it -= n; }
  friend difference_type operator-(const buffers_iterator& a, const buffers_iterator& b) {
    return static_cast<difference_type>(a.position_) - static_cast<difference_type>(b.position_);
  }

  //@}
  /// @name Comparison
  //@{
  /// Iterators over the same sequence are ordered by their byte position alone.
  friend bool operator==(const buffers_iterator& a, const buffers_iterator& b) {
    return a.position_ == b.position_;
  }
  friend auto operator<=>(const buffers_iterator& a, const buffers_iterator& b) {
    return a.position_ <=> b.position_;
  }

  //@}
 private:
  // Leaves current_ on the first non-empty buffer at or after it, or at the end.
  void skip_empty_forward() {
    for (; element_ != end_; ++element_) {
      current_ = buffer_type(*element_);
      if (current_.size() > 0) return;
    }
    current_ = buffer_type();
  }

  // Callers guarantee a non-empty buffer exists before the current one.
  void step_back_to_previous_non_empty() {
    auto it = element_;
    while (it != begin_) {
      --it;
      const buffer_type b(*it);
      if (b.size() > 0) {
        element_ = it;
        current_ = b;
        return;
      }
    }
  }

  void advance_forward(std::size_t n) {
    while (n > 0 && element_ != end_) {
      const std::size_t left = current_.size() - offset_;
      if (n < left) {
        offset_ += n;
        position_ += n;
        return;
      }
      n -= left;
      position_ += left;
      ++element_;
      offset_ = 0;
      skip_empty_forward();
    }
  }

  void advance_backward(std::size_t n) {
    while (n > 0) {
      if (n <= offset_) {
        offset_ -= n;
        position_ -= n;
        return;
      }
      n -= offset_;
      position_ -= offset_;
      offset_ = 0;
      if (element_ == begin_) return;  // already at the first byte: going further is UB
      const auto before = element_;
      step_back_to_previous_non_empty();
      if (element_ == before) return;
      offset_ = current_.size();
    }
  }

  sequence_iterator begin_{};
  sequence_iterator element_{};
  sequence_iterator end_{};
  buffer_type current_{};     // the buffer element_ points at; empty at the end
  std::size_t offset_ = 0;    // into current_
  std::size_t position_ = 0;  // from the first byte of the sequence
};

/// @name Iterating over the bytes of a buffer sequence
//@{
/// buffers_iterator<BufferSequence>::begin(buffers) and end(buffers): the iterators over the
/// bytes of `buffers`.
template <typename BufferSequence>
buffers_iterator<BufferSequence> buffers_begin(const BufferSequence& buffers) {
  return buffers_iterator<BufferSequence>::begin(buffers);
}

template <typename BufferSequence>
buffers_iterator<BufferSequence> buffers_end(const BufferSequence& buffers) {
  return buffers_iterator<BufferSequence>::end(buffers);
}
//@}

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/buffer.hpp"
