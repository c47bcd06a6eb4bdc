// native_buffer: the OS's scatter/gather entry (struct iovec on POSIX, WSABUF on Windows) and
// the two accessors the rest of ringport uses, so shared code never names either directly.
#pragma once

#include "ringport/detail/config.hpp"

#include <cstddef>

#if defined(RINGPORT_WINDOWS)

namespace ringport::detail {

// Layout twin of WSABUF {ULONG len; CHAR* buf;}: installed headers may not include
// <winsock2.h> (it drags windows.h and its min/max macros into users' programs).
// src/windows/sockets/iocp_layout_check.cpp static_asserts that size, alignment and member
// offsets match the real WSABUF, so the array can be handed to WSASend/WSARecv as is.
// `unsigned long` is ULONG: 32 bits on Windows (LLP64).
struct wsabuf_twin {
  unsigned long len;
  char* buf;
};

using native_buffer = wsabuf_twin;

// WSABUF lengths are 32-bit: a larger buffer is offered in part, which stream transfers
// treat as an ordinary short transfer (the composed operations loop for the rest).
inline void init_native_buffer(native_buffer& nb, const void* data, std::size_t size) noexcept {
  constexpr std::size_t max_len = 0xFFFFFFFFu;
  nb.buf = static_cast<char*>(const_cast<void*>(data));
  nb.len = static_cast<unsigned long>(size < max_len ? size : max_len);
}
inline void* native_buffer_data(const native_buffer& nb) noexcept {
  return nb.buf;
}
inline std::size_t native_buffer_size(const native_buffer& nb) noexcept {
  return nb.len;
}

}  // namespace ringport::detail

#else

#include <sys/uio.h>  // struct iovec: a plain POSIX header, allowed in installed headers

namespace ringport::detail {

using native_buffer = ::iovec;

// SAFETY: iov_base is non-const only because readv and writev share the struct; the kernel
// does not write through the entries of a send.
inline void init_native_buffer(native_buffer& nb, const void* data, std::size_t size) noexcept {
  nb.iov_base = const_cast<void*>(data);
  nb.iov_len = size;
}
inline void* native_buffer_data(const native_buffer& nb) noexcept {
  return nb.iov_base;
}
inline std::size_t native_buffer_size(const native_buffer& nb) noexcept {
  return nb.iov_len;
}

}  // namespace ringport::detail

#endif
