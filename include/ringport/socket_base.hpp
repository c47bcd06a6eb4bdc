// socket_base: the types and constants every socket class shares, with Asio's names. The
// values are the POSIX ones (numbers on Windows); the option names are socket_option shapes.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/socket_option.hpp"

#include <cstddef>

#if defined(RINGPORT_POSIX)
#include <sys/ioctl.h>
#include <sys/socket.h>
#endif

namespace ringport {

namespace detail {

// Options that are not setsockopt calls but flags the socket service keeps (Asio's custom
// option level): set_option/get_option recognise this level and never reach the kernel.
inline constexpr int custom_socket_option_level = static_cast<int>(0xA5100000u);
inline constexpr int enable_connection_aborted_option = 1;

// The io_control requests the socket classes use, as the platform numbers them (Winsock's
// values spelled out: installed headers do not include <winsock2.h>).
#if defined(RINGPORT_WINDOWS)
inline constexpr long fionread_request = static_cast<long>(0x4004667Fu);    // FIONREAD
inline constexpr long siocatmark_request = static_cast<long>(0x40047307u);  // SIOCATMARK
#else
inline constexpr int fionread_request = FIONREAD;
inline constexpr int siocatmark_request = SIOCATMARK;
#endif

// An io_control command (Asio's IoControlCommand) whose argument is the platform's integer:
// u_long for ioctlsocket, int for ioctl.
template <auto Request>
class integer_io_control {
 public:
#if defined(RINGPORT_WINDOWS)
  using argument_type = unsigned long;
#else
  using argument_type = int;
#endif

  auto name() const noexcept {
    return Request;
  }
  argument_type* data() noexcept {
    return &value_;
  }
  const argument_type* data() const noexcept {
    return &value_;
  }

 protected:
  argument_type value_ = 0;
};

// socket_base::bytes_readable (FIONREAD): the bytes that can be read without blocking.
class bytes_readable_command : public integer_io_control<fionread_request> {
 public:
  bytes_readable_command() noexcept = default;
  explicit bytes_readable_command(std::size_t value) noexcept { set(value); }
  void set(std::size_t value) noexcept { value_ = static_cast<argument_type>(value); }
  std::size_t get() const noexcept { return static_cast<std::size_t>(value_); }
};

// basic_socket::at_mark's command (SIOCATMARK): nonzero when the next byte to read is at the
// out-of-band mark (Winsock answers its own question: see basic_socket::at_mark).
class at_mark_command : public integer_io_control<siocatmark_request> {
 public:
  bool get() const noexcept { return value_ != 0; }
};

}  // namespace detail

/// The types, constants and socket options every socket and acceptor shares (Asio's
/// socket_base).
class socket_base {
 public:
  /// What shutdown() disables: receiving, sending or both.
  enum shutdown_type {
#if defined(RINGPORT_WINDOWS)
    shutdown_receive = 0,  // SD_RECEIVE
    shutdown_send = 1,     // SD_SEND
    shutdown_both = 2,     // SD_BOTH
#else
    shutdown_receive = SHUT_RD,
    shutdown_send = SHUT_WR,
    shutdown_both = SHUT_RDWR,
#endif
  };

  /// @name Message flags
  //@{
  /// Flags for send and receive (bits of message_flags): peek, out-of-band data, do not route,
  /// end of record.
  using message_flags = int;
#if defined(RINGPORT_WINDOWS)
  static constexpr int message_peek = 0x2;
  static constexpr int message_out_of_band = 0x1;
  static constexpr int message_do_not_route = 0x4;
  static constexpr int message_end_of_record = 0;
#else
  static constexpr int message_peek = MSG_PEEK;
  static constexpr int message_out_of_band = MSG_OOB;
  static constexpr int message_do_not_route = MSG_DONTROUTE;
  static constexpr int message_end_of_record = MSG_EOR;
#endif

  //@}
  /// What a wait waits for: readable, writable, or an error (or out-of-band data) pending.
  enum wait_type {
    wait_read,   // readable
    wait_write,  // writable
    wait_error,  // an error or out-of-band data is pending
  };

#if defined(RINGPORT_WINDOWS)
  static constexpr int max_listen_connections = 0x7fffffff;  // SOMAXCONN
#else
  /// The largest listen() backlog (SOMAXCONN), listen()'s default.
  static constexpr int max_listen_connections = SOMAXCONN;
#endif
  /// Asio's older name.
  static constexpr int max_connections = max_listen_connections;

  /// @name Socket options
  //@{
  /// Socket-level options (SOL_SOCKET).
  using broadcast = detail::socket_option::boolean<detail::sol_socket, detail::so_broadcast>;
  using debug = detail::socket_option::boolean<detail::sol_socket, detail::so_debug>;
  using do_not_route = detail::socket_option::boolean<detail::sol_socket, detail::so_dontroute>;
  using keep_alive = detail::socket_option::boolean<detail::sol_socket, detail::so_keepalive>;
  using send_buffer_size = detail::socket_option::integer<detail::sol_socket, detail::so_sndbuf>;
  using send_low_watermark =
      detail::socket_option::integer<detail::sol_socket, detail::so_sndlowat>;
  using receive_buffer_size = detail::socket_option::integer<detail::sol_socket, detail::so_rcvbuf>;
  using receive_low_watermark =
      detail::socket_option::integer<detail::sol_socket, detail::so_rcvlowat>;
  using reuse_address = detail::socket_option::boolean<detail::sol_socket, detail::so_reuseaddr>;
  using linger = detail::socket_option::linger<detail::sol_socket, detail::so_linger>;
  using out_of_band_inline =
      detail::socket_option::boolean<detail::sol_socket, detail::so_oobinline>;

  //@}

  /// An acceptor flag, not a setsockopt: when false (the default) an accept that fails
  /// because the peer reset the connection before it was taken (ECONNABORTED, EPROTO) is
  /// retried silently; when true it completes with that error (error::connection_aborted).
  using enable_connection_aborted =
      detail::socket_option::boolean<detail::custom_socket_option_level,
                                     detail::enable_connection_aborted_option>;

  /// io_control command: the bytes that can be read without blocking (FIONREAD).
  using bytes_readable = detail::bytes_readable_command;

 protected:
  // Not meant to be deleted through a pointer to the base.
  ~socket_base() = default;
};

}  // namespace ringport
