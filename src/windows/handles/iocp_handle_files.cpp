// iocp_handle_service_base, files and the synchronous calls: open (CreateFileW), size, resize,
// sync, seek, and the synchronous transfers of every handle.
#include "iocp_handle_internal.hpp"

#include "ringport/error.hpp"

#include <cstdint>
#include <string>

namespace ringport::detail {

namespace {

DWORD access_for(file_base::flags f) {
  if (f & file_base::read_write) return GENERIC_READ | GENERIC_WRITE;
  if (f & file_base::write_only) return GENERIC_WRITE;
  return GENERIC_READ;
}

DWORD disposition_for(file_base::flags f) {
  if (f & file_base::create) {
    if (f & file_base::exclusive) return CREATE_NEW;
    if (f & file_base::truncate) return CREATE_ALWAYS;
    return OPEN_ALWAYS;
  }
  return (f & file_base::truncate) ? TRUNCATE_EXISTING : OPEN_EXISTING;
}

// UTF-8 to UTF-16; false (with the error in `ec`) when the path is no valid UTF-8.
bool widen(const char* path, std::wstring& out, error_code& ec) {
  int n = ::MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, nullptr, 0);
  if (n <= 0) {
    ec = iocp_handle_last_error();
    return false;
  }
  out.resize(static_cast<std::size_t>(n));
  if (::MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, out.data(), n) != n) {
    ec = iocp_handle_last_error();
    return false;
  }
  return true;
}

// The first non-empty entry, as the asynchronous transfers take it.
const native_buffer* first_non_empty(const native_buffer* bufs, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i)
    if (bufs[i].len != 0) return &bufs[i];
  return nullptr;
}

// One ReadFile or WriteFile, waited for. The event's low bit keeps the result off the
// completion port (the handle is associated with it), so nothing reaches the backend.
std::size_t sync_transfer(iocp_handle_impl& impl, const native_buffer* bufs, std::size_t count,
                          std::size_t total, std::uint64_t offset, bool write, error_code& ec) {
  if (impl.handle_ == iocp_handle_service_base::invalid_native_handle) {
    ec = error::bad_descriptor;
    return 0;
  }
  const native_buffer* b = total == 0 ? nullptr : first_non_empty(bufs, count);
  if (b == nullptr) {
    ec.clear();
    return 0;
  }
  HANDLE event = ::CreateEventW(nullptr, TRUE, FALSE, nullptr);
  if (event == nullptr) {
    ec = iocp_handle_last_error();
    return 0;
  }
  HANDLE h = iocp_handle_of(impl);
  std::uint64_t at = iocp_native_offset(impl, offset, write);
  OVERLAPPED ov{};
  ov.Offset = static_cast<DWORD>(at);
  ov.OffsetHigh = static_cast<DWORD>(at >> 32);
  ov.hEvent = reinterpret_cast<HANDLE>(reinterpret_cast<std::uintptr_t>(event) | 1);
  DWORD bytes = 0;
  // SAFETY: `ov` and the buffer are the kernel's until the I/O is done: an immediate result
  // leaves nothing in flight, and GetOverlappedResult(TRUE) waits for a pending one.
  BOOL ok = write ? ::WriteFile(h, b->buf, b->len, &bytes, &ov)
                  : ::ReadFile(h, b->buf, b->len, &bytes, &ov);
  DWORD err = ok ? 0 : ::GetLastError();
  if (!ok && (err == ERROR_IO_PENDING || err == ERROR_MORE_DATA)) {
    ok = ::GetOverlappedResult(h, &ov, &bytes, TRUE);
    err = ok ? 0 : ::GetLastError();
  }
  ::CloseHandle(event);
  if (!ok) {
    ec = iocp_handle_map_error(err, write);
    // A message longer than the buffer: the part read is the caller's.
    return err == ERROR_MORE_DATA ? bytes : 0;
  }
  if (!write && bytes == 0) {
    ec = error::eof;
    return 0;
  }
  ec.clear();
  if (offset == iocp_handle_service_base::at_position &&
      (impl.state_ & iocp_handle_service_base::seekable))
    iocp_handle_account_position(*impl.cancel_token_, h,
                                 write && (impl.state_ & iocp_handle_service_base::append_writes),
                                 bytes);
  return bytes;
}

}  // namespace

error_code iocp_handle_service_base::open_file(base_implementation_type& impl, const char* path,
                                               file_base::flags flags, error_code& ec) {
  if (is_open(impl)) {
    ec = error::already_open;
    return ec;
  }
  std::wstring wide;
  if (!widen(path, wide, ec)) return ec;
  DWORD attributes = FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OVERLAPPED;
  if (flags & file_base::sync_all_on_write) attributes |= FILE_FLAG_WRITE_THROUGH;
  // Shared like a POSIX file: others may read, write, rename or delete it meanwhile.
  HANDLE h = ::CreateFileW(wide.c_str(), access_for(flags),
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                           disposition_for(flags), attributes, nullptr);
  if (h == INVALID_HANDLE_VALUE) {
    ec = iocp_handle_last_error();
    return ec;
  }
  if (assign_handle(impl, h, ec)) {
    ::CloseHandle(h);
    return ec;
  }
  if (flags & file_base::append) impl.state_ |= append_writes;
  return ec;
}

std::uint64_t iocp_handle_service_base::size(const base_implementation_type& impl,
                                             error_code& ec) const {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return 0;
  }
  LARGE_INTEGER n;
  if (!::GetFileSizeEx(iocp_handle_of(impl), &n)) {
    ec = iocp_handle_last_error();
    return 0;
  }
  ec.clear();
  return static_cast<std::uint64_t>(n.QuadPart);
}

error_code iocp_handle_service_base::resize(base_implementation_type& impl, std::uint64_t n,
                                            error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  HANDLE h = iocp_handle_of(impl);
  FILE_END_OF_FILE_INFO info;
  info.EndOfFile.QuadPart = static_cast<LONGLONG>(n);
  if (::SetFileInformationByHandle(h, FileEndOfFileInfo, &info, sizeof info)) {
    ec.clear();
    return ec;
  }
  // Where the class is not supported: through the handle's file pointer, which nothing else
  // uses (overlapped transfers name their offsets).
  LARGE_INTEGER to;
  to.QuadPart = static_cast<LONGLONG>(n);
  if (!::SetFilePointerEx(h, to, nullptr, FILE_BEGIN) || !::SetEndOfFile(h))
    ec = iocp_handle_last_error();
  else
    ec.clear();
  return ec;
}

error_code iocp_handle_service_base::sync_all(base_implementation_type& impl, error_code& ec) {
  if (!is_open(impl))
    ec = error::bad_descriptor;
  else if (!::FlushFileBuffers(iocp_handle_of(impl)))
    ec = iocp_handle_last_error();
  else
    ec.clear();
  return ec;
}

// Windows flushes data and metadata together.
error_code iocp_handle_service_base::sync_data(base_implementation_type& impl, error_code& ec) {
  return sync_all(impl, ec);
}

std::uint64_t iocp_handle_service_base::seek(base_implementation_type& impl, std::int64_t offset,
                                             file_base::seek_basis whence, error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return 0;
  }
  std::uint64_t base = 0;
  switch (whence) {
    case file_base::seek_set:
      break;
    case file_base::seek_cur:
      base = impl.cancel_token_->position.load(std::memory_order_relaxed);
      break;
    case file_base::seek_end:
      base = size(impl, ec);
      if (ec) return 0;
      break;
    default:
      ec = error::invalid_argument;
      return 0;
  }
  // Unsigned arithmetic: no overflow is undefined, and a result before the start or beyond
  // what an offset can name is refused, as lseek refuses it.
  std::uint64_t to = base + static_cast<std::uint64_t>(offset);
  constexpr std::uint64_t max_offset = static_cast<std::uint64_t>(INT64_MAX);
  if (offset < 0 ? to > base : (to < base || to > max_offset)) {
    ec = error::invalid_argument;
    return 0;
  }
  impl.cancel_token_->position.store(to, std::memory_order_relaxed);
  ec.clear();
  return to;
}

std::size_t iocp_handle_service_base::read(base_implementation_type& impl, native_buffer* bufs,
                                           std::size_t count, std::size_t total,
                                           std::uint64_t offset, error_code& ec) {
  return sync_transfer(impl, bufs, count, total, offset, false, ec);
}

std::size_t iocp_handle_service_base::write(base_implementation_type& impl,
                                            const native_buffer* bufs, std::size_t count,
                                            std::size_t total, std::uint64_t offset,
                                            error_code& ec) {
  return sync_transfer(impl, bufs, count, total, offset, true, ec);
}

}  // namespace ringport::detail
