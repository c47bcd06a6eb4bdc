// The category of native Windows errors (GetLastError, WSAGetLastError, the status of an
// IOCP packet). MinGW's std::system_category() treats values as errno numbers, so it would
// print "Unknown error" for WSAECONNREFUSED; this one asks Windows for the message, as
// MSVC's std::system_category() does, and maps the common codes to std::errc conditions.
#include "ringport/error_code.hpp"

#include <winsock2.h>
#include <windows.h>

#include <string>

namespace ringport {

namespace {

// Frees a buffer that FormatMessageA allocated.
struct local_free_guard {
  char* buffer = nullptr;
  ~local_free_guard() {
    if (buffer) ::LocalFree(buffer);
  }
};

class windows_system_category final : public error_category {
 public:
  const char* name() const noexcept override { return "system"; }

  std::string message(int value) const override {
    local_free_guard text;
    DWORD length = ::FormatMessageA(
        FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
        nullptr, static_cast<DWORD>(value), MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT),
        reinterpret_cast<LPSTR>(&text.buffer), 0, nullptr);
    if (length == 0 || text.buffer == nullptr) return "Windows error " + std::to_string(value);
    std::string result(text.buffer, length);
    // Windows ends its messages with ".\r\n": the line break goes, the sentence's full stop
    // stays, so the text is the one Asio prints for the same code.
    if (!result.empty() && result.back() == '\n') result.pop_back();
    if (!result.empty() && result.back() == '\r') result.pop_back();
    return result;
  }

  // Lets portable code test `ec == std::errc::connection_refused` on Windows codes.
  std::error_condition default_error_condition(int value) const noexcept override {
    switch (value) {
      case ERROR_ACCESS_DENIED:
      case WSAEACCES:
        return std::errc::permission_denied;
      case WSAEAFNOSUPPORT:
        return std::errc::address_family_not_supported;
      case WSAEADDRINUSE:
        return std::errc::address_in_use;
      case WSAEADDRNOTAVAIL:
        return std::errc::address_not_available;
      case WSAEISCONN:
        return std::errc::already_connected;
      case WSAEALREADY:
        return std::errc::connection_already_in_progress;
      case ERROR_BROKEN_PIPE:
      case ERROR_NO_DATA:  // a write to a pipe whose reader has closed
        return std::errc::broken_pipe;
      case ERROR_CONNECTION_ABORTED:
      case WSAECONNABORTED:
        return std::errc::connection_aborted;
      case ERROR_CONNECTION_REFUSED:
      case WSAECONNREFUSED:
        return std::errc::connection_refused;
      case ERROR_NETNAME_DELETED:
      case WSAECONNRESET:
        return std::errc::connection_reset;
      case ERROR_INVALID_HANDLE:
      case WSAEBADF:
        return std::errc::bad_file_descriptor;
      case WSAEFAULT:
        return std::errc::bad_address;
      case ERROR_HOST_UNREACHABLE:
      case WSAEHOSTUNREACH:
        return std::errc::host_unreachable;
      case WSAEINPROGRESS:
        return std::errc::operation_in_progress;
      case WSAEINTR:
        return std::errc::interrupted;
      case ERROR_INVALID_PARAMETER:
      case WSAEINVAL:
        return std::errc::invalid_argument;
      case WSAEMSGSIZE:
        return std::errc::message_size;
      case WSAENAMETOOLONG:
        return std::errc::filename_too_long;
      case WSAENETDOWN:
        return std::errc::network_down;
      case WSAENETRESET:
        return std::errc::network_reset;
      case ERROR_NETWORK_UNREACHABLE:
      case WSAENETUNREACH:
        return std::errc::network_unreachable;
      case WSAEMFILE:
        return std::errc::too_many_files_open;
      case WSAENOBUFS:
        return std::errc::no_buffer_space;
      case ERROR_NOT_ENOUGH_MEMORY:
      case ERROR_OUTOFMEMORY:
        return std::errc::not_enough_memory;
      case WSAENOPROTOOPT:
        return std::errc::no_protocol_option;
      case WSAENOTCONN:
        return std::errc::not_connected;
      case WSAENOTSOCK:
        return std::errc::not_a_socket;
      case ERROR_OPERATION_ABORTED:
        return std::errc::operation_canceled;
      case WSAEOPNOTSUPP:
        return std::errc::operation_not_supported;
      case ERROR_NOT_SUPPORTED:
        return std::errc::not_supported;
      case ERROR_SEM_TIMEOUT:
      case ERROR_TIMEOUT:
      case WSAETIMEDOUT:
        return std::errc::timed_out;
      case ERROR_RETRY:
        return std::errc::resource_unavailable_try_again;
      case WSAEWOULDBLOCK:
        return std::errc::operation_would_block;
      case ERROR_FILE_NOT_FOUND:
      case ERROR_PATH_NOT_FOUND:
        return std::errc::no_such_file_or_directory;
      case ERROR_FILE_EXISTS:
      case ERROR_ALREADY_EXISTS:
        return std::errc::file_exists;
      default:
        return std::error_condition(value, *this);
    }
  }
};

}  // namespace

const error_category& system_category() noexcept {
  static const windows_system_category instance;
  return instance;
}

}  // namespace ringport
