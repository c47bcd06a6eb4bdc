// include/ringport/detail/native_buffer.hpp declares wsabuf_twin so that installed headers
// need no <winsock2.h>. Here it meets the real WSABUF: a mismatch fails the build instead of
// corrupting a WSASend/WSARecv at run time. Nothing to link.
#include "ringport/detail/native_buffer.hpp"

#include <winsock2.h>

#include <cstddef>

namespace ringport::detail {

static_assert(sizeof(wsabuf_twin) == sizeof(WSABUF));
static_assert(alignof(wsabuf_twin) == alignof(WSABUF));
static_assert(offsetof(wsabuf_twin, len) == offsetof(WSABUF, len));
static_assert(offsetof(wsabuf_twin, buf) == offsetof(WSABUF, buf));
static_assert(sizeof(wsabuf_twin::len) == sizeof(ULONG));
static_assert(sizeof(wsabuf_twin::buf) == sizeof(CHAR*));

}  // namespace ringport::detail
