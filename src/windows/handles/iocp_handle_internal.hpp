// Private to the files of iocp_handle_service_base (src/windows/handles/iocp_handle_*.cpp):
// the helpers they share.
#pragma once

#include "ringport/detail/windows/iocp_handle_service_base.hpp"
#include "ringport/error_code.hpp"

#include <windows.h>

#include <cstdint>

namespace ringport::detail {

using iocp_handle_impl = iocp_handle_service_base::base_implementation_type;

inline error_code iocp_handle_error(unsigned long e) {
  return error_code(static_cast<int>(e), ringport::system_category());
}

inline error_code iocp_handle_last_error() {
  return iocp_handle_error(::GetLastError());
}

inline HANDLE iocp_handle_of(const iocp_handle_impl& impl) {
  return static_cast<HANDLE>(impl.handle_);
}

// The offset a transfer is issued at. Offset and OffsetHigh both 0xFFFFFFFF make a write go
// to the end of the file (as FILE_APPEND_DATA access would); a handle that is no disk file
// ignores offsets, so it gets 0.
inline std::uint64_t iocp_native_offset(const iocp_handle_impl& impl, std::uint64_t offset,
                                        bool write) noexcept {
  if (write && (impl.state_ & iocp_handle_service_base::append_writes)) return ~std::uint64_t(0);
  if (offset != iocp_handle_service_base::at_position) return offset;
  if (!(impl.state_ & iocp_handle_service_base::seekable)) return 0;
  return impl.cancel_token_->position.load(std::memory_order_relaxed);
}

// Win32 errors in Asio's values: the end of a file or of a pipe whose writer closed is eof;
// a write to a pipe whose reader closed (or is closing) is broken_pipe.
error_code iocp_handle_map_error(unsigned long e, bool write);  // iocp_handle_results.cpp

// After a transfer at the stream position succeeded: the position moves by `bytes`, or, after
// a write at the end of the file, to the file's new end. `h` must stay open during the call.
void iocp_handle_account_position(iocp_handle_token& token, HANDLE h, bool append,
                                  std::size_t bytes);  // iocp_handle_results.cpp

}  // namespace ringport::detail
