// Chooses the socket service of the platform: detail::socket_service_for<Protocol>.
// Linux: the io_uring/epoll service. Windows: the IOCP service arrives with the Windows
// sockets issue; until then the public socket headers are not available there.
#pragma once

#include "ringport/detail/config.hpp"

#if defined(RINGPORT_LINUX)
#include "ringport/detail/linux/socket_service.hpp"

namespace ringport::detail {
template <typename Protocol>
using socket_service_for = socket_service<Protocol>;
}  // namespace ringport::detail
#else
#error "ringport: sockets are not implemented on this platform yet"
#endif
