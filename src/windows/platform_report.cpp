// Windows's half of the platform report (ringport-info): the Windows release (and Wine's,
// when it runs under Wine) and the Winsock functions the IOCP backend relies on.
#include "ringport/platform_report.hpp"

#include "ntdll_function.hpp"
#include "winsock_init.hpp"

#include <winsock2.h>
#include <windows.h>
#include <mswsock.h>

#include <string>
#include <vector>

namespace ringport {

namespace {

// RtlGetVersion tells the real release (GetVersionEx answers what the manifest allows).
std::string windows_release() {
  using rtl_get_version = LONG(WINAPI*)(OSVERSIONINFOW*);
  auto get = detail::ntdll_function<rtl_get_version>("RtlGetVersion");
  OSVERSIONINFOW info{};
  info.dwOSVersionInfoSize = sizeof info;
  if (get == nullptr || get(&info) != 0) return "Windows (release unknown)";
  return "Windows " + std::to_string(info.dwMajorVersion) + "." +
         std::to_string(info.dwMinorVersion) + " build " + std::to_string(info.dwBuildNumber);
}

// True when the Winsock extension function `id` can be loaded on a TCP socket.
bool has_extension(GUID id) {
  SOCKET s = ::socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  if (s == INVALID_SOCKET) return false;
  void* fn = nullptr;
  DWORD bytes = 0;
  int r = ::WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, sizeof id, &fn, sizeof fn, &bytes,
                     nullptr, nullptr);
  ::closesocket(s);
  return r == 0 && fn != nullptr;
}

}  // namespace

std::vector<platform_fact> describe_platform() {
  std::vector<platform_fact> facts;
  facts.push_back({"os", windows_release()});
  using wine_get_version = const char*(CDECL*)();
  if (auto wine = detail::ntdll_function<wine_get_version>("wine_get_version"))
    facts.push_back({"wine", wine()});
  detail::winsock_acquire();
  GUID accept_ex = WSAID_ACCEPTEX, connect_ex = WSAID_CONNECTEX;
  std::string found;
  found += has_extension(accept_ex) ? "AcceptEx" : "(no AcceptEx)";
  found += has_extension(connect_ex) ? " ConnectEx" : " (no ConnectEx)";
  facts.push_back({"winsock extensions", found});
  detail::winsock_release();
  SYSTEM_INFO si{};
  ::GetSystemInfo(&si);
  facts.push_back({"processors", std::to_string(si.dwNumberOfProcessors)});
  return facts;
}

}  // namespace ringport
