// Fault injection in the Windows socket service, driven by the seeded plan
// (common/fault_plan.hpp), as Linux does around its socket calls: the Winsock call still
// happens (or, where the fault is decided before it, happens on the next try), and where a
// fault fires its outcome is turned into one Windows documents for that call. The late
// completions (packets held back until a socket was closed) are injected by the port
// (iocp_backend.cpp). Compiled in only with RINGPORT_TESTING_HOOKS (the test suite's
// build); otherwise every filter reports "no fault" and folds away.
#pragma once

#include "../../common/fault_plan.hpp"

#include <winsock2.h>

namespace ringport::detail::iocp_fault {

// The most WSABUFs a shortened transfer is cut from (the ops hold at most this many).
inline constexpr unsigned long max_cut_buffers = 64;

#if RINGPORT_TESTING_HOOKS

// A stream send or receive about to start (overlapped or not) on `s` with `count` buffers:
// with the plan armed, decides whether it faults. A reset shuts the socket both ways and
// returns the error to report instead of calling Winsock (WSAECONNRESET: what WSASend and
// WSARecv report on a stream reset by the peer). A short transfer writes a prefix of the
// buffers into `cut` (`cut_count` entries; the caller makes the real call on them) and
// returns 0. Otherwise returns 0 with cut_count 0.
unsigned long stream_transfer_fault(SOCKET s, const WSABUF* bufs, unsigned long count, WSABUF* cut,
                                    unsigned long& cut_count) noexcept;

inline unsigned long transfer_fault(bool stream, SOCKET s, const WSABUF* bufs, unsigned long count,
                                    WSABUF* cut, unsigned long& cut_count) noexcept {
  cut_count = 0;
  if (!stream || !fault::armed()) return 0;
  return stream_transfer_fault(s, bufs, count, cut, cut_count);
}

// A sync call that waits in select() on WSAEWOULDBLOCK: whether it takes that path before
// the call, as when nothing was ready yet (the call is made on the next round).
inline bool would_block() noexcept {
  return fault::fires(fault::kind::would_block);
}

// Socket creation (WSASocketW, accept): WSAEMFILE or WSAENOBUFS, both documented for it,
// decided before the call, or 0.
unsigned long no_descriptors() noexcept;

// cancel()'s CancelIoEx, made for real: whether its answer is turned into ERROR_NOT_FOUND
// (what it says when every op of the socket had completed already).
inline bool cancel_not_found() noexcept {
  return fault::fires(fault::kind::cancel_not_found);
}

// AcceptEx about to start: WSAEMFILE or WSAENOBUFS (decided before the call: the
// connection stays queued), or 0.
unsigned long accept_start_error() noexcept;

// AcceptEx that took a connection: the error of a connection reset before it was accepted
// (ERROR_NETNAME_DELETED or WSAECONNRESET), or 0. The caller drops the connection.
unsigned long accepted_connection_reset() noexcept;

// ConnectEx (or the reactor's connect) that succeeded: the error its completion reports
// instead (refused, network unreachable, timed out), or 0. The socket stays as it is; the
// user closes it as after any failed connect.
unsigned long connect_error() noexcept;

#else

constexpr unsigned long transfer_fault(bool, SOCKET, const WSABUF*, unsigned long, WSABUF*,
                                       unsigned long& cut_count) noexcept {
  cut_count = 0;
  return 0;
}
constexpr bool would_block() noexcept {
  return false;
}
constexpr unsigned long no_descriptors() noexcept {
  return 0;
}
constexpr bool cancel_not_found() noexcept {
  return false;
}
constexpr unsigned long accept_start_error() noexcept {
  return 0;
}
constexpr unsigned long accepted_connection_reset() noexcept {
  return 0;
}
constexpr unsigned long connect_error() noexcept {
  return 0;
}

#endif

}  // namespace ringport::detail::iocp_fault
