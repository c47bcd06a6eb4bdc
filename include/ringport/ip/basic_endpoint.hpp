// An IP endpoint (address and port) of one protocol, e.g. ip::tcp::endpoint. Wraps the
// sockaddr that the socket layer hands to the OS.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/ip_endpoint.hpp"
#include "ringport/detail/socket_types.hpp"
#include "ringport/ip/address.hpp"

#include <compare>
#include <cstddef>
#include <functional>
#include <ostream>

namespace ringport::ip {

/// An IP endpoint (address and port) of one protocol, e.g. ip::tcp::endpoint (Asio's
/// ip::basic_endpoint). Wraps the sockaddr that the socket layer hands to the OS.
template <typename InternetProtocol>
class basic_endpoint {
 public:
  /// The protocol the endpoint belongs to.
  using protocol_type = InternetProtocol;
  /// The OS's generic sockaddr (incomplete in ringport's headers; the socket layer casts).
  using data_type = detail::socket_addr_type;

  /// @name Construction
  //@{
  /// 0.0.0.0:0
  basic_endpoint() noexcept = default;
  /// The unspecified address of the protocol's version, e.g. (tcp::v6(), 80) is [::]:80, the
  /// endpoint a server binds to accept on every interface.
  basic_endpoint(const InternetProtocol& internet_protocol, port_type port_num) noexcept
      : impl_(internet_protocol.family(), port_num) {}
  /// The endpoint of `addr` and `port_num`.
  basic_endpoint(const ringport::ip::address& addr, port_type port_num) noexcept
      : impl_(addr, port_num) {}

  //@}
  /// The protocol of the endpoint's address version (v4() or v6()).
  protocol_type protocol() const noexcept {
    return impl_.is_v4() ? InternetProtocol::v4() : InternetProtocol::v6();
  }

  /// @name The sockaddr
  //@{
  /// The OS's sockaddr for the endpoint, its size, setting the size (after the OS wrote a
  /// sockaddr), and the largest size it can hold.
  data_type* data() noexcept { return impl_.data(); }
  const data_type* data() const noexcept { return impl_.data(); }
  /// sizeof(sockaddr_in) or sizeof(sockaddr_in6), by the address family.
  std::size_t size() const noexcept { return impl_.size(); }
  void resize(std::size_t new_size) { impl_.resize(new_size); }
  std::size_t capacity() const noexcept { return impl_.capacity(); }

  //@}
  /// @name Port
  //@{
  /// Host byte order.
  port_type port() const noexcept { return impl_.port(); }
  void port(port_type port_num) noexcept { impl_.port(port_num); }

  //@}
  /// @name Address
  //@{
  /// The endpoint's address, and setting it.
  ringport::ip::address address() const noexcept { return impl_.address(); }
  void address(const ringport::ip::address& addr) noexcept { impl_.address(addr); }

  //@}
  /// @name Comparison
  //@{
  /// Endpoints compare by address, then port.
  friend bool operator==(const basic_endpoint& a, const basic_endpoint& b) noexcept {
    return a.impl_ == b.impl_;
  }
  friend std::strong_ordering operator<=>(const basic_endpoint& a,
                                          const basic_endpoint& b) noexcept {
    return a.impl_ <=> b.impl_;
  }

  /// "1.2.3.4:80" or "[::1]:80": printed whole, so a stream's width applies to all of it.
  template <typename Elem, typename Traits>
  friend std::basic_ostream<Elem, Traits>& operator<<(std::basic_ostream<Elem, Traits>& os,
                                                      const basic_endpoint& endpoint) {
    return os << endpoint.impl_.to_string().c_str();
  }

  //@}
 private:
  detail::ip_endpoint impl_;
};

}  // namespace ringport::ip

/// Hashes an endpoint (its address and port), so endpoints can be keys of unordered
/// containers.
template <typename InternetProtocol>
struct std::hash<ringport::ip::basic_endpoint<InternetProtocol>> {
  /// The endpoint's hash.
  std::size_t operator()(const ringport::ip::basic_endpoint<InternetProtocol>& ep) const noexcept {
    const std::size_t hash1 = std::hash<ringport::ip::address>()(ep.address());
    const std::size_t hash2 = std::hash<unsigned short>()(ep.port());
    return hash1 ^ (hash2 + 0x9e3779b9 + (hash1 << 6) + (hash1 >> 2));
  }
};
