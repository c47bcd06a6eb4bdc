// iocp_socket_service_base, the synchronous calls: send, receive, wait, bind, listen,
// connect, accept, shutdown and the endpoints. They block in select() where Winsock would
// answer WSAEWOULDBLOCK on a socket in FIONBIO mode, and report would_block instead where
// the user asked for non_blocking.
#include "iocp_fault_injection.hpp"
#include "iocp_socket_internal.hpp"

#include "ringport/detail/socket_types.hpp"
#include "ringport/error.hpp"

namespace ringport::detail {

namespace {

// Waits until `s` is readable, writable or has an error, as asked. Blocks.
bool wait_for(native_socket_type s, socket_base::wait_type w, error_code& ec) {
  fd_set set;
  FD_ZERO(&set);
  FD_SET(sock(s), &set);
  fd_set* r = w == socket_base::wait_read ? &set : nullptr;
  fd_set* wr = w == socket_base::wait_write ? &set : nullptr;
  fd_set* ex = w == socket_base::wait_error ? &set : nullptr;
  if (::select(0, r, wr, ex, nullptr) == SOCKET_ERROR) {
    ec = last_wsa_error();
    return false;
  }
  return true;
}

// getsockname or getpeername into addr (len bytes in, the address's length out).
error_code query_endpoint(int(WSAAPI* query)(SOCKET, sockaddr*, int*), SOCKET s, bool open,
                          void* addr, std::size_t& len, error_code& ec) {
  if (!open) {
    ec = error::bad_descriptor;
    return ec;
  }
  int l = static_cast<int>(len);
  if (query(s, static_cast<sockaddr*>(addr), &l) != 0) {
    ec = last_wsa_error();
    return ec;
  }
  len = static_cast<std::size_t>(l);
  ec.clear();
  return ec;
}

}  // namespace

error_code iocp_socket_service_base::shutdown(base_implementation_type& impl,
                                              socket_base::shutdown_type what, error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (::shutdown(sock(impl.socket_), static_cast<int>(what)) != 0)
    ec = last_wsa_error();
  else
    ec.clear();
  return ec;
}

error_code iocp_socket_service_base::listen(base_implementation_type& impl, int backlog,
                                            error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (::listen(sock(impl.socket_), backlog) != 0) {
    ec = last_wsa_error();
  } else {
    impl.state_ |= listening;
    ec.clear();
  }
  return ec;
}

std::size_t iocp_socket_service_base::send(base_implementation_type& impl,
                                           const native_buffer* bufs, std::size_t count,
                                           std::size_t total, socket_base::message_flags flags,
                                           error_code& ec, const void* addr, std::size_t addr_len) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return 0;
  }
  if (total == 0 && (impl.state_ & stream_oriented)) {
    ec.clear();
    return 0;
  }
  bool user_nb = impl.state_ & user_set_non_blocking;
  if (user_nb && !(impl.state_ & internal_non_blocking)) {
    // Winsock has no per-call "don't wait" flag: look first.
    timeval tv{0, 0};
    fd_set set;
    FD_ZERO(&set);
    FD_SET(sock(impl.socket_), &set);
    if (::select(0, nullptr, &set, nullptr, &tv) == 0) {
      ec = error::would_block;
      return 0;
    }
  }
  auto* wsabufs = reinterpret_cast<WSABUF*>(const_cast<native_buffer*>(bufs));
  bool stream = (impl.state_ & stream_oriented) && !addr;
  for (;;) {
    DWORD sent = 0;
    // Test faults: nothing ready yet (a wait follows), a reset, or a shorter send.
    WSABUF cut[iocp_fault::max_cut_buffers];
    unsigned long cut_count = 0;
    int r = SOCKET_ERROR;
    int e = WSAEWOULDBLOCK;
    if (user_nb || !iocp_fault::would_block()) {
      if (unsigned long f =
              iocp_fault::transfer_fault(stream, sock(impl.socket_), wsabufs,
                                         static_cast<unsigned long>(count), cut, cut_count)) {
        ec = map_transfer_error(win_error(f), false);
        return 0;
      }
      WSABUF* b = cut_count ? cut : wsabufs;
      DWORD n = cut_count ? cut_count : static_cast<DWORD>(count);
      r = addr ? ::WSASendTo(sock(impl.socket_), b, n, &sent, static_cast<DWORD>(flags),
                             static_cast<const sockaddr*>(addr), static_cast<int>(addr_len),
                             nullptr, nullptr)
               : ::WSASend(sock(impl.socket_), b, n, &sent, static_cast<DWORD>(flags), nullptr,
                           nullptr);
      if (r == 0) {
        ec.clear();
        return sent;
      }
      e = ::WSAGetLastError();
    }
    if (e != WSAEWOULDBLOCK || user_nb) {
      ec = map_transfer_error(win_error(static_cast<unsigned long>(e)), false);
      return 0;
    }
    if (!wait_for(impl.socket_, socket_base::wait_write, ec)) return 0;
  }
}

std::size_t iocp_socket_service_base::receive(base_implementation_type& impl, native_buffer* bufs,
                                              std::size_t count, std::size_t total,
                                              socket_base::message_flags flags, error_code& ec,
                                              void* addr, std::size_t* addr_len, int* out_flags) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return 0;
  }
  bool stream = impl.state_ & stream_oriented;
  if (total == 0 && stream) {
    ec.clear();
    return 0;
  }
  bool user_nb = impl.state_ & user_set_non_blocking;
  if (user_nb && !(impl.state_ & internal_non_blocking)) {
    timeval tv{0, 0};
    fd_set set;
    FD_ZERO(&set);
    FD_SET(sock(impl.socket_), &set);
    if (::select(0, &set, nullptr, nullptr, &tv) == 0) {
      ec = error::would_block;
      return 0;
    }
  }
  auto* wsabufs = reinterpret_cast<WSABUF*>(bufs);
  // Receive with flags on a datagram socket: WSARecvMsg (it reports the message's flags).
  LPFN_WSARECVMSG recv_msg = nullptr;
  if (out_flags) {
    *out_flags = 0;
    if (impl.state_ & datagram_oriented) {
      recv_msg = reinterpret_cast<LPFN_WSARECVMSG>(wsa_recv_msg(impl.socket_));
      if (recv_msg == nullptr) {
        ec = error::operation_not_supported;
        return 0;
      }
    }
  }
  for (;;) {
    DWORD received = 0;
    DWORD f = static_cast<DWORD>(flags);
    int len = addr_len ? static_cast<int>(*addr_len) : 0;
    WSAMSG msg{};
    int r;
    // Test faults: nothing ready yet (a wait follows), a reset, or a shorter receive.
    WSABUF cut[iocp_fault::max_cut_buffers];
    unsigned long cut_count = 0;
    bool not_ready = !user_nb && iocp_fault::would_block();
    if (not_ready) {
      r = SOCKET_ERROR;
    } else if (unsigned long fe = iocp_fault::transfer_fault(
                   stream && !recv_msg && !addr, sock(impl.socket_), wsabufs,
                   static_cast<unsigned long>(count), cut, cut_count)) {
      ec = map_transfer_error(win_error(fe), false);
      return 0;
    } else if (recv_msg) {
      msg.lpBuffers = wsabufs;
      msg.dwBufferCount = static_cast<DWORD>(count);
      msg.dwFlags = f;
      r = recv_msg(sock(impl.socket_), &msg, &received, nullptr, nullptr);
    } else if (addr) {
      r = ::WSARecvFrom(sock(impl.socket_), wsabufs, static_cast<DWORD>(count), &received, &f,
                        static_cast<sockaddr*>(addr), &len, nullptr, nullptr);
    } else {
      r = ::WSARecv(sock(impl.socket_), cut_count ? cut : wsabufs,
                    cut_count ? cut_count : static_cast<DWORD>(count), &received, &f, nullptr,
                    nullptr);
    }
    int e = r == 0 ? 0 : not_ready ? WSAEWOULDBLOCK : ::WSAGetLastError();
    bool truncated = false;
    if (r != 0 && !stream && (e == WSAEMSGSIZE || e == ERROR_MORE_DATA)) {
      // A datagram cut to fit the buffers succeeds with the buffers' size, as on Linux.
      r = 0;
      truncated = true;
      if (received == 0) received = static_cast<DWORD>(total);
    }
    if (r == 0) {
      if (recv_msg)
        *out_flags = static_cast<int>(msg.dwFlags) | (truncated ? message_truncated : 0);
      if (addr_len) *addr_len = static_cast<std::size_t>(len);
      if (received == 0 && stream) {
        ec = error::eof;
        return 0;
      }
      ec.clear();
      return received;
    }
    if (e != WSAEWOULDBLOCK || user_nb) {
      ec = map_transfer_error(win_error(static_cast<unsigned long>(e)), false);
      return 0;
    }
    if (!wait_for(impl.socket_,
                  (flags & socket_base::message_out_of_band) ? socket_base::wait_error
                                                             : socket_base::wait_read,
                  ec))
      return 0;
  }
}

error_code iocp_socket_service_base::wait(base_implementation_type& impl, socket_base::wait_type w,
                                          error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  ec.clear();
  wait_for(impl.socket_, w, ec);
  return ec;
}

error_code iocp_socket_service_base::do_bind(base_implementation_type& impl, const void* addr,
                                             std::size_t len, error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (::bind(sock(impl.socket_), static_cast<const sockaddr*>(addr), static_cast<int>(len)) != 0)
    ec = last_wsa_error();
  else
    ec.clear();
  return ec;
}

error_code iocp_socket_service_base::do_connect(base_implementation_type& impl, const void* addr,
                                                std::size_t len, error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  ec.clear();
  if (::connect(sock(impl.socket_), static_cast<const sockaddr*>(addr), static_cast<int>(len)) == 0)
    return ec;
  int e = ::WSAGetLastError();
  if (e != WSAEWOULDBLOCK && e != WSAEINPROGRESS) {
    ec = win_error(static_cast<unsigned long>(e));
    return ec;
  }
  // A non-blocking socket: the connect goes on; writability (or the exception set) says it
  // has finished.
  fd_set w, x;
  FD_ZERO(&w);
  FD_ZERO(&x);
  FD_SET(sock(impl.socket_), &w);
  FD_SET(sock(impl.socket_), &x);
  if (::select(0, nullptr, &w, &x, nullptr) == SOCKET_ERROR) {
    ec = last_wsa_error();
    return ec;
  }
  int err = 0;
  int err_len = sizeof err;
  if (::getsockopt(sock(impl.socket_), SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&err),
                   &err_len) != 0)
    ec = last_wsa_error();
  else if (err != 0)
    ec = win_error(static_cast<unsigned long>(err));
  return ec;
}

iocp_socket_service_base::native_handle_type iocp_socket_service_base::do_accept(
    base_implementation_type& impl, void* addr, std::size_t* len, error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return invalid_native_socket;
  }
  bool user_nb = impl.state_ & user_set_non_blocking;
  for (;;) {
    if (user_nb && !(impl.state_ & internal_non_blocking)) {
      timeval tv{0, 0};
      fd_set set;
      FD_ZERO(&set);
      FD_SET(sock(impl.socket_), &set);
      if (::select(0, &set, nullptr, nullptr, &tv) == 0) {
        ec = error::would_block;
        return invalid_native_socket;
      }
    }
    int l = len ? static_cast<int>(*len) : 0;
    SOCKET s = INVALID_SOCKET;
    int e = WSAEWOULDBLOCK;
    // Test faults, before the call (the connection stays queued): nothing ready yet (a wait
    // follows), or no descriptor for the new socket.
    if (user_nb || !iocp_fault::would_block()) {
      if (unsigned long nd = iocp_fault::no_descriptors()) {
        e = static_cast<int>(nd);
      } else {
        s = ::accept(sock(impl.socket_), static_cast<sockaddr*>(addr), addr ? &l : nullptr);
        e = s == INVALID_SOCKET ? ::WSAGetLastError() : 0;
      }
    }
    if (s != INVALID_SOCKET && iocp_test_state::take_accepted_abort()) {
      // Test switch: the connection is dropped and reported as reset before it was taken.
      ::closesocket(s);
      s = INVALID_SOCKET;
      e = WSAECONNRESET;
    }
    if (s != INVALID_SOCKET) {
      if (len) *len = static_cast<std::size_t>(l);
      ec.clear();
      return s;
    }
    // A connection reset before it was taken. Wine 8 reports it as WSAENOTCONN (its accept
    // asks for the peer's address of a connection that is gone).
    if (e == WSAECONNRESET || e == WSAECONNABORTED || e == WSAENOTCONN) {
      if (impl.state_ & enable_connection_aborted) {
        ec = error::connection_aborted;
        return invalid_native_socket;
      }
      continue;
    }
    if (e != WSAEWOULDBLOCK || user_nb) {
      ec = win_error(static_cast<unsigned long>(e));
      return invalid_native_socket;
    }
    if (!wait_for(impl.socket_, socket_base::wait_read, ec)) return invalid_native_socket;
  }
}

error_code iocp_socket_service_base::do_local_endpoint(const base_implementation_type& impl,
                                                       void* addr, std::size_t& len,
                                                       error_code& ec) const {
  return query_endpoint(&::getsockname, sock(impl.socket_), is_open(impl), addr, len, ec);
}

error_code iocp_socket_service_base::do_remote_endpoint(const base_implementation_type& impl,
                                                        void* addr, std::size_t& len,
                                                        error_code& ec) const {
  return query_endpoint(&::getpeername, sock(impl.socket_), is_open(impl), addr, len, ec);
}

}  // namespace ringport::detail
