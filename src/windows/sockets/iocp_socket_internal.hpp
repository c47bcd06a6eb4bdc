// Private to the files of iocp_socket_service_base (src/windows/sockets/iocp_*.cpp): the
// helpers they share and the state behind the test switches, each defined once.
#pragma once

#include "ringport/detail/windows/iocp_socket_service_base.hpp"
#include "ringport/error.hpp"

#include <winsock2.h>
#include <mswsock.h>
#include <ws2tcpip.h>
#include <windows.h>

#include <atomic>
#include <mutex>

// Defined here where the Windows headers in use lack them.
#ifndef SIO_UDP_CONNRESET
#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
#endif
#ifndef FILE_SKIP_COMPLETION_PORT_ON_SUCCESS
#define FILE_SKIP_COMPLETION_PORT_ON_SUCCESS 0x1
#endif
#ifndef WSA_FLAG_NO_HANDLE_INHERIT
#define WSA_FLAG_NO_HANDLE_INHERIT 0x80
#endif

namespace ringport::detail {

inline error_code win_error(unsigned long e) {
  return error_code(static_cast<int>(e), ringport::system_category());
}

inline error_code last_wsa_error() {
  return win_error(static_cast<unsigned long>(::WSAGetLastError()));
}

inline SOCKET sock(native_socket_type s) {
  return static_cast<SOCKET>(s);
}

inline HANDLE handle(native_socket_type s) {
  return reinterpret_cast<HANDLE>(s);
}

// The one mutex for every op ↔ cancellation-handler link and for the cancel tokens they
// check (shared with the POSIX half).
inline std::mutex& link_mutex() noexcept {
  return socket_link_mutex();
}

using cancel_io_ex_fn = BOOL(WINAPI*)(HANDLE, LPOVERLAPPED);

// CancelIoEx exists from Vista on; looked up so that its absence takes the CancelIo path.
cancel_io_ex_fn cancel_io_ex();  // iocp_extension_functions.cpp

// The test switches and counters, process-wide (defined in iocp_socket_testing.cpp).
namespace iocp_test_state {

extern std::atomic<bool> force_cancel_io;
extern std::atomic<bool> no_skip_completion_port;
extern std::atomic<bool> force_reactor_connect;
extern std::atomic<void (*)()> pending_hook;
extern std::atomic<unsigned long> skipped_port_completions;
extern std::atomic<unsigned long> receives_issued_again;
extern std::atomic<int> accept_failures;
extern std::atomic<int> accepted_aborts;

// Takes one injected accept failure, if any is left.
bool take_accept_failure();

}  // namespace iocp_test_state

}  // namespace ringport::detail
