// socket_base: the types and constants every socket class shares, with Asio's names. The
// values are the POSIX ones (numbers on Windows); the option names are socket_option shapes.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/socket_option.hpp"

#if defined(RINGPORT_POSIX)
#include <sys/socket.h>
#endif

namespace ringport {

class socket_base {
 public:
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

  enum wait_type {
    wait_read,   // readable
    wait_write,  // writable
    wait_error,  // an error or out-of-band data is pending
  };

#if defined(RINGPORT_WINDOWS)
  static constexpr int max_listen_connections = 0x7fffffff;  // SOMAXCONN
#else
  static constexpr int max_listen_connections = SOMAXCONN;
#endif
  // Asio's older name.
  static constexpr int max_connections = max_listen_connections;

  // Socket-level options (SOL_SOCKET). enable_connection_aborted and the bytes_readable
  // io_control command are not here yet: the first is a flag the accept path must honour,
  // not a setsockopt, and the second needs basic_socket::io_control.
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

 protected:
  // Not meant to be deleted through a pointer to the base.
  ~socket_base() = default;
};

}  // namespace ringport
