// handle_service_base: the OS half under the shared handle_service (pipes, stream
// descriptors, files). Both halves have the same members (see docs/architecture.md, "Pipes,
// descriptors and files"):
//   POSIX (Linux): posix_handle_service_base, the socket half plus the calls of non-sockets;
//   Windows: iocp_handle_service_base, overlapped ReadFile/WriteFile on the completion port.
#pragma once

#include "ringport/detail/config.hpp"

#if defined(RINGPORT_LINUX)
#include "ringport/detail/linux/posix_handle_service_base.hpp"

namespace ringport::detail {
using handle_service_base = posix_handle_service_base;
}  // namespace ringport::detail
#elif defined(RINGPORT_WINDOWS)
#include "ringport/detail/windows/iocp_handle_service_base.hpp"

namespace ringport::detail {
using handle_service_base = iocp_handle_service_base;
}  // namespace ringport::detail
#else
#error "ringport: pipes and files are not implemented on this platform yet"
#endif
