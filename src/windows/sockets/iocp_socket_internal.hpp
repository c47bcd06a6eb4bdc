// Private to the files of iocp_socket_service_base (src/windows/sockets/iocp_*.cpp): the
// helpers they share and the state behind the test switches, each defined once.
#pragma once

#include "ringport/detail/windows/iocp_socket_service_base.hpp"
#include "ringport/error.hpp"

#include "../../common/trace.hpp"

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

// Tracing: an operation of `kind` starts on socket `s`.
template <typename Socket>
inline void trace_start(const iocp_op& op, const char* kind, Socket s) noexcept {
  if (trace_point::on()) [[unlikely]]
    trace_point::started(&op, kind, static_cast<std::uintptr_t>(s));
}

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

// The points where the test switches and counters (iocp_socket_testing.hpp) act, process-wide.
// Compiled in only with RINGPORT_TESTING_HOOKS (the test suite's build); otherwise every
// switch reads as off and nothing is counted.
namespace iocp_test_state {

#if RINGPORT_TESTING_HOOKS
extern std::atomic<bool> force_cancel_io;
extern std::atomic<bool> no_skip_completion_port;
extern std::atomic<bool> force_reactor_connect;
extern std::atomic<void (*)()> pending_hook;
extern std::atomic<unsigned long> skipped_port_completions;
extern std::atomic<unsigned long> receives_issued_again;
extern std::atomic<unsigned long> socket_closes;

inline bool cancel_io_forced() noexcept {
  return force_cancel_io.load(std::memory_order_relaxed);
}
inline bool skip_port_disabled() noexcept {
  return no_skip_completion_port.load(std::memory_order_relaxed);
}
inline bool reactor_connect_forced() noexcept {
  return force_reactor_connect.load(std::memory_order_relaxed);
}
inline void before_on_pending() {
  if (auto hook = pending_hook.load(std::memory_order_acquire)) hook();
}
inline void count_skipped_port_completion() noexcept {
  skipped_port_completions.fetch_add(1, std::memory_order_relaxed);
}
inline void count_receive_issued_again() noexcept {
  receives_issued_again.fetch_add(1, std::memory_order_relaxed);
}
// After a closesocket of the service: the port's held packets may go (late_completion).
inline void count_close() noexcept {
  socket_closes.fetch_add(1, std::memory_order_release);
}
// Takes one injected accept failure, if any is left.
bool take_accept_failure() noexcept;
// Takes one armed abort of a connection just accepted, if any is left.
bool take_accepted_abort() noexcept;
#else
constexpr bool cancel_io_forced() noexcept {
  return false;
}
constexpr bool skip_port_disabled() noexcept {
  return false;
}
constexpr bool reactor_connect_forced() noexcept {
  return false;
}
constexpr void before_on_pending() noexcept {}
constexpr void count_skipped_port_completion() noexcept {}
constexpr void count_receive_issued_again() noexcept {}
constexpr void count_close() noexcept {}
constexpr bool take_accept_failure() noexcept {
  return false;
}
constexpr bool take_accepted_abort() noexcept {
  return false;
}
#endif

}  // namespace iocp_test_state

}  // namespace ringport::detail
