#include "winsock_init.hpp"

#include "ringport/error.hpp"

#include <winsock2.h>

#include <mutex>
#include <system_error>

namespace ringport::detail {

namespace {

std::mutex& winsock_mutex() {
  static std::mutex m;
  return m;
}
int winsock_refs = 0;

}  // namespace

void winsock_acquire() {
  std::lock_guard lock(winsock_mutex());
  if (winsock_refs++ == 0) {
    WSADATA data;
    int r = ::WSAStartup(MAKEWORD(2, 2), &data);
    if (r != 0) {
      --winsock_refs;
      throw std::system_error(std::error_code(r, error::get_system_category()), "WSAStartup");
    }
  }
}

void winsock_release() noexcept {
  std::lock_guard lock(winsock_mutex());
  if (--winsock_refs == 0) ::WSACleanup();
}

}  // namespace ringport::detail
