// ip_endpoint: address <-> sockaddr_in/sockaddr_in6 conversion and printing.
#include "ringport/detail/ip_endpoint.hpp"

#include "ringport/error.hpp"

#include <cstring>

namespace ringport::detail {

ip_endpoint::ip_endpoint() noexcept : ip_endpoint(af_inet, 0) {}

ip_endpoint::ip_endpoint(int family, ip::port_type port_num) noexcept {
  if (family == af_inet6) {
    address(ip::address_v6::any());
  } else {
    address(ip::address_v4::any());
  }
  port(port_num);
}

ip_endpoint::ip_endpoint(const ip::address& addr, ip::port_type port_num) noexcept {
  address(addr);
  port(port_num);
}

void ip_endpoint::resize(std::size_t new_size) {
  if (new_size > sockaddr_storage_size) throw_error(error::invalid_argument, "resize");
}

ip::address ip_endpoint::address() const noexcept {
  if (is_v4()) {
    ip::address_v4::bytes_type bytes;
    std::memcpy(bytes.data(), data_.v4.addr, bytes.size());
    return ip::address_v4(bytes);
  }
  ip::address_v6::bytes_type bytes;
  std::memcpy(bytes.data(), data_.v6.addr, bytes.size());
  return ip::address_v6(bytes, data_.v6.scope_id);
}

void ip_endpoint::address(const ip::address& addr) noexcept {
  const ip::port_type port_num = port();
  // Zeroing clears sin_zero and sin6_flowinfo, which the OS expects to be 0.
  std::memset(&data_, 0, sizeof(data_));
  if (addr.is_v4()) {
    data_.v4.family = static_cast<std::uint16_t>(af_inet);
    const ip::address_v4::bytes_type bytes = addr.to_v4().to_bytes();
    std::memcpy(data_.v4.addr, bytes.data(), bytes.size());
  } else {
    const ip::address_v6 v6 = addr.to_v6();
    data_.v6.family = static_cast<std::uint16_t>(af_inet6);
    const ip::address_v6::bytes_type bytes = v6.to_bytes();
    std::memcpy(data_.v6.addr, bytes.data(), bytes.size());
    data_.v6.scope_id = static_cast<std::uint32_t>(v6.scope_id());
  }
  port(port_num);
}

std::string ip_endpoint::to_string() const {
  const ip::address addr = address();
  std::string text;
  if (addr.is_v4()) {
    text = addr.to_string();
  } else {
    // Brackets keep the port's colon apart from the address's.
    text = '[' + addr.to_string() + ']';
  }
  text += ':';
  text += std::to_string(port());
  return text;
}

}  // namespace ringport::detail
