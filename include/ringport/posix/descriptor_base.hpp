// posix::descriptor_base: what the descriptor classes share: the wait types and the
// bytes_readable I/O control command.
#pragma once

#include "ringport/detail/config.hpp"

// POSIX descriptors exist on POSIX systems only; elsewhere this header offers nothing, as
// Asio's does.
#if defined(RINGPORT_POSIX)
#include "ringport/socket_base.hpp"

namespace ringport::posix {

/// What the descriptor classes share: the wait types and the bytes_readable I/O control command
/// (Asio's posix::descriptor_base).
class descriptor_base {
 public:
  /// What a wait waits for: readable, writable, or an error (or exceptional condition) pending.
  enum wait_type {
    wait_read,   // readable
    wait_write,  // writable
    wait_error,  // an error or exceptional condition is pending
  };

  /// FIONREAD: the bytes that can be read without blocking (io_control).
  using bytes_readable = detail::bytes_readable_command;

 protected:
  ~descriptor_base() = default;
};

}  // namespace ringport::posix

#endif  // defined(RINGPORT_POSIX)
