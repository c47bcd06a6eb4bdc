// Chooses the socket service of the platform: detail::socket_service_for<Protocol>.
// Linux: the io_uring/epoll service. Windows: the IOCP service (the seed's
// win_iocp_socket_service), with the same member interface.
#pragma once

#include "ringport/detail/config.hpp"

#if defined(RINGPORT_LINUX)
#include "ringport/detail/linux/socket_service.hpp"

namespace ringport::detail {
template <typename Protocol>
using socket_service_for = socket_service<Protocol>;
}  // namespace ringport::detail
#elif defined(RINGPORT_WINDOWS)
#include "ringport/detail/windows/iocp_socket_service.hpp"

namespace ringport::detail {
template <typename Protocol>
using socket_service_for = iocp_socket_service<Protocol>;
}  // namespace ringport::detail
#else
#error "ringport: sockets are not implemented on this platform yet"
#endif
