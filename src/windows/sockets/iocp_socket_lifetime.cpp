// iocp_socket_service_base, the life of a socket: the service's construction and shutdown,
// open, assign, close and release, an implementation's move, and cancellation, per socket
// (cancel) and per op (iocp_slot_owner, cancel_single_op).
#include "iocp_fault_injection.hpp"
#include "iocp_socket_internal.hpp"

#include "ringport/detail/backend.hpp"
#include "../winsock_init.hpp"
#include "../ntdll_function.hpp"
#include "select_reactor.hpp"
#include "ringport/detail/scheduler.hpp"
#include "ringport/detail/socket_types.hpp"
#include "ringport/error.hpp"

#include <winternl.h>

namespace ringport::detail {

namespace {

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

// Wine exports wine_get_version from its ntdll; Windows does not.
bool running_under_wine() {
  return ntdll_function<void*>("wine_get_version") != nullptr;
}

struct file_completion_information {
  HANDLE port;
  PVOID key;
};
constexpr ULONG file_replace_completion_information = 61;
using nt_set_information_file_fn = LONG(NTAPI*)(HANDLE, PIO_STATUS_BLOCK, PVOID, ULONG, ULONG);

}  // namespace

// ---- cancellation handler ----------------------------------------------------------------

void iocp_op_canceller::cancel(iocp_op& op) const {
  // Under socket_link_mutex() (the shared owner holds it), as receive_again reads it.
  op.cancel_requested_ = true;
  service->cancel_single_op(op);
}

// ---- the handle keeper ---------------------------------------------------------------------

iocp_handle_keeper::~iocp_handle_keeper() {
  native_socket_type s = socket.load(std::memory_order_acquire);
  if (s != invalid_native_socket) ::closesocket(sock(s));
}

// ---- the service ---------------------------------------------------------------------------

iocp_socket_service_base::iocp_socket_service_base(execution_context& ctx)
    : context_(ctx),
      scheduler_(use_service<scheduler>(ctx)),
      backend_(scheduler_.get_backend()),
      keeps_handles_(running_under_wine()) {
  winsock_acquire();
}

iocp_socket_service_base::~iocp_socket_service_base() {
  winsock_release();
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
  // No lock: only the socket's owner touches these two pointers; cancellation handlers hold
  // weak copies, and a move leaves the shared count they check unchanged.
  impl.cancel_token_ = std::move(other.cancel_token_);
  impl.handle_keeper_ = std::move(other.handle_keeper_);
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
  // Test fault: no descriptor for the new socket (decided before the call).
  if (unsigned long e = iocp_fault::no_descriptors()) {
    ec = win_error(e);
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
  backend_.register_socket(static_cast<std::uintptr_t>(s), ec);
  if (ec) return ec;
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
  if (!iocp_test_state::skip_port_disabled() && (ifs < 0 ? provider_is_ifs(s) : ifs == 1) &&
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
  if (keeps_handles_) impl.handle_keeper_ = std::make_shared<iocp_handle_keeper>(s);
  impls_.link(impl);  // a moved-from implementation that opens again
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
  cancel_io_ex_fn cancel_all = cancel_io_ex();
  if (impl.handle_keeper_ && impl.handle_keeper_.use_count() > 1 && cancel_all) {
    // TRICKY: sends or receives are in flight, and Wine may still carry one out through the
    // handle value (see iocp_handle_keeper). Cancel them all now (one Wine has begun ends
    // with what it moved, on this socket), and leave the close to the last of them, which
    // drops its share of the keeper when it is destroyed, before its handler runs. Until
    // then no new socket can get this handle value.
    cancel_all(handle(impl.socket_), nullptr);
    impl.handle_keeper_.reset();
  } else {
    if (impl.handle_keeper_) {
      impl.handle_keeper_->socket.store(invalid_native_socket, std::memory_order_release);
      impl.handle_keeper_.reset();
    }
    if (::closesocket(sock(impl.socket_)) != 0) ec = last_wsa_error();
  }
  // Packets the port holds back (late_completion) may go now: their socket may be this one.
  iocp_test_state::count_close();
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
  auto nt_set_info = reinterpret_cast<nt_set_information_file_fn>(nt_set_information_file());
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
  if (impl.handle_keeper_) {
    // The handle is the caller's now: no op in flight may close it.
    impl.handle_keeper_->socket.store(invalid_native_socket, std::memory_order_release);
    impl.handle_keeper_.reset();
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
    BOOL ok = fn(handle(impl.socket_), nullptr);
    DWORD e = ok ? 0 : ::GetLastError();
    // Test fault: the answer when every op had completed before the call. The call above
    // was real, so the ops it found end aborted as ever; those it did not find end by
    // themselves.
    if (iocp_fault::cancel_not_found()) e = ERROR_NOT_FOUND;
    if (e != 0 && e != ERROR_NOT_FOUND) ec = win_error(e);
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

}  // namespace ringport::detail
