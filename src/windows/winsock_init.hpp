// Winsock, started and cleaned up by reference count for the whole library: every service
// that calls Winsock (sockets, resolver) holds one reference while it lives. Private.
#pragma once

namespace ringport::detail {

// The first reference calls WSAStartup (throws std::system_error if it fails).
void winsock_acquire();
// The last one calls WSACleanup.
void winsock_release() noexcept;

}  // namespace ringport::detail
