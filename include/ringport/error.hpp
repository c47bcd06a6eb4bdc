// Asio's error:: values and categories. basic_errors are native OS codes in system_category;
// netdb, addrinfo and misc errors have their own categories, as in Asio.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/error_code.hpp"

#if defined(RINGPORT_POSIX)
#include <cerrno>
#include <netdb.h>
#endif

namespace ringport::error {

#if defined(RINGPORT_WINDOWS)
/// Winsock and Win32 codes, spelled as numbers so this header needs no <winsock2.h>;
/// src/windows checks each against the real constant.
enum basic_errors {
  access_denied = 10013,  // WSAEACCES
  address_family_not_supported = 10047,
  address_in_use = 10048,
  already_connected = 10056,
  already_started = 10037,  // WSAEALREADY
  broken_pipe = 109,        // ERROR_BROKEN_PIPE
  connection_aborted = 10053,
  connection_refused = 10061,
  connection_reset = 10054,
  bad_descriptor = 10009,  // WSAEBADF
  fault = 10014,
  host_unreachable = 10065,
  in_progress = 10036,
  interrupted = 10004,
  invalid_argument = 10022,
  message_size = 10040,
  name_too_long = 10063,
  network_down = 10050,
  network_reset = 10052,
  network_unreachable = 10051,
  no_descriptors = 10024,  // WSAEMFILE
  no_buffer_space = 10055,
  no_memory = 14,     // ERROR_OUTOFMEMORY
  no_permission = 5,  // ERROR_ACCESS_DENIED
  no_protocol_option = 10042,
  no_such_device = 20,  // ERROR_BAD_UNIT (as Asio)
  not_connected = 10057,
  not_socket = 10038,
  operation_aborted = 995,          // ERROR_OPERATION_ABORTED
  operation_not_supported = 10045,  // WSAEOPNOTSUPP
  shut_down = 10058,
  timed_out = 10060,
  try_again = 1237,     // ERROR_RETRY
  would_block = 10035,  // WSAEWOULDBLOCK
};
enum netdb_errors {
  host_not_found = 11001,  // WSAHOST_NOT_FOUND
  host_not_found_try_again = 11002,
  no_data = 11004,
  no_recovery = 11003,
};
enum addrinfo_errors {
  service_not_found = 10109,          // WSATYPE_NOT_FOUND
  socket_type_not_supported = 10044,  // WSAESOCKTNOSUPPORT
};
#else
/// Asio's basic errors: native operating-system codes (errno values), in system_category.
enum basic_errors {
  access_denied = EACCES,
  address_family_not_supported = EAFNOSUPPORT,
  address_in_use = EADDRINUSE,
  already_connected = EISCONN,
  already_started = EALREADY,
  broken_pipe = EPIPE,
  connection_aborted = ECONNABORTED,
  connection_refused = ECONNREFUSED,
  connection_reset = ECONNRESET,
  bad_descriptor = EBADF,
  fault = EFAULT,
  host_unreachable = EHOSTUNREACH,
  in_progress = EINPROGRESS,
  interrupted = EINTR,
  invalid_argument = EINVAL,
  message_size = EMSGSIZE,
  name_too_long = ENAMETOOLONG,
  network_down = ENETDOWN,
  network_reset = ENETRESET,
  network_unreachable = ENETUNREACH,
  no_descriptors = EMFILE,
  no_buffer_space = ENOBUFS,
  no_memory = ENOMEM,
  no_permission = EPERM,
  no_protocol_option = ENOPROTOOPT,
  no_such_device = ENODEV,
  not_connected = ENOTCONN,
  not_socket = ENOTSOCK,
  operation_aborted = ECANCELED,
  operation_not_supported = EOPNOTSUPP,
  shut_down = ESHUTDOWN,
  timed_out = ETIMEDOUT,
  try_again = EAGAIN,
  would_block = EWOULDBLOCK,
};
/// The resolver's netdb errors (the h_errno values), in netdb_category ("ringport.netdb").
enum netdb_errors {
  host_not_found = 1,  // HOST_NOT_FOUND
  host_not_found_try_again = 2,
  no_data = 4,
  no_recovery = 3,
};
/// The resolver's getaddrinfo errors (EAI_SERVICE, EAI_SOCKTYPE), in addrinfo_category
/// ("ringport.addrinfo").
enum addrinfo_errors {
  service_not_found = EAI_SERVICE,
  socket_type_not_supported = EAI_SOCKTYPE,
};
#endif

/// Errors of the library's own, in misc_category ("ringport.misc"): already_open, eof (end
/// of file), not_found (element not found) and fd_set_failure.
enum misc_errors {
  already_open = 1,
  eof,
  not_found,
  fd_set_failure,
};

/// @name Categories
//@{
/// The categories of the error enums: get_system_category() is ringport::system_category()
/// (native operating-system errors); the netdb, addrinfo and misc categories are the
/// library's own, named "ringport.netdb", "ringport.addrinfo" and "ringport.misc". The
/// variables are references to the same objects, as Asio's.
RINGPORT_DECL const error_category& get_system_category() noexcept;
RINGPORT_DECL const error_category& get_netdb_category() noexcept;
RINGPORT_DECL const error_category& get_addrinfo_category() noexcept;
RINGPORT_DECL const error_category& get_misc_category() noexcept;

inline const error_category& system_category = get_system_category();
inline const error_category& netdb_category = get_netdb_category();
inline const error_category& addrinfo_category = get_addrinfo_category();
inline const error_category& misc_category = get_misc_category();
//@}

/// @name Making error codes
//@{
/// An error code of the value `e` in its enum's category, so that each enum converts to
/// error_code (std::is_error_code_enum is specialised for them).
inline error_code make_error_code(basic_errors e) {
  return error_code(static_cast<int>(e), get_system_category());
}
inline error_code make_error_code(netdb_errors e) {
  return error_code(static_cast<int>(e), get_netdb_category());
}
inline error_code make_error_code(addrinfo_errors e) {
  return error_code(static_cast<int>(e), get_addrinfo_category());
}
inline error_code make_error_code(misc_errors e) {
  return error_code(static_cast<int>(e), get_misc_category());
}
//@}

}  // namespace ringport::error

namespace std {
template <>
struct is_error_code_enum<ringport::error::basic_errors> : true_type {};
template <>
struct is_error_code_enum<ringport::error::netdb_errors> : true_type {};
template <>
struct is_error_code_enum<ringport::error::addrinfo_errors> : true_type {};
template <>
struct is_error_code_enum<ringport::error::misc_errors> : true_type {};
}  // namespace std
