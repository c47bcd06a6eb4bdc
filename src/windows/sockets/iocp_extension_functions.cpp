// iocp_socket_service_base, the functions looked up at run time: the Winsock extensions
// (ConnectEx, AcceptEx, GetAcceptExSockaddrs, WSARecvMsg) through
// SIO_GET_EXTENSION_FUNCTION_POINTER, NtSetInformationFile in ntdll and CancelIoEx in
// kernel32. Each is looked up once and cached.
#include "iocp_socket_internal.hpp"
#include "../ntdll_function.hpp"

namespace ringport::detail {

namespace {

void* lookup_extension(native_socket_type s, GUID guid) {
  void* fn = nullptr;
  DWORD bytes = 0;
  if (::WSAIoctl(sock(s), SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof guid, &fn, sizeof fn,
                 &bytes, nullptr, nullptr) != 0)
    return nullptr;
  return fn;
}

}  // namespace

cancel_io_ex_fn cancel_io_ex() {
  static cancel_io_ex_fn fn = []() -> cancel_io_ex_fn {
    HMODULE k32 = ::GetModuleHandleW(L"kernel32.dll");
    if (k32 == nullptr) return nullptr;
    return reinterpret_cast<cancel_io_ex_fn>(
        reinterpret_cast<void*>(::GetProcAddress(k32, "CancelIoEx")));
  }();
  if (iocp_test_state::cancel_io_forced()) return nullptr;
  return fn;
}

void* iocp_socket_service_base::connect_ex(native_handle_type s) {
  if (iocp_test_state::reactor_connect_forced()) return nullptr;
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

// Looked up on first use and cached.
void* iocp_socket_service_base::nt_set_information_file() {
  if (!nt_set_info_looked_up_.load(std::memory_order_acquire)) {
    void* fn = ntdll_function<void*>("NtSetInformationFile");
    nt_set_info_.store(fn, std::memory_order_release);
    nt_set_info_looked_up_.store(true, std::memory_order_release);
  }
  return nt_set_info_.load();
}

}  // namespace ringport::detail
