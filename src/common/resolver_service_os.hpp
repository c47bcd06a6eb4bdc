// The OS's half of the resolver service, implemented in src/<os>/resolver_service.cpp:
// starting the name service (Winsock on Windows, nothing on Linux), the last error, and what
// a failed lookup that is not a name-database answer reports. Private to the library.
#pragma once

#include "ringport/error_code.hpp"

namespace ringport::detail::resolver_os {

// Called by every resolver_service's constructor and destructor (reference counted).
void startup();
void cleanup() noexcept;

// Clears, then reads, the error that explains a failed lookup (errno / WSAGetLastError).
void clear_last_error() noexcept;
int last_error() noexcept;

// A getaddrinfo/getnameinfo result that is not one of the name database's answers
// (EAI_SYSTEM, unknown codes); `saved_error` is last_error() taken right after the call.
error_code other_addrinfo_error(int code, int saved_error);

}  // namespace ringport::detail::resolver_os
