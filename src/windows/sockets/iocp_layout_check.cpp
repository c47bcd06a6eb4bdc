// Installed headers may not include <winsock2.h> or <windows.h> (they drag windows.h and its
// min/max macros into users' programs), so they declare layout twins of the Windows types
// and spell Windows constants as numbers. Here each one meets the real thing: a mismatch
// fails the build instead of corrupting a Winsock call at run time. Nothing to link.
#include "ringport/detail/native_buffer.hpp"
#include "ringport/detail/socket_types.hpp"
#include "ringport/detail/windows/iocp_op.hpp"
#include "ringport/detail/windows/iocp_socket_service_base.hpp"

#include <winsock2.h>
#include <mswsock.h>
#include <windows.h>

#include <cstddef>
#include <type_traits>

namespace ringport::detail {

// wsabuf_twin (native_buffer.hpp): the array is handed to WSASend/WSARecv as is.
static_assert(sizeof(wsabuf_twin) == sizeof(WSABUF));
static_assert(alignof(wsabuf_twin) == alignof(WSABUF));
static_assert(offsetof(wsabuf_twin, len) == offsetof(WSABUF, len));
static_assert(offsetof(wsabuf_twin, buf) == offsetof(WSABUF, buf));
static_assert(sizeof(wsabuf_twin::len) == sizeof(ULONG));
static_assert(sizeof(wsabuf_twin::buf) == sizeof(CHAR*));

// The socket service's twins of the Windows types.
static_assert(sizeof(overlapped_twin) == sizeof(OVERLAPPED));
static_assert(alignof(overlapped_twin) == alignof(OVERLAPPED));
static_assert(offsetof(overlapped_twin, internal) == offsetof(OVERLAPPED, Internal));
static_assert(offsetof(overlapped_twin, internal_high) == offsetof(OVERLAPPED, InternalHigh));
static_assert(offsetof(overlapped_twin, offset) == offsetof(OVERLAPPED, Offset));
static_assert(offsetof(overlapped_twin, offset_high) == offsetof(OVERLAPPED, OffsetHigh));
static_assert(offsetof(overlapped_twin, event) == offsetof(OVERLAPPED, hEvent));
static_assert(std::is_same_v<native_socket_type, SOCKET>);
static_assert(invalid_native_socket == INVALID_SOCKET);
static_assert(sizeof(SOCKADDR_STORAGE) == sockaddr_storage_size);
static_assert(iocp_socket_service_base::accept_address_length == sizeof(SOCKADDR_STORAGE) + 16);
static_assert(sizeof(wsamsg_twin) == sizeof(WSAMSG));
static_assert(alignof(wsamsg_twin) == alignof(WSAMSG));
static_assert(offsetof(wsamsg_twin, name) == offsetof(WSAMSG, name));
static_assert(offsetof(wsamsg_twin, name_length) == offsetof(WSAMSG, namelen));
static_assert(offsetof(wsamsg_twin, buffers) == offsetof(WSAMSG, lpBuffers));
static_assert(offsetof(wsamsg_twin, buffer_count) == offsetof(WSAMSG, dwBufferCount));
static_assert(offsetof(wsamsg_twin, control) == offsetof(WSAMSG, Control));
static_assert(offsetof(wsamsg_twin, flags) == offsetof(WSAMSG, dwFlags));
static_assert(iocp_socket_service_base::message_truncated == MSG_TRUNC);

}  // namespace ringport::detail
