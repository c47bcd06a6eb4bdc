// The non-template base of every socket operation on Windows (Asio's per-operation state):
// it begins with the OVERLAPPED that Winsock fills in and the completion port hands back, so
// the port's OVERLAPPED* leads straight to the op. The rest is the scheduler's op base, the
// ready flag that settles the race between the starting thread and the port, and what a
// cancellation needs to find the op again.
//
// Installed headers may not include <windows.h>: overlapped_twin is a layout twin of
// OVERLAPPED, checked against the real struct in src/windows/sockets/iocp_layout_check.cpp.
#pragma once

#include "ringport/detail/scheduler_operation.hpp"
#include "ringport/detail/slot_cancellation_link.hpp"

#include <atomic>
#include <cstdint>
#include <memory>

namespace ringport::detail {

// Twin of OVERLAPPED { ULONG_PTR Internal; ULONG_PTR InternalHigh; union { struct { DWORD
// Offset; DWORD OffsetHigh; }; PVOID Pointer; }; HANDLE hEvent; }.
struct overlapped_twin {
  std::uintptr_t internal = 0;       // the NTSTATUS of the finished I/O
  std::uintptr_t internal_high = 0;  // bytes transferred
  unsigned long offset = 0;
  unsigned long offset_high = 0;
  void* event = nullptr;
};

// What a receive was issued with (the WSABUFs, the in/out flags, WSARecvFrom's address and
// length, WSARecvMsg's WSAMSG, all living in the op) and the values Winsock overwrites, so
// that the receive can be issued again as it was.
struct iocp_receive_record {
  void* buffers = nullptr;  // null: the op is no overlapped receive
  unsigned long count = 0;
  unsigned long* flags = nullptr;
  unsigned long in_flags = 0;
  void* addr = nullptr;
  int* addr_len = nullptr;
  int addr_capacity = 0;
  void* msg = nullptr;  // a wsamsg_twin: WSARecvMsg
  unsigned long msg_flags = 0;
};

// SOCKET is UINT_PTR.
using native_socket_type = std::uintptr_t;
inline constexpr native_socket_type invalid_native_socket = ~native_socket_type(0);

class iocp_socket_service_base;

// Shared by an open socket's implementation and, as weak copies, by its pending ops and their
// cancellation handlers: it dies (under the service's link mutex) before the socket is
// closed, and it counts the socket's cancel() calls, so that an op about to be issued again
// can tell whether it was cancelled since it started.
struct iocp_socket_token {
  std::atomic<std::uint32_t> cancels{0};
};

// Holds a socket's handle open for as long as the implementation or any transfer started on
// it needs the handle value; the last holder closes it (closesocket). Used where Winsock
// carries out a transfer through the handle value after the transfer has started: Wine runs
// a receive or send whose socket became ready later, in the thread that issued it, by
// looking the handle up again. If close() freed the value before that and a new socket got
// it, the transfer would run on the new socket. Only made under Wine (real Windows holds the
// socket itself, not its handle value, for a transfer in flight).
struct iocp_handle_keeper {
  explicit iocp_handle_keeper(native_socket_type s) noexcept : socket(s) {}
  iocp_handle_keeper(const iocp_handle_keeper&) = delete;
  iocp_handle_keeper& operator=(const iocp_handle_keeper&) = delete;
  ~iocp_handle_keeper();  // closes `socket` unless it is invalid (iocp_socket_lifetime.cpp)
  // invalid_native_socket once the handle was closed by close() itself or handed over by
  // release().
  std::atomic<native_socket_type> socket;
};

// The OVERLAPPED twin is the first base, so a pointer to it converts to and from the op with
// static_cast (the port returns exactly the pointer the start call passed in).
class iocp_op : public overlapped_twin, public scheduler_operation, public slot_link_end<iocp_op> {
 public:
  explicit iocp_op(func_type func) noexcept : scheduler_operation(func) {}

  overlapped_twin* overlapped() noexcept { return this; }
  static iocp_op* from_overlapped(void* ov) noexcept {
    return static_cast<iocp_op*>(static_cast<overlapped_twin*>(ov));
  }

  // Asio's ready_ flag: the port may hand the op back before the starting thread has
  // returned from WSARecv & co. Whoever sets it second (the thread that dequeued the packet
  // or the starting thread in on_pending) queues the op for completion.
  std::atomic<long> ready_{0};
  // The socket the op runs on (for CancelIoEx of this one op).
  native_socket_type socket_ = invalid_native_socket;
  // The service that started the op, and whether its socket skips the port on success
  // (FILE_SKIP_COMPLETION_PORT_ON_SUCCESS): what issuing it again needs.
  iocp_socket_service_base* service_ = nullptr;
  bool skips_port_ = false;
  // Started on the select reactor rather than as overlapped I/O.
  bool via_reactor_ = false;
  // A cancellation handler in the handler's slot is linked to this op (set before start).
  bool linked_ = false;
  // The linked handler asked for cancellation (written and read under the link mutex).
  bool cancel_requested_ = false;
  // The socket's token: expired once the socket was closed, which tells an abort by
  // closesocket (operation_aborted) from a reset connection when ERROR_NETNAME_DELETED comes.
  std::weak_ptr<iocp_socket_token> cancel_token_;
  bool has_token_ = false;
  // The token's cancel() count when the op started.
  std::uint32_t cancels_at_start_ = 0;
  iocp_receive_record receive_;
  // A send or receive (under Wine): keeps the socket's handle from being closed and reused
  // until the op is destroyed.
  std::shared_ptr<iocp_handle_keeper> handle_keeper_;

  // The op's socket was closed after the op started (not: the op started on a closed one).
  bool socket_closed() const noexcept { return has_token_ && cancel_token_.expired(); }
};

}  // namespace ringport::detail
