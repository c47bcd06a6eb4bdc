// include/ringport/error.hpp spells the Windows error values as numbers so that it needs no
// Windows header. Here each one meets the constant it stands for (the one Asio uses), so a
// wrong number fails the build instead of a comparison at run time. Nothing to link.
#include "ringport/error.hpp"

#include <winsock2.h>
#include <windows.h>

namespace ringport::error {

// basic_errors
static_assert(access_denied == WSAEACCES);
static_assert(address_family_not_supported == WSAEAFNOSUPPORT);
static_assert(address_in_use == WSAEADDRINUSE);
static_assert(already_connected == WSAEISCONN);
static_assert(already_started == WSAEALREADY);
static_assert(broken_pipe == ERROR_BROKEN_PIPE);
static_assert(connection_aborted == WSAECONNABORTED);
static_assert(connection_refused == WSAECONNREFUSED);
static_assert(connection_reset == WSAECONNRESET);
static_assert(bad_descriptor == WSAEBADF);
static_assert(fault == WSAEFAULT);
static_assert(host_unreachable == WSAEHOSTUNREACH);
static_assert(in_progress == WSAEINPROGRESS);
static_assert(interrupted == WSAEINTR);
static_assert(invalid_argument == WSAEINVAL);
static_assert(message_size == WSAEMSGSIZE);
static_assert(name_too_long == WSAENAMETOOLONG);
static_assert(network_down == WSAENETDOWN);
static_assert(network_reset == WSAENETRESET);
static_assert(network_unreachable == WSAENETUNREACH);
static_assert(no_descriptors == WSAEMFILE);
static_assert(no_buffer_space == WSAENOBUFS);
static_assert(no_memory == ERROR_OUTOFMEMORY);
static_assert(no_permission == ERROR_ACCESS_DENIED);
static_assert(no_protocol_option == WSAENOPROTOOPT);
static_assert(no_such_device == ERROR_BAD_UNIT);
static_assert(not_connected == WSAENOTCONN);
static_assert(not_socket == WSAENOTSOCK);
static_assert(operation_aborted == ERROR_OPERATION_ABORTED);
static_assert(operation_not_supported == WSAEOPNOTSUPP);
static_assert(shut_down == WSAESHUTDOWN);
static_assert(timed_out == WSAETIMEDOUT);
static_assert(try_again == ERROR_RETRY);
static_assert(would_block == WSAEWOULDBLOCK);

// netdb_errors
static_assert(host_not_found == WSAHOST_NOT_FOUND);
static_assert(host_not_found_try_again == WSATRY_AGAIN);
static_assert(no_data == WSANO_DATA);
static_assert(no_recovery == WSANO_RECOVERY);

// addrinfo_errors
static_assert(service_not_found == WSATYPE_NOT_FOUND);
static_assert(socket_type_not_supported == WSAESOCKTNOSUPPORT);

}  // namespace ringport::error
