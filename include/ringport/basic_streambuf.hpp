// basic_streambuf: a std::streambuf whose memory is also a v1 dynamic buffer (Asio 1.22), so
// the same bytes can be filled by read/read_until and taken apart with std::istream, or
// written with std::ostream and sent with write.
//
// The character array holds, in order: consumed space, the input sequence (get area:
// gptr()..pptr(), what data() returns) and the output sequence (put area: pptr()..epptr(),
// what prepare() returns). commit() moves bytes from the output to the input sequence;
// consume() and istream extraction drop bytes from the front. When more room is needed the
// input sequence is first moved to the front of the array, then the array grows, never past
// max_size() (std::length_error from prepare(); an ostream sees a failed write).
//
// basic_streambuf_ref is the copyable v1 dynamic buffer that refers to a basic_streambuf; the
// streambuf overloads of read/write/read_until hand it to the dynamic buffer overloads.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/mutable_buffer.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <limits>
#include <memory>
#include <stdexcept>
#include <streambuf>
#include <type_traits>
#include <vector>

namespace ringport {

/// A std::streambuf that is also a dynamic buffer (Asio's basic_streambuf): bytes written to
/// it (prepare(), then commit(), or an ostream) form the input sequence, which data() shows
/// and consume() drops; istream reads take from it too. It grows up to max_size() bytes.
template <typename Allocator = std::allocator<char>>
class basic_streambuf : public std::streambuf {
 public:
  /// @name Buffer types
  //@{
  /// The input sequence is one const_buffer, the output sequence one mutable_buffer.
  using const_buffers_type = const_buffer;
  using mutable_buffers_type = mutable_buffer;

  //@}
  /// @name Construction
  //@{
  /// An empty streambuf that may grow to `maximum_size` bytes; it is not copyable.
  explicit basic_streambuf(std::size_t maximum_size = (std::numeric_limits<std::size_t>::max)(),
                           const Allocator& allocator = Allocator())
      : max_size_(maximum_size), buffer_(allocator) {
    const std::size_t initial = (std::min)(max_size_, growth_step);
    buffer_.resize((std::max)(initial, std::size_t(1)));
    char* base = buffer_.data();
    setg(base, base, base);
    setp(base, base + initial);
  }

  basic_streambuf(const basic_streambuf&) = delete;
  basic_streambuf& operator=(const basic_streambuf&) = delete;

  //@}
  /// @name Sizes
  //@{
  /// The input sequence: bytes committed and not yet consumed.
  std::size_t size() const noexcept { return static_cast<std::size_t>(pptr() - gptr()); }
  std::size_t max_size() const noexcept { return max_size_; }
  std::size_t capacity() const noexcept { return buffer_.capacity(); }

  //@}
  /// The input sequence as a buffer; prepare() invalidates it.
  const_buffers_type data() const noexcept {
    return const_buffers_type(gptr(), static_cast<std::size_t>(pptr() - gptr()));
  }

  /// An output sequence of exactly n bytes; earlier buffers from data()/prepare() are invalid.
  mutable_buffers_type prepare(std::size_t n) {
    reserve(n);
    return mutable_buffers_type(pptr(), n);
  }

  /// Moves n bytes (at most the output sequence) to the end of the input sequence.
  void commit(std::size_t n) {
    n = (std::min)(n, static_cast<std::size_t>(epptr() - pptr()));
    char* new_end = pptr() + n;
    setp(new_end, epptr());
    setg(eback(), gptr(), new_end);
  }

  /// Drops n bytes (at most the input sequence) from the front of the input sequence.
  void consume(std::size_t n) {
    if (egptr() < pptr()) setg(buffer_.data(), gptr(), pptr());
    n = (std::min)(n, static_cast<std::size_t>(pptr() - gptr()));
    setg(eback(), gptr() + n, egptr());
  }

 protected:
  /// How many bytes the array grows by when an ostream writes past its end.
  static constexpr std::size_t growth_step = 128;

  /// istream: the get area ends where the committed bytes end; nothing more without a read.
  int_type underflow() override {
    if (gptr() < pptr()) {
      setg(buffer_.data(), gptr(), pptr());
      return traits_type::to_int_type(*gptr());
    }
    return traits_type::eof();
  }

  /// ostream: appends c, committed at once; grows the array in steps, up to max_size().
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    if (pptr() == epptr()) {
      const std::size_t used = size();
      const std::size_t step = (used < max_size_ && max_size_ - used < growth_step)
                                   ? max_size_ - used
                                   : std::size_t(growth_step);
      try {
        reserve(step);
      } catch (const std::length_error&) {
        return traits_type::eof();
      }
    }
    *pptr() = traits_type::to_char_type(c);
    setp(pptr() + 1, epptr());
    return c;
  }

  /// Makes the output sequence at least n bytes long.
  void reserve(std::size_t n) {
    std::size_t gnext = static_cast<std::size_t>(gptr() - buffer_.data());
    std::size_t pnext = static_cast<std::size_t>(pptr() - buffer_.data());
    std::size_t pend = static_cast<std::size_t>(epptr() - buffer_.data());
    if (n <= pend - pnext) return;
    // Move the input sequence to the front.
    if (gnext > 0) {
      pnext -= gnext;
      std::memmove(buffer_.data(), buffer_.data() + gnext, pnext);
    }
    if (n > pend - pnext) {
      if (n > max_size_ || pnext > max_size_ - n) throw std::length_error("streambuf too long");
      pend = pnext + n;
      buffer_.resize((std::max)(pend, std::size_t(1)));
    }
    char* base = buffer_.data();
    setg(base, base, base + pnext);
    setp(base + pnext, base + pend);
  }

 private:
  std::size_t max_size_;
  std::vector<char, Allocator> buffer_;
};

/// basic_streambuf with the default allocator.
using streambuf = basic_streambuf<>;

/// A v1 dynamic buffer that refers to a basic_streambuf (which must outlive it).
template <typename Allocator = std::allocator<char>>
class basic_streambuf_ref {
 public:
  /// @name Buffer types
  //@{
  /// The streambuf's buffer types.
  using const_buffers_type = typename basic_streambuf<Allocator>::const_buffers_type;
  using mutable_buffers_type = typename basic_streambuf<Allocator>::mutable_buffers_type;

  //@}
  /// Refers to `sb`.
  explicit basic_streambuf_ref(basic_streambuf<Allocator>& sb) noexcept : sb_(&sb) {}

  /// @name Dynamic buffer members
  //@{
  /// The streambuf's members of the same names.
  std::size_t size() const noexcept { return sb_->size(); }
  std::size_t max_size() const noexcept { return sb_->max_size(); }
  std::size_t capacity() const noexcept { return sb_->capacity(); }
  const_buffers_type data() const noexcept { return sb_->data(); }
  mutable_buffers_type prepare(std::size_t n) { return sb_->prepare(n); }
  void commit(std::size_t n) { sb_->commit(n); }
  void consume(std::size_t n) { sb_->consume(n); }

  //@}
 private:
  basic_streambuf<Allocator>* sb_;
};

namespace detail {

template <typename T>
struct is_basic_streambuf : std::false_type {};
template <typename Allocator>
struct is_basic_streambuf<basic_streambuf<Allocator>> : std::true_type {};

}  // namespace detail

}  // namespace ringport

// What Asio's header of this name also brings, which code written for Asio relies on.
#include "ringport/buffer.hpp"
