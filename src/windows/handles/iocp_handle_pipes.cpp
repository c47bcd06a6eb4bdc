// iocp_handle_service_base, pipes: create_pipe, a byte pipe as Windows offers one that
// overlapped I/O can use (anonymous pipes cannot): a named pipe under a name unique to this
// call, whose server end is the read end and whose one client is the write end.
#include "iocp_handle_internal.hpp"

#include <atomic>

namespace ringport::detail {

namespace {

// What each end may buffer (a Linux pipe holds 64 KiB too); the system treats it as advice.
constexpr DWORD pipe_buffer_size = 64 * 1024;

// Tries of a fresh name when one is taken: only a pipe left by an earlier process with this
// process's id can hold it, so a second try all but always succeeds.
constexpr int name_attempts = 16;

wchar_t* append_number(wchar_t* out, unsigned long long n) {
  wchar_t digits[24];
  int count = 0;
  do {
    digits[count++] = static_cast<wchar_t>(L'0' + n % 10);
    n /= 10;
  } while (n != 0);
  while (count > 0)
    *out++ = digits[--count];
  return out;
}

// \\.\pipe\ringport-<pid>-<serial>
void make_name(wchar_t (&name)[80], unsigned long long serial) {
  static const wchar_t prefix[] = L"\\\\.\\pipe\\ringport-";
  wchar_t* p = name;
  for (const wchar_t* s = prefix; *s != 0; ++s)
    *p++ = *s;
  p = append_number(p, ::GetCurrentProcessId());
  *p++ = L'-';
  p = append_number(p, serial);
  *p = 0;
}

}  // namespace

error_code iocp_handle_service_base::create_pipe(native_handle_type& read_end,
                                                 native_handle_type& write_end, error_code& ec) {
  static std::atomic<unsigned long long> serial{0};
  for (int attempt = 0; attempt < name_attempts; ++attempt) {
    wchar_t name[80];
    make_name(name, serial.fetch_add(1, std::memory_order_relaxed));
    // FILE_FLAG_FIRST_PIPE_INSTANCE: fail rather than join a pipe someone else made under
    // this name; one instance, so no second client can connect to ours.
    HANDLE r = ::CreateNamedPipeW(
        name, PIPE_ACCESS_INBOUND | FILE_FLAG_OVERLAPPED | FILE_FLAG_FIRST_PIPE_INSTANCE,
        PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS, 1,
        pipe_buffer_size, pipe_buffer_size, 0, nullptr);
    if (r == INVALID_HANDLE_VALUE) {
      DWORD e = ::GetLastError();
      if (e == ERROR_ACCESS_DENIED || e == ERROR_PIPE_BUSY) continue;  // the name is taken
      ec = iocp_handle_error(e);
      return ec;
    }
    // Connecting the client completes the server end's connection: no ConnectNamedPipe.
    HANDLE w = ::CreateFileW(name, GENERIC_WRITE, 0, nullptr, OPEN_EXISTING, FILE_FLAG_OVERLAPPED,
                             nullptr);
    if (w == INVALID_HANDLE_VALUE) {
      ec = iocp_handle_last_error();
      ::CloseHandle(r);
      return ec;
    }
    read_end = r;
    write_end = w;
    ec.clear();
    return ec;
  }
  ec = iocp_handle_error(ERROR_PIPE_BUSY);
  return ec;
}

}  // namespace ringport::detail
