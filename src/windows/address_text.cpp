// IP address text through Winsock's inet_pton/inet_ntop, which need no WSAStartup. Interface
// names are not resolved: that needs iphlpapi, and Asio prints and parses numeric scopes on
// Windows too.
#include "ringport/detail/address_text.hpp"

#include <winsock2.h>
#include <ws2tcpip.h>

#include <cstring>

namespace ringport::detail {

bool parse_ipv4_text(const char* text, std::array<unsigned char, 4>& bytes) noexcept {
  IN_ADDR addr;
  if (::inet_pton(AF_INET, text, &addr) != 1) return false;
  std::memcpy(bytes.data(), &addr, bytes.size());
  return true;
}

bool parse_ipv6_text(const char* text, std::array<unsigned char, 16>& bytes) noexcept {
  IN6_ADDR addr;
  if (::inet_pton(AF_INET6, text, &addr) != 1) return false;
  std::memcpy(bytes.data(), &addr, bytes.size());
  return true;
}

std::string format_ipv4_text(const std::array<unsigned char, 4>& bytes) {
  IN_ADDR addr;
  std::memcpy(&addr, bytes.data(), bytes.size());
  char text[INET_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET, &addr, text, sizeof(text));
  return text;
}

std::string format_ipv6_text(const std::array<unsigned char, 16>& bytes) {
  IN6_ADDR addr;
  std::memcpy(&addr, bytes.data(), bytes.size());
  char text[INET6_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET6, &addr, text, sizeof(text));
  return text;
}

std::uint32_t interface_index(const char*) noexcept {
  return 0;
}

std::string interface_name(std::uint32_t) {
  return std::string();
}

}  // namespace ringport::detail
