// The error enumerators both libraries define, as one list each side expands with its own
// namespace, and the record either side fills: the Asio side (messages_asio.cpp) and the
// ringport side (messages_ringport.cpp) are compiled apart, so no file sees both libraries.
#pragma once

#include <string>
#include <vector>

// X(enumerator) for every error Asio's error.hpp names (misc, netdb and addrinfo included).
// clang-format off
#define ERROR_MESSAGES_INTEROP_LIST(X) \
  X(access_denied) \
  X(address_family_not_supported) \
  X(address_in_use) \
  X(already_connected) \
  X(already_started) \
  X(broken_pipe) \
  X(connection_aborted) \
  X(connection_refused) \
  X(connection_reset) \
  X(bad_descriptor) \
  X(fault) \
  X(host_unreachable) \
  X(in_progress) \
  X(interrupted) \
  X(invalid_argument) \
  X(message_size) \
  X(name_too_long) \
  X(network_down) \
  X(network_reset) \
  X(network_unreachable) \
  X(no_descriptors) \
  X(no_buffer_space) \
  X(no_memory) \
  X(no_permission) \
  X(no_protocol_option) \
  X(no_such_device) \
  X(not_connected) \
  X(not_socket) \
  X(operation_aborted) \
  X(operation_not_supported) \
  X(shut_down) \
  X(timed_out) \
  X(try_again) \
  X(would_block) \
  X(host_not_found) \
  X(host_not_found_try_again) \
  X(no_data) \
  X(no_recovery) \
  X(service_not_found) \
  X(socket_type_not_supported) \
  X(already_open) \
  X(eof) \
  X(not_found) \
  X(fd_set_failure)
// clang-format on

namespace error_messages_interop {

struct error_text {
  std::string name;
  int value = 0;
  std::string message;  // error_code::message()
  bool system = false;  // in the system category (errno values)
};

std::vector<error_text> asio_errors();
std::vector<error_text> ringport_errors();

}  // namespace error_messages_interop
