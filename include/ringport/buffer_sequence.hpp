// Buffer sequences: buffer_sequence_begin/end and the traits that recognise mutable and
// const buffer sequences and dynamic buffers (Asio 1.22).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/mutable_buffer.hpp"

#include <concepts>
#include <memory>
#include <type_traits>

namespace ringport {

namespace detail {

// A single buffer is a sequence of one. Asio tests convertibility of pointers, not of
// values, so types derived from a buffer count and types merely convertible to one do not.
template <typename T>
concept single_mutable_buffer = std::is_convertible_v<const T*, const mutable_buffer*>;

template <typename T>
concept single_const_buffer = std::is_convertible_v<const T*, const const_buffer*>;

template <typename T>
concept single_buffer = single_mutable_buffer<T> || single_const_buffer<T>;

}  // namespace detail

/// @name Beginning of a buffer sequence
//@{
/// The first buffer of a buffer sequence: a single mutable_buffer or const_buffer (or a type
/// derived from one) is a sequence of one, and the result points to it; for any other sequence it
/// is c.begin().
template <typename MutableBuffer>
requires detail::single_mutable_buffer<MutableBuffer>
const mutable_buffer* buffer_sequence_begin(const MutableBuffer& b) noexcept {
  return static_cast<const mutable_buffer*>(std::addressof(b));
}

template <typename ConstBuffer>
requires detail::single_const_buffer<ConstBuffer>
const const_buffer* buffer_sequence_begin(const ConstBuffer& b) noexcept {
  return static_cast<const const_buffer*>(std::addressof(b));
}

template <typename C>
requires(!detail::single_buffer<C>) auto buffer_sequence_begin(C& c) noexcept(noexcept(c.begin()))
    -> decltype(c.begin()) {
  return c.begin();
}

template <typename C>
requires(!detail::single_buffer<C>) auto buffer_sequence_begin(const C& c) noexcept(
    noexcept(c.begin())) -> decltype(c.begin()) {
  return c.begin();
}
//@}

/// @name End of a buffer sequence
//@{
/// The end of a buffer sequence: one past a single mutable_buffer or const_buffer (or a type
/// derived from one), else c.end().
template <typename MutableBuffer>
requires detail::single_mutable_buffer<MutableBuffer>
const mutable_buffer* buffer_sequence_end(const MutableBuffer& b) noexcept {
  return static_cast<const mutable_buffer*>(std::addressof(b)) + 1;
}

template <typename ConstBuffer>
requires detail::single_const_buffer<ConstBuffer>
const const_buffer* buffer_sequence_end(const ConstBuffer& b) noexcept {
  return static_cast<const const_buffer*>(std::addressof(b)) + 1;
}

template <typename C>
requires(!detail::single_buffer<C>) auto buffer_sequence_end(C& c) noexcept(noexcept(c.end()))
    -> decltype(c.end()) {
  return c.end();
}

template <typename C>
requires(!detail::single_buffer<C>) auto buffer_sequence_end(const C& c) noexcept(noexcept(c.end()))
    -> decltype(c.end()) {
  return c.end();
}
//@}

namespace detail {

// Asio's rule for a class that is a sequence: begin/end work and what the begin iterator
// points at converts to the buffer type. No member types are needed, so a class whose
// begin() and end() return `const const_buffer*` is a sequence.
template <typename T, typename Buffer>
concept buffer_sequence_class = std::is_class_v<T> && requires(T& t) {
  ringport::buffer_sequence_begin(t);
  ringport::buffer_sequence_end(t);
  { *ringport::buffer_sequence_begin(t) } -> std::convertible_to<Buffer>;
};

template <typename T>
concept dynamic_buffer_v1_class = requires(T& t) {
  typename T::const_buffers_type;
  typename T::mutable_buffers_type;
  t.size();
  t.max_size();
  t.capacity();
  t.data();
  t.consume(0);
  t.prepare(0);
  t.commit(0);
};

template <typename T>
concept dynamic_buffer_v2_class = requires(T& t) {
  typename T::const_buffers_type;
  typename T::mutable_buffers_type;
  t.size();
  t.max_size();
  t.capacity();
  t.data(0, 0);
  t.consume(0);
  t.grow(0);
  t.shrink(0);
};

}  // namespace detail

template <typename T>
struct is_mutable_buffer_sequence
    : std::bool_constant<detail::single_mutable_buffer<T> ||
                         detail::buffer_sequence_class<T, mutable_buffer>> {};

/// Mutable buffers and sequences of them are const buffer sequences too.
template <typename T>
struct is_const_buffer_sequence
    : std::bool_constant<detail::single_buffer<T> ||
                         detail::buffer_sequence_class<T, const_buffer>> {};

template <typename T>
struct is_dynamic_buffer_v1 : std::bool_constant<detail::dynamic_buffer_v1_class<T>> {};

template <typename T>
struct is_dynamic_buffer_v2 : std::bool_constant<detail::dynamic_buffer_v2_class<T>> {};

/// As in Asio: v1 is the default meaning; RINGPORT_NO_DYNAMIC_BUFFER_V1 (the counterpart of
/// ASIO_NO_DYNAMIC_BUFFER_V1) switches it to v2.
template <typename T>
struct is_dynamic_buffer
#if defined(RINGPORT_NO_DYNAMIC_BUFFER_V1)
    : is_dynamic_buffer_v2<T> {
#else
    : is_dynamic_buffer_v1<T> {
#endif
};

/// null_buffers: Asio's (deprecated) way to ask for readiness through a transfer call. An
/// async receive or send with null_buffers transfers nothing: it completes with 0 bytes once
/// the socket is readable (or writable), like async_wait, with the transfer's signature.
class null_buffers {
 public:
  /// @name Buffer sequence members
  //@{
  /// An empty sequence of mutable buffers.
  using value_type = mutable_buffer;
  using const_iterator = const mutable_buffer*;
  const_iterator begin() const noexcept { return &buf_; }
  const_iterator end() const noexcept { return &buf_; }

  //@}
 private:
  mutable_buffer buf_;
};

namespace detail {
// A transfer with null_buffers only waits for readiness.
template <typename Buffers>
inline constexpr bool is_null_buffers = std::is_same_v<Buffers, null_buffers>;
}  // namespace detail

}  // namespace ringport
