#include "ringport/detail/windows/iocp_socket_service_base.hpp"

#include "../iocp/iocp_backend.hpp"
#include "../winsock_init.hpp"
#include "select_reactor.hpp"
#include "ringport/detail/scheduler.hpp"
#include "ringport/detail/socket_types.hpp"
#include "ringport/error.hpp"

#include <winsock2.h>
#include <mswsock.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <winternl.h>

#include <cstddef>
#include <cstring>
#include <type_traits>

#ifndef SIO_UDP_CONNRESET
#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
#endif
#ifndef FILE_SKIP_COMPLETION_PORT_ON_SUCCESS
#define FILE_SKIP_COMPLETION_PORT_ON_SUCCESS 0x1
#endif
#ifndef WSA_FLAG_NO_HANDLE_INHERIT
#define WSA_FLAG_NO_HANDLE_INHERIT 0x80
#endif

namespace ringport::detail {

// port_of() reads the port of either family at the IPv4 offset.
static_assert(offsetof(sockaddr_in, sin_port) == offsetof(sockaddr_in6, sin6_port));

namespace {

// ---- test switches ---------------------------------------------------------------------------

std::atomic<bool> force_cancel_io{false};
std::atomic<bool> no_skip_completion_port{false};
std::atomic<bool> force_reactor_connect{false};
std::atomic<void (*)()> pending_hook{nullptr};
std::atomic<unsigned long> skipped_port_completions{0};
std::atomic<unsigned long> receives_issued_again{0};
std::atomic<int> accept_failures{0};
std::atomic<int> accepted_aborts{0};

// Takes one injected accept failure, if any is left.
bool take_accept_failure() {
  int left = accept_failures.load(std::memory_order_relaxed);
  while (left > 0) {
    if (accept_failures.compare_exchange_weak(left, left - 1, std::memory_order_relaxed))
      return true;
  }
  return false;
}

// ---- helpers ---------------------------------------------------------------------------------

error_code win_error(unsigned long e) {
  return error_code(static_cast<int>(e), ringport::system_category());
}
error_code last_wsa_error() {
  return win_error(static_cast<unsigned long>(::WSAGetLastError()));
}

SOCKET sock(native_socket_type s) {
  return static_cast<SOCKET>(s);
}
HANDLE handle(native_socket_type s) {
  return reinterpret_cast<HANDLE>(s);
}

using cancel_io_ex_fn = BOOL(WINAPI*)(HANDLE, LPOVERLAPPED);

// CancelIoEx exists from Vista on; looked up so that its absence takes the CancelIo path.
cancel_io_ex_fn cancel_io_ex() {
  static cancel_io_ex_fn fn = []() -> cancel_io_ex_fn {
    HMODULE k32 = ::GetModuleHandleW(L"kernel32.dll");
    if (k32 == nullptr) return nullptr;
    return reinterpret_cast<cancel_io_ex_fn>(
        reinterpret_cast<void*>(::GetProcAddress(k32, "CancelIoEx")));
  }();
  if (force_cancel_io.load(std::memory_order_relaxed)) return nullptr;
  return fn;
}

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

// Whether the socket's provider hands out real kernel handles (an IFS provider), the
// condition for FILE_SKIP_COMPLETION_PORT_ON_SUCCESS to be safe: a layered provider without
// IFS handles may complete I/O without telling the port.
bool provider_is_ifs(native_socket_type s) {
  WSAPROTOCOL_INFOW info;
  int len = sizeof info;
  if (::getsockopt(sock(s), SOL_SOCKET, SO_PROTOCOL_INFOW, reinterpret_cast<char*>(&info), &len) !=
      0)
    return false;
  return (info.dwServiceFlags1 & XP1_IFS_HANDLES) != 0;
}

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

// The port of an IPv4 or IPv6 address (network byte order; both keep it at the same place).
unsigned short port_of(const void* addr) {
  return reinterpret_cast<const sockaddr_in*>(addr)->sin_port;
}

void* lookup_extension(native_socket_type s, GUID guid) {
  void* fn = nullptr;
  DWORD bytes = 0;
  if (::WSAIoctl(sock(s), SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof guid, &fn, sizeof fn,
                 &bytes, nullptr, nullptr) != 0)
    return nullptr;
  return fn;
}

// The one mutex for every op ↔ cancellation-handler link and for the cancel tokens they
// check.
std::mutex& link_mutex() {
  static std::mutex m;
  return m;
}

struct file_completion_information {
  HANDLE port;
  PVOID key;
};
constexpr ULONG file_replace_completion_information = 61;
using nt_set_information_file_fn = LONG(NTAPI*)(HANDLE, PIO_STATUS_BLOCK, PVOID, ULONG, ULONG);

}  // namespace

// ---- cancellation handler ----------------------------------------------------------------

iocp_op_cancellation::~iocp_op_cancellation() {
  std::lock_guard lock(link_mutex());
  if (op_ != nullptr) {
    op_->canceller_ = nullptr;
    op_ = nullptr;
  }
}

void iocp_op_cancellation::link(iocp_op* op) {
  std::lock_guard lock(link_mutex());
  op_ = op;
  op->canceller_ = this;
}

void iocp_op_cancellation::unlink_op(iocp_op* op) noexcept {
  std::lock_guard lock(link_mutex());
  if (iocp_op_cancellation* c = op->canceller_) {
    c->op_ = nullptr;
    op->canceller_ = nullptr;
  }
}

void iocp_op_cancellation::operator()(cancellation_type type) {
  if (!(type &
        (cancellation_type::terminal | cancellation_type::partial | cancellation_type::total)))
    return;
  // TRICKY: a linked op has not completed (its completion unlinks under this mutex before
  // the memory goes) and a live token means its socket is still open (close() kills the
  // token under this mutex before closesocket).
  std::lock_guard lock(link_mutex());
  if (op_ != nullptr && !token_.expired()) {
    op_->cancel_requested_ = true;  // for receive_again, which checks it under this mutex
    service_->cancel_single_op(*op_);
  }
}

// ---- the service ---------------------------------------------------------------------------

iocp_socket_service_base::iocp_socket_service_base(execution_context& ctx)
    : context_(ctx),
      scheduler_(use_service<scheduler>(ctx)),
      iocp_service_(static_cast<iocp_backend&>(scheduler_.get_backend())),
      iocp_port_(iocp_service_.native_handle()) {
  winsock_acquire();
}

iocp_socket_service_base::~iocp_socket_service_base() {
  winsock_release();
}

void iocp_socket_service_base::force_cancel_io_for_testing(bool on) noexcept {
  force_cancel_io.store(on);
}
void iocp_socket_service_base::disable_skip_completion_port_for_testing(bool on) noexcept {
  no_skip_completion_port.store(on);
}
void iocp_socket_service_base::force_reactor_connect_for_testing(bool on) noexcept {
  force_reactor_connect.store(on);
}
void iocp_socket_service_base::set_pending_hook_for_testing(void (*hook)()) noexcept {
  pending_hook.store(hook);
}

void iocp_socket_service_base::fail_next_accepts_for_testing(int n) noexcept {
  accept_failures.store(n);
}
int iocp_socket_service_base::accept_failures_left_for_testing() noexcept {
  return accept_failures.load();
}
void iocp_socket_service_base::abort_next_accepted_for_testing(int n) noexcept {
  accepted_aborts.store(n);
}
int iocp_socket_service_base::accepted_aborts_left_for_testing() noexcept {
  return accepted_aborts.load();
}
bool iocp_socket_service_base::take_accepted_abort() noexcept {
  int left = accepted_aborts.load(std::memory_order_relaxed);
  while (left > 0) {
    if (accepted_aborts.compare_exchange_weak(left, left - 1, std::memory_order_relaxed))
      return true;
  }
  return false;
}
unsigned long iocp_socket_service_base::skipped_port_completions_for_testing() noexcept {
  return skipped_port_completions.load();
}
unsigned long iocp_socket_service_base::early_completions_for_testing() const noexcept {
  return iocp_service_.early_completions();
}

void iocp_socket_service_base::base_shutdown() {
  impls_.for_each<base_implementation_type>([this](base_implementation_type& impl) {
    error_code ignored;
    close_for_shutdown_or_destroy(impl, ignored);
  });
}

void iocp_socket_service_base::construct(base_implementation_type& impl) {
  impl.socket_ = invalid_native_socket;
  impl.state_ = 0;
  impl.safe_cancellation_thread_id_ = 0;
  impl.reactor_data_ = reactor_data_type{};
  impls_.link(impl);
}

void iocp_socket_service_base::take_state(base_implementation_type& impl,
                                          base_implementation_type& other) {
  impl.socket_ = other.socket_;
  impl.state_ = other.state_;
  impl.reactor_data_ = other.reactor_data_;
  impl.safe_cancellation_thread_id_ = other.safe_cancellation_thread_id_;
  {
    std::lock_guard lock(link_mutex());
    impl.cancel_token_ = std::move(other.cancel_token_);
  }
  other.socket_ = invalid_native_socket;
  other.state_ = 0;
  other.reactor_data_ = reactor_data_type{};
  other.safe_cancellation_thread_id_ = 0;
}

error_code iocp_socket_service_base::do_open(base_implementation_type& impl, int family, int type,
                                             int protocol, error_code& ec) {
  if (is_open(impl)) {
    ec = error::already_open;
    return ec;
  }
  SOCKET s = ::WSASocketW(family, type, protocol, nullptr, 0,
                          WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
  if (s == INVALID_SOCKET && ::WSAGetLastError() == WSAEINVAL)
    s = ::WSASocketW(family, type, protocol, nullptr, 0, WSA_FLAG_OVERLAPPED);
  if (s == INVALID_SOCKET) {
    ec = last_wsa_error();
    return ec;
  }
  if (do_assign(impl, type, s, ec)) ::closesocket(s);
  return ec;
}

error_code iocp_socket_service_base::do_assign(base_implementation_type& impl, int type,
                                               native_handle_type s, error_code& ec, int ifs) {
  if (is_open(impl)) {
    ec = error::already_open;
    return ec;
  }
  if (::CreateIoCompletionPort(handle(s), static_cast<HANDLE>(iocp_port_),
                               static_cast<ULONG_PTR>(iocp_backend::completion_key::overlapped_op),
                               0) == nullptr) {
    ec = win_error(::GetLastError());
    return ec;
  }
  unsigned char state = 0;
  if (type == SOCK_STREAM) state |= stream_oriented;
  if (type == SOCK_DGRAM) {
    state |= datagram_oriented;
    // An ICMP port-unreachable for an earlier datagram would otherwise fail the next
    // receive with WSAECONNRESET (as Asio does).
    BOOL off = FALSE;
    DWORD bytes = 0;
    ::WSAIoctl(sock(s), SIO_UDP_CONNRESET, &off, sizeof off, nullptr, 0, &bytes, nullptr, nullptr);
  }
  if (!no_skip_completion_port.load(std::memory_order_relaxed) &&
      (ifs < 0 ? provider_is_ifs(s) : ifs == 1) &&
      ::SetFileCompletionNotificationModes(handle(s), FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))
    state |= skip_completion_port;
  impl.socket_ = s;
  impl.state_ = state;
  impl.safe_cancellation_thread_id_ = 0;
  impl.reactor_data_ = reactor_data_type{};
  {
    std::lock_guard lock(link_mutex());
    impl.cancel_token_ = std::make_shared<iocp_socket_token>();
  }
  ec.clear();
  return ec;
}

void iocp_socket_service_base::close_for_shutdown_or_destroy(base_implementation_type& impl,
                                                             error_code& ec) {
  ec.clear();
  if (!is_open(impl)) return;
  // Ops waiting in the reactor end there; overlapped ops end when closesocket aborts them.
  if (impl.reactor_data_.used_) {
    if (select_reactor* r = reactor_.load(std::memory_order_acquire)) r->cancel_ops(impl.socket_);
  }
  {
    // TRICKY: the token dies before the socket does; a cancellation handler checks it under
    // the same mutex, so it never cancels on a closed (and maybe reused) handle.
    std::lock_guard lock(link_mutex());
    impl.cancel_token_.reset();
  }
  if (::closesocket(sock(impl.socket_)) != 0) ec = last_wsa_error();
  impl.socket_ = invalid_native_socket;
  impl.state_ = 0;
  impl.safe_cancellation_thread_id_ = 0;
  impl.reactor_data_ = reactor_data_type{};
}

error_code iocp_socket_service_base::close(base_implementation_type& impl, error_code& ec) {
  close_for_shutdown_or_destroy(impl, ec);
  return ec;
}

void iocp_socket_service_base::close_native(native_handle_type s) noexcept {
  if (s != invalid_native_socket) ::closesocket(sock(s));
}

iocp_socket_service_base::native_handle_type iocp_socket_service_base::release(
    base_implementation_type& impl, error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return invalid_native_socket;
  }
  // NtSetInformationFile, looked up on first use and cached (the seed's nt_set_info_).
  if (!nt_set_info_looked_up_.load(std::memory_order_acquire)) {
    void* fn = nullptr;
    if (HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll"))
      fn = reinterpret_cast<void*>(::GetProcAddress(ntdll, "NtSetInformationFile"));
    nt_set_info_.store(fn, std::memory_order_release);
    nt_set_info_looked_up_.store(true, std::memory_order_release);
  }
  auto nt_set_info = reinterpret_cast<nt_set_information_file_fn>(nt_set_info_.load());
  if (nt_set_info == nullptr) {
    ec = error::operation_not_supported;
    return invalid_native_socket;
  }
  if (cancel(impl, ec)) return invalid_native_socket;
  IO_STATUS_BLOCK iosb{};
  file_completion_information info{nullptr, nullptr};
  LONG status = nt_set_info(handle(impl.socket_), &iosb, &info, sizeof info,
                            file_replace_completion_information);
  if (status != 0) {
    // Wine answers STATUS_NOT_IMPLEMENTED: the socket stays open, associated and owned.
    ec = error::operation_not_supported;
    return invalid_native_socket;
  }
  native_handle_type s = impl.socket_;
  {
    std::lock_guard lock(link_mutex());
    impl.cancel_token_.reset();
  }
  impl.socket_ = invalid_native_socket;
  impl.state_ = 0;
  impl.safe_cancellation_thread_id_ = 0;
  impl.reactor_data_ = reactor_data_type{};
  ec.clear();
  return s;
}

error_code iocp_socket_service_base::cancel(base_implementation_type& impl, error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (impl.reactor_data_.used_) {
    if (select_reactor* r = reactor_.load(std::memory_order_acquire)) r->cancel_ops(impl.socket_);
  }
  ec.clear();
  // TRICKY: counted before the cancel, so that receive_again either sees the count move or
  // issues its receive before this CancelIoEx looks for the socket's I/O.
  if (impl.cancel_token_) impl.cancel_token_->cancels.fetch_add(1);
  if (cancel_io_ex_fn fn = cancel_io_ex()) {
    // Every overlapped op of the socket, started on any thread.
    if (!fn(handle(impl.socket_), nullptr)) {
      DWORD e = ::GetLastError();
      if (e != ERROR_NOT_FOUND) ec = win_error(e);
    }
  } else if (impl.safe_cancellation_thread_id_ == 0) {
    // No op started yet: nothing to cancel.
  } else if (impl.safe_cancellation_thread_id_ == ::GetCurrentThreadId()) {
    // CancelIo cancels only the I/O the calling thread started, which is all of it here.
    if (!::CancelIo(handle(impl.socket_))) ec = win_error(::GetLastError());
  } else {
    // Ops were started on another thread (or on several): CancelIo cannot reach them.
    ec = error::operation_not_supported;
  }
  return ec;
}

void iocp_socket_service_base::cancel_single_op(iocp_op& op) {
  if (op.via_reactor_) {
    if (select_reactor* r = reactor_.load(std::memory_order_acquire)) r->cancel_op(&op);
    return;
  }
  if (cancel_io_ex_fn fn = cancel_io_ex())
    fn(handle(op.socket_), reinterpret_cast<LPOVERLAPPED>(op.overlapped()));
}

error_code iocp_socket_service_base::non_blocking(base_implementation_type& impl, bool mode,
                                                  error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (mode)
    impl.state_ |= user_set_non_blocking;
  else
    impl.state_ &= ~user_set_non_blocking;
  ec.clear();
  return ec;
}

error_code iocp_socket_service_base::native_non_blocking(base_implementation_type& impl, bool mode,
                                                         error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (!mode && (impl.state_ & user_set_non_blocking)) {
    ec = error::invalid_argument;
    return ec;
  }
  u_long arg = mode ? 1 : 0;
  if (::ioctlsocket(sock(impl.socket_), FIONBIO, &arg) != 0) {
    ec = last_wsa_error();
    return ec;
  }
  if (mode)
    impl.state_ |= user_set_native_non_blocking | internal_non_blocking;
  else
    impl.state_ &= ~(user_set_native_non_blocking | internal_non_blocking);
  ec.clear();
  return ec;
}

std::size_t iocp_socket_service_base::available(const base_implementation_type& impl,
                                                error_code& ec) const {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return 0;
  }
  u_long n = 0;
  if (::ioctlsocket(sock(impl.socket_), FIONREAD, &n) != 0) {
    ec = last_wsa_error();
    return 0;
  }
  ec.clear();
  return static_cast<std::size_t>(n);
}

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
  if (::listen(sock(impl.socket_), backlog) != 0)
    ec = last_wsa_error();
  else
    ec.clear();
  return ec;
}

error_code iocp_socket_service_base::do_io_control(base_implementation_type& impl,
                                                   unsigned long request, void* arg,
                                                   error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (::ioctlsocket(sock(impl.socket_), static_cast<long>(request), static_cast<u_long*>(arg)) != 0)
    ec = last_wsa_error();
  else
    ec.clear();
  return ec;
}

error_code iocp_socket_service_base::set_option(base_implementation_type& impl, int level, int name,
                                                const void* data, std::size_t size,
                                                error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (level == custom_socket_option_level) {
    if (name != enable_connection_aborted_option || size != sizeof(int)) {
      ec = error::invalid_argument;
      return ec;
    }
    if (*static_cast<const int*>(data))
      impl.state_ |= enable_connection_aborted;
    else
      impl.state_ &= ~enable_connection_aborted;
    ec.clear();
    return ec;
  }
  if (::setsockopt(sock(impl.socket_), level, name, static_cast<const char*>(data),
                   static_cast<int>(size)) != 0)
    ec = last_wsa_error();
  else
    ec.clear();
  return ec;
}

error_code iocp_socket_service_base::get_option(const base_implementation_type& impl, int level,
                                                int name, void* data, std::size_t& size,
                                                error_code& ec) const {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  if (level == custom_socket_option_level) {
    if (name != enable_connection_aborted_option || size != sizeof(int)) {
      ec = error::invalid_argument;
      return ec;
    }
    *static_cast<int*>(data) = (impl.state_ & enable_connection_aborted) ? 1 : 0;
    ec.clear();
    return ec;
  }
  int len = static_cast<int>(size);
  if (::getsockopt(sock(impl.socket_), level, name, static_cast<char*>(data), &len) != 0) {
    ec = last_wsa_error();
    return ec;
  }
  // Some boolean options come back as one byte on Windows; widen them to the int the
  // option classes hold (as Asio does).
  if (size == sizeof(int) && len == 1) {
    int value = *static_cast<unsigned char*>(data) ? 1 : 0;
    std::memcpy(data, &value, sizeof value);
    len = sizeof(int);
  }
  size = static_cast<std::size_t>(len);
  ec.clear();
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
  for (;;) {
    DWORD sent = 0;
    int r = addr ? ::WSASendTo(sock(impl.socket_), wsabufs, static_cast<DWORD>(count), &sent,
                               static_cast<DWORD>(flags), static_cast<const sockaddr*>(addr),
                               static_cast<int>(addr_len), nullptr, nullptr)
                 : ::WSASend(sock(impl.socket_), wsabufs, static_cast<DWORD>(count), &sent,
                             static_cast<DWORD>(flags), nullptr, nullptr);
    if (r == 0) {
      ec.clear();
      return sent;
    }
    int e = ::WSAGetLastError();
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
    if (recv_msg) {
      msg.lpBuffers = wsabufs;
      msg.dwBufferCount = static_cast<DWORD>(count);
      msg.dwFlags = f;
      r = recv_msg(sock(impl.socket_), &msg, &received, nullptr, nullptr);
    } else if (addr) {
      r = ::WSARecvFrom(sock(impl.socket_), wsabufs, static_cast<DWORD>(count), &received, &f,
                        static_cast<sockaddr*>(addr), &len, nullptr, nullptr);
    } else {
      r = ::WSARecv(sock(impl.socket_), wsabufs, static_cast<DWORD>(count), &received, &f, nullptr,
                    nullptr);
    }
    int e = r == 0 ? 0 : ::WSAGetLastError();
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
    SOCKET s = ::accept(sock(impl.socket_), static_cast<sockaddr*>(addr), addr ? &l : nullptr);
    int e = s == INVALID_SOCKET ? ::WSAGetLastError() : 0;
    if (s != INVALID_SOCKET && take_accepted_abort()) {
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

namespace {

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

// ---- extension functions --------------------------------------------------------------------

void* iocp_socket_service_base::connect_ex(native_handle_type s) {
  if (force_reactor_connect.load(std::memory_order_relaxed)) return nullptr;
  if (!connect_ex_looked_up_.load(std::memory_order_acquire)) {
    GUID guid = WSAID_CONNECTEX;
    connect_ex_.store(lookup_extension(s, guid), std::memory_order_release);
    connect_ex_looked_up_.store(true, std::memory_order_release);
  }
  return connect_ex_.load(std::memory_order_acquire);
}

void* iocp_socket_service_base::accept_ex(native_handle_type s) {
  void* fn = accept_ex_.load(std::memory_order_acquire);
  if (fn == nullptr) {
    GUID guid = WSAID_ACCEPTEX;
    fn = lookup_extension(s, guid);
    accept_ex_.store(fn, std::memory_order_release);
  }
  return fn;
}

void* iocp_socket_service_base::get_accept_ex_sockaddrs(native_handle_type s) {
  void* fn = get_accept_ex_sockaddrs_.load(std::memory_order_acquire);
  if (fn == nullptr) {
    GUID guid = WSAID_GETACCEPTEXSOCKADDRS;
    fn = lookup_extension(s, guid);
    get_accept_ex_sockaddrs_.store(fn, std::memory_order_release);
  }
  return fn;
}

void* iocp_socket_service_base::wsa_recv_msg(native_handle_type s) {
  if (!wsa_recv_msg_looked_up_.load(std::memory_order_acquire)) {
    GUID guid = WSAID_WSARECVMSG;
    wsa_recv_msg_.store(lookup_extension(s, guid), std::memory_order_release);
    wsa_recv_msg_looked_up_.store(true, std::memory_order_release);
  }
  return wsa_recv_msg_.load(std::memory_order_acquire);
}

// ---- starting ops ------------------------------------------------------------------------

void iocp_socket_service_base::update_cancellation_thread_id(base_implementation_type& impl) {
  DWORD me = ::GetCurrentThreadId();
  if (impl.safe_cancellation_thread_id_ == 0)
    impl.safe_cancellation_thread_id_ = me;
  else if (impl.safe_cancellation_thread_id_ != me)
    impl.safe_cancellation_thread_id_ = ~0ul;
}

bool iocp_socket_service_base::begin_op(base_implementation_type& impl, iocp_op& op) {
  if (!is_open(impl)) {
    complete_now(op, error::bad_descriptor);
    return false;
  }
  update_cancellation_thread_id(impl);
  // The pending op keeps run() going until it has completed or been destroyed.
  scheduler_.work_started();
  return true;
}

void iocp_socket_service_base::complete_now(iocp_op& op, const error_code& ec) {
  scheduler_.work_started();
  op.ec_ = ec;
  op.bytes_ = 0;
  op.ready_.store(1, std::memory_order_relaxed);
  scheduler_.post_deferred_completion(&op);
}

void iocp_socket_service_base::on_pending(iocp_op& op) {
  // The port may already have returned the op (its result is recorded): whoever comes
  // second queues it.
  if (op.ready_.exchange(1, std::memory_order_acq_rel) == 1)
    scheduler_.post_deferred_completion(&op);
}

void iocp_socket_service_base::on_completion(iocp_op& op, unsigned long last_error,
                                             unsigned long bytes) {
  op.ec_ = win_error(last_error);
  op.bytes_ = bytes;
  op.ready_.store(1, std::memory_order_release);
  scheduler_.post_deferred_completion(&op);
}

namespace {

// What to do after a Winsock call that took an OVERLAPPED: `ok` is its success, `err` its
// error (WSAGetLastError when !ok). pending: a packet will come for it.
enum class start_outcome { pending, done };

start_outcome classify(bool ok, unsigned long err, bool skips_port) {
  if (!ok && err == WSA_IO_PENDING) return start_outcome::pending;
  if (!ok) return start_outcome::done;  // failed at once: no packet
  // Success at once: the port still gets a packet unless the socket skips it.
  return skips_port ? start_outcome::done : start_outcome::pending;
}

}  // namespace

// Shared tail of every overlapped start.
void iocp_socket_service_base::finish_start(bool skips_port, iocp_op& op, bool ok,
                                            unsigned long err, unsigned long bytes) {
  if (classify(ok, err, skips_port) == start_outcome::pending) {
    if (!ok) {
      if (auto hook = pending_hook.load(std::memory_order_acquire)) hook();
    }
    on_pending(op);
    return;
  }
  iocp_service_.overlapped_finished_without_packet();
  if (ok) skipped_port_completions.fetch_add(1, std::memory_order_relaxed);
  on_completion(op, ok ? 0 : err, bytes);
}

void iocp_socket_service_base::start_send_op(base_implementation_type& impl, iocp_op& op,
                                             native_buffer* bufs, std::size_t count,
                                             socket_base::message_flags flags, const void* addr,
                                             int addr_len) {
  if (!begin_op(impl, op)) return;
  iocp_service_.overlapped_started();
  DWORD bytes = 0;
  auto* ov = reinterpret_cast<LPWSAOVERLAPPED>(op.overlapped());
  auto* wsabufs = reinterpret_cast<WSABUF*>(bufs);
  int r = addr ? ::WSASendTo(sock(impl.socket_), wsabufs, static_cast<DWORD>(count), &bytes,
                             static_cast<DWORD>(flags), static_cast<const sockaddr*>(addr),
                             addr_len, ov, nullptr)
               : ::WSASend(sock(impl.socket_), wsabufs, static_cast<DWORD>(count), &bytes,
                           static_cast<DWORD>(flags), ov, nullptr);
  unsigned long err = r == 0 ? 0 : static_cast<unsigned long>(::WSAGetLastError());
  if (err == ERROR_PORT_UNREACHABLE) err = WSAECONNREFUSED;
  finish_start((impl.state_ & skip_completion_port) != 0, op, r == 0, err, bytes);
}

void iocp_socket_service_base::start_receive_op(base_implementation_type& impl, iocp_op& op,
                                                native_buffer* bufs, std::size_t count,
                                                unsigned long* flags, void* addr, int* addr_len) {
  if (!begin_op(impl, op)) return;
  call_result r = issue_receive(impl.socket_, op, bufs, count, flags, addr, addr_len);
  finish_start((impl.state_ & skip_completion_port) != 0, op, r.ok, r.err, r.bytes);
}

void iocp_socket_service_base::start_receive_msg_op(base_implementation_type& impl, iocp_op& op,
                                                    wsamsg_twin* msg) {
  if (!begin_op(impl, op)) return;
  if (wsa_recv_msg(impl.socket_) == nullptr) {
    on_completion(op, WSAEOPNOTSUPP, 0);
    return;
  }
  call_result r = issue_receive_msg(impl.socket_, op, msg);
  finish_start((impl.state_ & skip_completion_port) != 0, op, r.ok, r.err, r.bytes);
}

iocp_socket_service_base::call_result iocp_socket_service_base::issue_receive(
    native_handle_type s, iocp_op& op, native_buffer* bufs, std::size_t count, unsigned long* flags,
    void* addr, int* addr_len) {
  op.receive_ = iocp_receive_record{.buffers = bufs,
                                    .count = static_cast<unsigned long>(count),
                                    .flags = flags,
                                    .in_flags = *flags,
                                    .addr = addr,
                                    .addr_len = addr_len,
                                    .addr_capacity = addr_len ? *addr_len : 0};
  iocp_service_.overlapped_started();
  DWORD bytes = 0;
  auto* ov = reinterpret_cast<LPWSAOVERLAPPED>(op.overlapped());
  auto* wsabufs = reinterpret_cast<WSABUF*>(bufs);
  int r = addr ? ::WSARecvFrom(sock(s), wsabufs, static_cast<DWORD>(count), &bytes, flags,
                               static_cast<sockaddr*>(addr), addr_len, ov, nullptr)
               : ::WSARecv(sock(s), wsabufs, static_cast<DWORD>(count), &bytes, flags, ov, nullptr);
  unsigned long err = r == 0 ? 0 : static_cast<unsigned long>(::WSAGetLastError());
  if (err == ERROR_PORT_UNREACHABLE) err = WSAECONNREFUSED;
  return {r == 0, err, bytes};
}

iocp_socket_service_base::call_result iocp_socket_service_base::issue_receive_msg(
    native_handle_type s, iocp_op& op, wsamsg_twin* msg) {
  // Looked up by start_receive_msg_op before the first issue.
  auto fn = reinterpret_cast<LPFN_WSARECVMSG>(wsa_recv_msg(s));
  op.receive_ = iocp_receive_record{.buffers = msg->buffers, .msg = msg, .msg_flags = msg->flags};
  iocp_service_.overlapped_started();
  DWORD bytes = 0;
  int r = fn(sock(s), reinterpret_cast<LPWSAMSG>(msg), &bytes,
             reinterpret_cast<LPWSAOVERLAPPED>(op.overlapped()), nullptr);
  unsigned long err = r == 0 ? 0 : static_cast<unsigned long>(::WSAGetLastError());
  if (err == ERROR_PORT_UNREACHABLE) err = WSAECONNREFUSED;
  return {r == 0, err, bytes};
}

bool iocp_socket_service_base::receive_again(iocp_op& op, const error_code& ec) {
  const iocp_receive_record rec = op.receive_;
  if (ec.value() != ERROR_ALERTED || rec.buffers == nullptr || op.via_reactor_ || !op.has_token_)
    return false;
  // TRICKY: under the link mutex, a live token means the socket is open and stays so until
  // the call below has returned (close() kills the token under this mutex before
  // closesocket, which then aborts the new receive), and the slot's cancellation cannot
  // slip between the check of cancel_requested_ and the call.
  std::lock_guard lock(link_mutex());
  std::shared_ptr<iocp_socket_token> token = op.cancel_token_.lock();
  if (!token || op.cancel_requested_ || token->cancels.load() != op.cancels_at_start_) return false;
  // The op is a fresh overlapped request again, counted as work until it completes.
  op.internal = 0;
  op.internal_high = 0;
  op.offset = 0;
  op.offset_high = 0;
  op.event = nullptr;
  op.ready_.store(0, std::memory_order_relaxed);
  scheduler_.work_started();
  receives_issued_again.fetch_add(1, std::memory_order_relaxed);
  // What Winsock wrote back on the first issue goes back to what it was given.
  auto* msg = static_cast<wsamsg_twin*>(rec.msg);
  if (msg) msg->flags = rec.msg_flags;
  if (rec.flags) *rec.flags = rec.in_flags;
  if (rec.addr_len) *rec.addr_len = rec.addr_capacity;
  call_result r = msg ? issue_receive_msg(op.socket_, op, msg)
                      : issue_receive(op.socket_, op, static_cast<native_buffer*>(rec.buffers),
                                      rec.count, rec.flags, rec.addr, rec.addr_len);
  // TRICKY: cancel() counts before it calls CancelIoEx. A count that moved after the check
  // above may belong to a CancelIoEx that looked before the receive existed: cancel this one
  // op here. The op cannot have been freed: it is queued only once on_pending (in
  // finish_start) has set its ready flag too.
  if (!r.ok && r.err == WSA_IO_PENDING && token->cancels.load() != op.cancels_at_start_) {
    if (cancel_io_ex_fn fn = cancel_io_ex())
      fn(handle(op.socket_), reinterpret_cast<LPOVERLAPPED>(op.overlapped()));
  }
  finish_start(op.skips_port_, op, r.ok, r.err, r.bytes);
  return true;
}

unsigned long iocp_socket_service_base::receives_issued_again_for_testing() noexcept {
  return receives_issued_again.load();
}

void iocp_socket_service_base::start_accept_op(base_implementation_type& impl, iocp_op& op,
                                               native_handle_type new_socket, void* output_buffer) {
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
  if (take_accept_failure()) {
    on_completion(op, ERROR_NETNAME_DELETED, 0);
    return;
  }
  iocp_service_.overlapped_started();
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
  iocp_service_.overlapped_started();
  BOOL ok = fn(sock(impl.socket_), static_cast<const sockaddr*>(addr), static_cast<int>(len),
               nullptr, 0, nullptr, reinterpret_cast<LPOVERLAPPED>(op.overlapped()));
  unsigned long err = ok ? 0 : static_cast<unsigned long>(::WSAGetLastError());
  finish_start((impl.state_ & skip_completion_port) != 0, op, ok != FALSE, err, 0);
}

void iocp_socket_service_base::start_wait_op(base_implementation_type& impl, iocp_op& op,
                                             socket_base::wait_type w, native_buffer* buf,
                                             unsigned long* flags) {
  if (!begin_op(impl, op)) return;
  if (w == socket_base::wait_read && (impl.state_ & stream_oriented)) {
    // A zero-byte receive completes when data (or the end of the stream) is there, and
    // consumes nothing.
    init_native_buffer(*buf, nullptr, 0);
    *flags = 0;
    call_result r = issue_receive(impl.socket_, op, buf, 1, flags, nullptr, nullptr);
    finish_start((impl.state_ & skip_completion_port) != 0, op, r.ok, r.err, 0);
    return;
  }
  start_reactor_op(impl, op,
                   w == socket_base::wait_read    ? select_reactor::read_op
                   : w == socket_base::wait_write ? select_reactor::write_op
                                                  : select_reactor::except_op);
}

select_reactor& iocp_socket_service_base::get_reactor() {
  if (select_reactor* r = reactor_.load(std::memory_order_acquire)) return *r;
  std::lock_guard lock(reactor_mutex_);
  select_reactor* r = reactor_.load(std::memory_order_relaxed);
  if (r == nullptr) {
    r = &use_service<select_reactor>(context_);
    reactor_.store(r, std::memory_order_release);
  }
  return *r;
}

void iocp_socket_service_base::start_reactor_op(base_implementation_type& impl, iocp_op& op,
                                                int kind) {
  op.via_reactor_ = true;
  impl.reactor_data_.used_ = true;
  select_reactor* r = nullptr;
  try {
    r = &get_reactor();
  } catch (const std::system_error& e) {
    on_completion(op, static_cast<unsigned long>(e.code().value()), 0);
    return;
  }
  r->start_op(kind, impl.socket_, &op);
}

// ---- completion helpers ------------------------------------------------------------------

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

error_code iocp_socket_service_base::map_accept_error(const error_code& ec, bool closed) noexcept {
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

}  // namespace ringport::detail
