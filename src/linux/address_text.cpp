// IP address text and interface names through the POSIX calls.
#include "ringport/detail/address_text.hpp"

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

namespace ringport::detail {

bool parse_ipv4_text(const char* text, std::array<unsigned char, 4>& bytes) noexcept {
  in_addr addr;
  if (::inet_pton(AF_INET, text, &addr) != 1) return false;
  std::memcpy(bytes.data(), &addr, bytes.size());
  return true;
}

bool parse_ipv6_text(const char* text, std::array<unsigned char, 16>& bytes) noexcept {
  in6_addr addr;
  if (::inet_pton(AF_INET6, text, &addr) != 1) return false;
  std::memcpy(bytes.data(), &addr, bytes.size());
  return true;
}

std::string format_ipv4_text(const std::array<unsigned char, 4>& bytes) {
  in_addr addr;
  std::memcpy(&addr, bytes.data(), bytes.size());
  char text[INET_ADDRSTRLEN];
  // Cannot fail: the family is valid and the buffer large enough.
  ::inet_ntop(AF_INET, &addr, text, sizeof(text));
  return text;
}

std::string format_ipv6_text(const std::array<unsigned char, 16>& bytes) {
  in6_addr addr;
  std::memcpy(&addr, bytes.data(), bytes.size());
  char text[INET6_ADDRSTRLEN];
  ::inet_ntop(AF_INET6, &addr, text, sizeof(text));
  return text;
}

std::uint32_t interface_index(const char* name) noexcept {
  return ::if_nametoindex(name);
}

std::string interface_name(std::uint32_t index) {
  char name[IF_NAMESIZE + 1] = {};
  if (::if_indextoname(index, name) == nullptr) return std::string();
  return name;
}

}  // namespace ringport::detail
