// iocp_socket_service_base, result mapping: the Windows errors an op completes with, turned
// into Asio's values by the op shells (iocp_socket_ops.hpp).
#include "iocp_fault_injection.hpp"
#include "iocp_socket_internal.hpp"

#include "ringport/error.hpp"

namespace ringport::detail {

error_code iocp_socket_service_base::map_transfer_error(const error_code& ec,
                                                        bool closed) noexcept {
  if (!ec) return ec;
  // The socket was closed under the op: whatever the status says (real Windows answers
  // STATUS_CANCELLED or STATUS_LOCAL_DISCONNECT, Wine 8 STATUS_HANDLES_CLOSED), the op was
  // aborted by the close.
  if (closed) return error::operation_aborted;
  switch (ec.value()) {
    case ERROR_NETNAME_DELETED:
      return closed ? error_code(error::operation_aborted) : error_code(error::connection_reset);
    case ERROR_PORT_UNREACHABLE:
    case ERROR_CONNECTION_REFUSED:
      return error::connection_refused;
    case ERROR_CONNECTION_ABORTED:
      return closed ? error_code(error::operation_aborted) : error_code(error::connection_aborted);
    // Wine's STATUS_ALERTED: the thread that issued the op exited before Wine could do the
    // transfer in it. A receive not issued again was cancelled or its socket closed; a send
    // may have sent part of its data before (Wine forgets how much), so it cannot be issued
    // again and ends here.
    case ERROR_ALERTED:
      return error::operation_aborted;
    default:
      return ec;
  }
}

error_code iocp_socket_service_base::map_connect_error(const error_code& ec, bool closed) noexcept {
  // The socket was closed under the op: a connect that succeeded ends aborted too, so that
  // finish_connect never updates the connect context of a handle closed (maybe reused) since.
  if (closed) return error::operation_aborted;
  // Test fault: a connect that succeeded ends as one that failed (the user closes the
  // socket then, as after any failed connect).
  if (!ec) {
    if (unsigned long e = iocp_fault::connect_error())
      return map_connect_error(win_error(e), false);
  }
  switch (ec.value()) {
    case 0:
      return ec;
    case ERROR_CONNECTION_REFUSED:
      return error::connection_refused;
    case ERROR_NETWORK_UNREACHABLE:
      return error::network_unreachable;
    case ERROR_HOST_UNREACHABLE:
      return error::host_unreachable;
    case ERROR_SEM_TIMEOUT:
      return error::timed_out;
    default:
      return map_transfer_error(ec, closed);
  }
}

error_code iocp_socket_service_base::map_accept_error(const error_code& ec, bool closed,
                                                      bool took_socket) noexcept {
  // The listener was closed under the op: a connection it took cannot be finished either
  // (finish_accept names the listener's handle, closed and maybe reused since); the op shell
  // closes the accepted socket.
  if (closed) return error::operation_aborted;
  error_code result = map_accept_error_value(ec, closed);
  // Test switch: a connection taken for real is dropped and reported as reset.
  if (!result && took_socket && iocp_test_state::take_accepted_abort())
    result = error::connection_aborted;
  // Test fault: the connection taken was reset before it was accepted; the caller drops it.
  if (!result && took_socket) {
    if (unsigned long e = iocp_fault::accepted_connection_reset())
      result = map_accept_error_value(win_error(e), closed);
  }
  return result;
}

error_code iocp_socket_service_base::map_accept_error_value(const error_code& ec,
                                                            bool closed) noexcept {
  switch (ec.value()) {
    case ERROR_NETNAME_DELETED:
    case WSAECONNRESET:
    // Wine 8's AcceptEx ends with STATUS_UNEXPECTED_NETWORK_ERROR for a connection the peer
    // reset before it was taken.
    case ERROR_UNEXP_NET_ERR:
      return closed ? error_code(error::operation_aborted) : error_code(error::connection_aborted);
    case ERROR_PORT_UNREACHABLE:
      return error::connection_refused;
    default:
      return map_transfer_error(ec, closed);
  }
}

bool iocp_socket_service_base::is_truncation(const error_code& ec) noexcept {
  return ec.value() == WSAEMSGSIZE || ec.value() == ERROR_MORE_DATA;
}

}  // namespace ringport::detail
