// socket_service_base: the OS half under the shared socket_service<Protocol>. Both halves
// have the same members (see docs/architecture.md, "The socket service"):
//   POSIX (Linux): posix_socket_service_base, over io_uring or epoll behind socket_backend;
//   Windows: iocp_socket_service_base, over the completion port and the select reactor.
#pragma once

#include "ringport/detail/config.hpp"

#if defined(RINGPORT_LINUX)
#include "ringport/detail/linux/posix_socket_service_base.hpp"

namespace ringport::detail {
using socket_service_base = posix_socket_service_base;
}  // namespace ringport::detail
#elif defined(RINGPORT_WINDOWS)
#include "ringport/detail/windows/iocp_socket_initiate.hpp"

namespace ringport::detail {
using socket_service_base = iocp_socket_service_base;
}  // namespace ringport::detail
#else
#error "ringport: sockets are not implemented on this platform yet"
#endif
