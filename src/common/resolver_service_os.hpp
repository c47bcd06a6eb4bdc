// The OS's half of the resolver service, implemented in src/<os>/resolver_service.cpp:
// starting the name service (Winsock on Windows, nothing on Linux) and turning getaddrinfo's
// and getnameinfo's codes into Asio's error values. Private to the library.
#pragma once

#include "ringport/error_code.hpp"

namespace ringport::detail::resolver_os {

// Called by every resolver_service's constructor and destructor (reference counted).
void startup();
void cleanup() noexcept;

// Clears, then reads, the error that explains a failed lookup (errno / WSAGetLastError).
void clear_last_error() noexcept;
int last_error() noexcept;

// A non-zero getaddrinfo/getnameinfo result (EAI_*) as Asio reports it; `saved_error` is
// last_error() taken right after the call (for EAI_SYSTEM and unknown codes).
error_code translate_addrinfo_error(int code, int saved_error);

}  // namespace ringport::detail::resolver_os
