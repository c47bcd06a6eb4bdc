// iocp_handle_service_base, the life of a handle and its ops: the service's construction and
// shutdown, assign, close, release, moves, cancellation (per handle and per op), and
// starting an overlapped ReadFile or WriteFile.
#include "iocp_handle_internal.hpp"
#include "../ntdll_function.hpp"

#include "ringport/detail/scheduler.hpp"
#include "ringport/detail/socket_slot_owner.hpp"
#include "ringport/error.hpp"

#include <winternl.h>

#include <mutex>
#include <type_traits>

#ifndef FILE_SKIP_COMPLETION_PORT_ON_SUCCESS
#define FILE_SKIP_COMPLETION_PORT_ON_SUCCESS 0x1
#endif

namespace ringport::detail {

// The header spells HANDLE and INVALID_HANDLE_VALUE without <windows.h>.
static_assert(std::is_same_v<iocp_handle_service_base::native_handle_type, HANDLE>);
static_assert(sizeof(HANDLE) == sizeof(std::uintptr_t));

namespace {

struct file_completion_information {
  HANDLE port;
  PVOID key;
};
constexpr ULONG file_replace_completion_information = 61;
using nt_set_information_file_fn = LONG(NTAPI*)(HANDLE, PIO_STATUS_BLOCK, PVOID, ULONG, ULONG);

// Looked up once. Null where it is missing.
nt_set_information_file_fn nt_set_information_file() {
  static nt_set_information_file_fn fn =
      ntdll_function<nt_set_information_file_fn>("NtSetInformationFile");
  return fn;
}

}  // namespace

// ---- cancellation handler ----------------------------------------------------------------

void iocp_handle_canceller::cancel(iocp_op& op) const {
  // Under socket_link_mutex() with the handle's token alive: the handle is open. An op that
  // has finished meanwhile is no longer found (ERROR_NOT_FOUND) and keeps its result.
  op.cancel_requested_ = true;
  ::CancelIoEx(reinterpret_cast<HANDLE>(op.socket_),
               reinterpret_cast<LPOVERLAPPED>(op.overlapped()));
}

// ---- the service ---------------------------------------------------------------------------

iocp_handle_service_base::iocp_handle_service_base(execution_context& ctx)
    : context_(ctx), scheduler_(use_service<scheduler>(ctx)), backend_(scheduler_.get_backend()) {}

void iocp_handle_service_base::base_shutdown() {
  impls_.for_each<base_implementation_type>([this](base_implementation_type& impl) {
    error_code ignored;
    close(impl, ignored);
  });
}

void iocp_handle_service_base::construct(base_implementation_type& impl) {
  impl.handle_ = invalid_native_handle;
  impl.state_ = 0;
  impls_.link(impl);
}

void iocp_handle_service_base::take_state(base_implementation_type& impl,
                                          base_implementation_type& other) {
  impl.handle_ = other.handle_;
  impl.state_ = other.state_;
  // No lock: only the handle's owner touches these two pointers; cancellation handlers hold
  // weak copies, and a move leaves the shared count they check unchanged.
  impl.cancel_token_ = std::move(other.cancel_token_);
  other.handle_ = invalid_native_handle;
  other.state_ = 0;
}

error_code iocp_handle_service_base::assign_handle(base_implementation_type& impl,
                                                   native_handle_type h, error_code& ec) {
  if (is_open(impl)) {
    ec = error::already_open;
    return ec;
  }
  backend_.register_socket(reinterpret_cast<std::uintptr_t>(h), ec);
  if (ec) return ec;
  unsigned char state = 0;
  if (::GetFileType(static_cast<HANDLE>(h)) == FILE_TYPE_DISK) state |= seekable;
  // An immediate success (a cached file read or write, on Windows) is then delivered without
  // a packet, as for sockets. Kernel handles are IFS handles, so no layered provider can
  // complete I/O behind the port's back. Not undone by release(): the system cannot clear it.
  if (::SetFileCompletionNotificationModes(static_cast<HANDLE>(h),
                                           FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))
    state |= skip_completion_port;
  impl.handle_ = h;
  impl.state_ = state;
  {
    std::lock_guard lock(socket_link_mutex());
    impl.cancel_token_ = std::make_shared<iocp_handle_token>();
  }
  impls_.link(impl);  // a moved-from implementation that opens again
  ec.clear();
  return ec;
}

error_code iocp_handle_service_base::close(base_implementation_type& impl, error_code& ec) {
  ec.clear();
  if (!is_open(impl)) return ec;
  {
    // TRICKY: the token dies before the handle does; a cancellation handler checks it under
    // the same mutex, so it never cancels on a closed (and maybe reused) handle.
    std::lock_guard lock(socket_link_mutex());
    impl.cancel_token_.reset();
  }
  // Every pending op of the handle, started on any thread, comes back aborted.
  ::CancelIoEx(iocp_handle_of(impl), nullptr);
  if (!::CloseHandle(iocp_handle_of(impl))) ec = iocp_handle_last_error();
  impl.handle_ = invalid_native_handle;
  impl.state_ = 0;
  return ec;
}

void iocp_handle_service_base::close_native(native_handle_type h) noexcept {
  if (h != invalid_native_handle && h != nullptr) ::CloseHandle(static_cast<HANDLE>(h));
}

iocp_handle_service_base::native_handle_type iocp_handle_service_base::release(
    base_implementation_type& impl, error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return invalid_native_handle;
  }
  nt_set_information_file_fn nt_set_info = nt_set_information_file();
  if (nt_set_info == nullptr) {
    ec = error::operation_not_supported;
    return invalid_native_handle;
  }
  if (cancel(impl, ec)) return invalid_native_handle;
  IO_STATUS_BLOCK iosb{};
  file_completion_information info{nullptr, nullptr};
  if (nt_set_info(iocp_handle_of(impl), &iosb, &info, sizeof info,
                  file_replace_completion_information) != 0) {
    // Wine answers STATUS_NOT_IMPLEMENTED: the handle stays open, associated and owned.
    ec = error::operation_not_supported;
    return invalid_native_handle;
  }
  native_handle_type h = impl.handle_;
  {
    std::lock_guard lock(socket_link_mutex());
    impl.cancel_token_.reset();
  }
  impl.handle_ = invalid_native_handle;
  impl.state_ = 0;
  ec.clear();
  return h;
}

error_code iocp_handle_service_base::cancel(base_implementation_type& impl, error_code& ec) {
  if (!is_open(impl)) {
    ec = error::bad_descriptor;
    return ec;
  }
  ec.clear();
  // Every overlapped op of the handle, started on any thread (the synchronous ones too).
  if (!::CancelIoEx(iocp_handle_of(impl), nullptr)) {
    DWORD e = ::GetLastError();
    if (e != ERROR_NOT_FOUND) ec = iocp_handle_error(e);
  }
  return ec;
}

// ---- starting ops --------------------------------------------------------------------------

void iocp_handle_service_base::complete_now(iocp_op& op, const error_code& ec) {
  scheduler_.work_started();
  op.ec_ = ec;
  op.bytes_ = 0;
  op.ready_.store(1, std::memory_order_relaxed);
  scheduler_.post_deferred_completion(&op);
}

void iocp_handle_service_base::start_transfer(base_implementation_type& impl, iocp_op& op,
                                              std::uint64_t offset, void* data, std::size_t size,
                                              bool write) {
  std::uint64_t at = iocp_native_offset(impl, offset, write);
  op.offset = static_cast<DWORD>(at);
  op.offset_high = static_cast<DWORD>(at >> 32);
  // Longer buffers are offered in part: an ordinary short transfer.
  DWORD len = size < MAXDWORD ? static_cast<DWORD>(size) : MAXDWORD;
  HANDLE h = iocp_handle_of(impl);
  const bool skips_port = (impl.state_ & skip_completion_port) != 0;
  // The pending op keeps run() going until it has completed or been destroyed; the kernel
  // writes into it until its packet has come.
  scheduler_.work_started();
  backend_.overlapped_started();
  DWORD bytes = 0;
  // SAFETY: the OVERLAPPED and `data` are the kernel's until the op's packet is dequeued (or
  // the call returns without queuing one); the op lives until then, the buffer by contract.
  auto* ov = reinterpret_cast<LPOVERLAPPED>(op.overlapped());
  BOOL ok = write ? ::WriteFile(h, data, len, &bytes, ov) : ::ReadFile(h, data, len, &bytes, ov);
  DWORD err = ok ? 0 : ::GetLastError();
  // A packet will come: the I/O is pending, or it finished with a warning (ERROR_MORE_DATA:
  // a message longer than the buffer, which is no success), or it succeeded on a handle that
  // does not skip the port.
  if ((!ok && (err == ERROR_IO_PENDING || err == ERROR_MORE_DATA)) || (ok && !skips_port)) {
    // TRICKY: the port may already have returned the op (its result recorded): whoever sets
    // the ready flag second queues it.
    if (op.ready_.exchange(1, std::memory_order_acq_rel) == 1)
      scheduler_.post_deferred_completion(&op);
    return;
  }
  backend_.overlapped_finished_without_packet();
  op.ec_ = iocp_handle_error(err);
  op.bytes_ = ok ? bytes : 0;
  op.ready_.store(1, std::memory_order_release);
  scheduler_.post_deferred_completion(&op);
}

}  // namespace ringport::detail
