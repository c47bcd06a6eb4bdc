// iocp_socket_service_base, connect and accept: ConnectEx on a socket bound first (or the
// select reactor's connect where ConnectEx is missing), AcceptEx into a socket opened like the
// listener, an accept started again after its connection was reset, and the calls that
// finish both once they have succeeded.
#include "iocp_fault_injection.hpp"
#include "iocp_socket_internal.hpp"

#include "ringport/detail/backend.hpp"
#include "select_reactor.hpp"
#include "ringport/detail/scheduler.hpp"
#include "ringport/error.hpp"

#include <cstddef>
#include <cstring>

namespace ringport::detail {

namespace {

// A loopback destination (127/8, ::1, ::ffff:127/104): the only kind a socket can end up
// connected to itself with.
bool is_loopback(const void* addr) {
  const auto* sa = static_cast<const sockaddr*>(addr);
  if (sa->sa_family == AF_INET)
    return reinterpret_cast<const unsigned char*>(
               &reinterpret_cast<const sockaddr_in*>(addr)->sin_addr)[0] == 127;
  if (sa->sa_family == AF_INET6) {
    const auto* a6 = reinterpret_cast<const unsigned char*>(
        &reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr);
    static const unsigned char loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return std::memcmp(a6, loopback, 16) == 0 ||
           (std::memcmp(a6, mapped, 12) == 0 && a6[12] == 127);
  }
  return false;
}

// port_of() reads the port of either family at the IPv4 offset.
static_assert(offsetof(sockaddr_in, sin_port) == offsetof(sockaddr_in6, sin6_port));

// The port of an IPv4 or IPv6 address (network byte order; both keep it at the same place).
unsigned short port_of(const void* addr) {
  return reinterpret_cast<const sockaddr_in*>(addr)->sin_port;
}

}  // namespace

void iocp_socket_service_base::start_accept_op(base_implementation_type& impl, iocp_op& op,
                                               native_handle_type new_socket, void* output_buffer) {
  trace_start(op, "accept", impl.socket_);
  if (!begin_op(impl, op)) return;
  issue_accept(impl.socket_, (impl.state_ & skip_completion_port) != 0, op, new_socket,
               output_buffer);
}

void iocp_socket_service_base::issue_accept(native_handle_type listener, bool skips_port,
                                            iocp_op& op, native_handle_type new_socket,
                                            void* output_buffer) {
  auto fn = reinterpret_cast<LPFN_ACCEPTEX>(accept_ex(listener));
  if (fn == nullptr || get_accept_ex_sockaddrs(listener) == nullptr) {
    on_completion(op, WSAEOPNOTSUPP, 0);
    return;
  }
  if (iocp_test_state::take_accept_failure()) {
    on_completion(op, ERROR_NETNAME_DELETED, 0);
    return;
  }
  // Test fault: AcceptEx fails at once, the connection staying queued.
  if (unsigned long e = iocp_fault::accept_start_error()) {
    on_completion(op, e, 0);
    return;
  }
  backend_.overlapped_started();
  DWORD bytes = 0;
  BOOL ok = fn(sock(listener), sock(new_socket), output_buffer, 0,
               static_cast<DWORD>(accept_address_length), static_cast<DWORD>(accept_address_length),
               &bytes, reinterpret_cast<LPOVERLAPPED>(op.overlapped()));
  unsigned long err = ok ? 0 : static_cast<unsigned long>(::WSAGetLastError());
  finish_start(skips_port, op, ok != FALSE, err, bytes);
}

bool iocp_socket_service_base::restart_accept_op(native_handle_type listener, bool skips_port,
                                                 iocp_op& op, native_handle_type& new_socket,
                                                 void* output_buffer, error_code& ec) {
  close_native(new_socket);
  new_socket = open_like(listener, ec);
  if (new_socket == invalid_native_socket) return false;
  // The op is a fresh overlapped request again.
  op.internal = 0;
  op.internal_high = 0;
  op.offset = 0;
  op.offset_high = 0;
  op.event = nullptr;
  op.ready_.store(0, std::memory_order_relaxed);
  scheduler_.work_started();
  issue_accept(listener, skips_port, op, new_socket, output_buffer);
  return true;
}

void iocp_socket_service_base::start_connect_op(base_implementation_type& impl, iocp_op& op,
                                                const void* addr, std::size_t len) {
  trace_start(op, "connect", impl.socket_);
  if (!begin_op(impl, op)) return;
  auto fn = (impl.state_ & stream_oriented)
                ? reinterpret_cast<LPFN_CONNECTEX>(connect_ex(impl.socket_))
                : nullptr;
  if (fn == nullptr) {
    // The select reactor's connect: a non-blocking connect, finished on writability (or the
    // exception set, where Windows reports a failed connect).
    if (!(impl.state_ & internal_non_blocking)) {
      u_long on = 1;
      if (::ioctlsocket(sock(impl.socket_), FIONBIO, &on) != 0) {
        on_completion(op, static_cast<unsigned long>(::WSAGetLastError()), 0);
        return;
      }
      impl.state_ |= internal_non_blocking;
    }
    if (::connect(sock(impl.socket_), static_cast<const sockaddr*>(addr), static_cast<int>(len)) ==
        0) {
      on_completion(op, 0, 0);
      return;
    }
    int e = ::WSAGetLastError();
    if (e != WSAEWOULDBLOCK) {
      on_completion(op, static_cast<unsigned long>(e), 0);
      return;
    }
    start_reactor_op(impl, op, select_reactor::connect_op);
    return;
  }
  // ConnectEx wants a bound socket: bind to the wildcard address of the family first,
  // unless the user bound it already.
  {
    SOCKADDR_STORAGE local{};
    int local_len = sizeof local;
    if (::getsockname(sock(impl.socket_), reinterpret_cast<sockaddr*>(&local), &local_len) != 0) {
      SOCKADDR_STORAGE any{};
      any.ss_family = static_cast<const sockaddr*>(addr)->sa_family;
      int any_len = any.ss_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
      // TRICKY: the wildcard bind may pick the very port being connected to when nobody
      // listens there (Wine on Linux does so after the port was just freed), and a loopback
      // connect from that port reaches the socket itself: a "successful" self-connection
      // instead of connection_refused. A guard socket holds the destination port (where it
      // is free) while the wildcard port is chosen.
      SOCKET guard = INVALID_SOCKET;
      if (is_loopback(addr)) {
        guard = ::socket(any.ss_family, SOCK_STREAM, IPPROTO_TCP);
        if (guard != INVALID_SOCKET) {
          SOCKADDR_STORAGE held = any;
          reinterpret_cast<sockaddr_in*>(&held)->sin_port = port_of(addr);
          ::bind(guard, reinterpret_cast<sockaddr*>(&held), any_len);  // in use: fine too
        }
      }
      int bound = ::bind(sock(impl.socket_), reinterpret_cast<sockaddr*>(&any), any_len);
      int e = bound != 0 ? ::WSAGetLastError() : 0;
      if (guard != INVALID_SOCKET) ::closesocket(guard);
      if (bound != 0 && e != WSAEINVAL) {
        on_completion(op, static_cast<unsigned long>(e), 0);
        return;
      }
    }
  }
  backend_.overlapped_started();
  BOOL ok = fn(sock(impl.socket_), static_cast<const sockaddr*>(addr), static_cast<int>(len),
               nullptr, 0, nullptr, reinterpret_cast<LPOVERLAPPED>(op.overlapped()));
  unsigned long err = ok ? 0 : static_cast<unsigned long>(::WSAGetLastError());
  finish_start((impl.state_ & skip_completion_port) != 0, op, ok != FALSE, err, 0);
}

void iocp_socket_service_base::finish_connect(native_handle_type s) noexcept {
  ::setsockopt(sock(s), SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, nullptr, 0);
}

error_code iocp_socket_service_base::finish_accept(native_handle_type listener,
                                                   native_handle_type accepted, void* output_buffer,
                                                   void* addr, std::size_t* addr_len) noexcept {
  SOCKET l = sock(listener);
  if (::setsockopt(sock(accepted), SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT,
                   reinterpret_cast<const char*>(&l), sizeof l) != 0)
    return last_wsa_error();
  auto fn = reinterpret_cast<LPFN_GETACCEPTEXSOCKADDRS>(get_accept_ex_sockaddrs_.load());
  if (fn == nullptr) return error::operation_not_supported;
  sockaddr* local = nullptr;
  sockaddr* remote = nullptr;
  int local_len = 0;
  int remote_len = 0;
  fn(output_buffer, 0, static_cast<DWORD>(accept_address_length),
     static_cast<DWORD>(accept_address_length), &local, &local_len, &remote, &remote_len);
  std::size_t n = remote_len > 0 ? static_cast<std::size_t>(remote_len) : 0;
  if (n > *addr_len) n = *addr_len;
  if (remote && n) std::memcpy(addr, remote, n);
  *addr_len = n;
  return error_code();
}

iocp_socket_service_base::native_handle_type iocp_socket_service_base::open_like(
    native_handle_type listener, error_code& ec) {
  WSAPROTOCOL_INFOW info;
  int len = sizeof info;
  if (::getsockopt(sock(listener), SOL_SOCKET, SO_PROTOCOL_INFOW, reinterpret_cast<char*>(&info),
                   &len) != 0) {
    ec = last_wsa_error();
    return invalid_native_socket;
  }
  return open_overlapped(info.iAddressFamily, info.iSocketType, info.iProtocol, ec);
}

iocp_socket_service_base::native_handle_type iocp_socket_service_base::open_overlapped(
    int family, int type, int protocol, error_code& ec) {
  // Test fault: no descriptor for the socket an accept takes its connection into.
  if (unsigned long e = iocp_fault::no_descriptors()) {
    ec = win_error(e);
    return invalid_native_socket;
  }
  SOCKET s = ::WSASocketW(family, type, protocol, nullptr, 0,
                          WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
  if (s == INVALID_SOCKET && ::WSAGetLastError() == WSAEINVAL)
    s = ::WSASocketW(family, type, protocol, nullptr, 0, WSA_FLAG_OVERLAPPED);
  if (s == INVALID_SOCKET) {
    ec = last_wsa_error();
    return invalid_native_socket;
  }
  ec.clear();
  return s;
}

}  // namespace ringport::detail
