// The IP-level option shapes behind ip::multicast and ip::unicast. Unlike the plain ones in
// socket_option.hpp, their level, name and value layout depend on the family the socket was
// opened with (IPPROTO_IP and a byte or in_addr for IPv4, IPPROTO_IPV6 and an int or index for
// IPv6), so each holds both forms and answers for the protocol it is asked about.
#pragma once

#include "ringport/detail/socket_option_constants.hpp"
#include "ringport/detail/socket_types.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/address_v4.hpp"
#include "ringport/ip/address_v6.hpp"

#include <cstddef>
#include <stdexcept>

namespace ringport::detail::socket_option {

template <typename Protocol>
constexpr bool is_v6(const Protocol& p) noexcept {
  return p.family() == af_inet6;
}

// join_group / leave_group: a multicast group address and the interface to use.
template <int Ipv4Level, int Ipv4Name, int Ipv6Level, int Ipv6Name>
class multicast_request {
 public:
  multicast_request() noexcept = default;

  // The interface of an IPv6 group is its scope id, as Asio does; an IPv4 group uses any.
  explicit multicast_request(const ip::address& multicast_address) {
    if (multicast_address.is_v6())
      set_v6(multicast_address.to_v6(), multicast_address.to_v6().scope_id());
    else
      set_v4(multicast_address.to_v4(), ip::address_v4::any());
  }

  explicit multicast_request(const ip::address_v4& multicast_address,
                             const ip::address_v4& network_interface = ip::address_v4::any()) {
    set_v4(multicast_address, network_interface);
  }

  explicit multicast_request(const ip::address_v6& multicast_address,
                             unsigned long network_interface = 0) {
    set_v6(multicast_address,
           network_interface != 0 ? network_interface : multicast_address.scope_id());
  }

  template <typename Protocol>
  int level(const Protocol& p) const noexcept {
    return is_v6(p) ? Ipv6Level : Ipv4Level;
  }
  template <typename Protocol>
  int name(const Protocol& p) const noexcept {
    return is_v6(p) ? Ipv6Name : Ipv4Name;
  }
  template <typename Protocol>
  const void* data(const Protocol& p) const noexcept {
    return is_v6(p) ? static_cast<const void*>(&ipv6_value_)
                    : static_cast<const void*>(&ipv4_value_);
  }
  template <typename Protocol>
  std::size_t size(const Protocol& p) const noexcept {
    return is_v6(p) ? sizeof(ipv6_value_) : sizeof(ipv4_value_);
  }

 private:
  void set_v4(const ip::address_v4& group, const ip::address_v4& iface) noexcept {
    const ip::address_v4::bytes_type g = group.to_bytes();
    const ip::address_v4::bytes_type i = iface.to_bytes();
    for (std::size_t k = 0; k < 4; ++k) {
      ipv4_value_.multiaddr[k] = g[k];
      ipv4_value_.iface[k] = i[k];
    }
  }
  void set_v6(const ip::address_v6& group, unsigned long iface) noexcept {
    const ip::address_v6::bytes_type g = group.to_bytes();
    for (std::size_t k = 0; k < 16; ++k)
      ipv6_value_.multiaddr[k] = g[k];
    ipv6_value_.iface = static_cast<unsigned int>(iface);
  }

  ip_mreq_layout ipv4_value_{};
  ipv6_mreq_layout ipv6_value_{};
};

// outbound_interface: IPv4 names the interface by address, IPv6 by index.
template <int Ipv4Level, int Ipv4Name, int Ipv6Level, int Ipv6Name>
class network_interface {
 public:
  network_interface() noexcept = default;

  explicit network_interface(const ip::address_v4& ipv4_interface) noexcept {
    const ip::address_v4::bytes_type b = ipv4_interface.to_bytes();
    for (std::size_t k = 0; k < 4; ++k)
      ipv4_value_[k] = b[k];
  }

  explicit network_interface(unsigned int ipv6_interface) noexcept : ipv6_value_(ipv6_interface) {}

  template <typename Protocol>
  int level(const Protocol& p) const noexcept {
    return is_v6(p) ? Ipv6Level : Ipv4Level;
  }
  template <typename Protocol>
  int name(const Protocol& p) const noexcept {
    return is_v6(p) ? Ipv6Name : Ipv4Name;
  }
  template <typename Protocol>
  const void* data(const Protocol& p) const noexcept {
    return is_v6(p) ? static_cast<const void*>(&ipv6_value_)
                    : static_cast<const void*>(ipv4_value_);
  }
  template <typename Protocol>
  std::size_t size(const Protocol& p) const noexcept {
    return is_v6(p) ? sizeof(ipv6_value_) : sizeof(ipv4_value_);
  }

 private:
  // An in_addr in network byte order, as bytes.
  alignas(4) unsigned char ipv4_value_[4] = {};
  unsigned int ipv6_value_ = 0;
};

// multicast::hops: IPv4 takes the TTL as one byte, IPv6 as an int; both hold the same value.
template <int Ipv4Level, int Ipv4Name, int Ipv6Level, int Ipv6Name>
class multicast_hops {
 public:
  multicast_hops() noexcept = default;

  // A hop count is a byte on the wire, so a value outside 0..255 is refused, as in Asio.
  explicit multicast_hops(int v) { *this = v; }

  multicast_hops& operator=(int v) {
    if (v < 0 || v > 255) throw std::out_of_range("multicast hops value out of range");
    ipv4_value_ = static_cast<unsigned char>(v);
    ipv6_value_ = v;
    return *this;
  }

  int value() const noexcept { return ipv6_value_; }

  template <typename Protocol>
  int level(const Protocol& p) const noexcept {
    return is_v6(p) ? Ipv6Level : Ipv4Level;
  }
  template <typename Protocol>
  int name(const Protocol& p) const noexcept {
    return is_v6(p) ? Ipv6Name : Ipv4Name;
  }
  template <typename Protocol>
  void* data(const Protocol& p) noexcept {
    return is_v6(p) ? static_cast<void*>(&ipv6_value_) : static_cast<void*>(&ipv4_value_);
  }
  template <typename Protocol>
  const void* data(const Protocol& p) const noexcept {
    return is_v6(p) ? static_cast<const void*>(&ipv6_value_)
                    : static_cast<const void*>(&ipv4_value_);
  }
  template <typename Protocol>
  std::size_t size(const Protocol& p) const noexcept {
    return is_v6(p) ? sizeof(ipv6_value_) : sizeof(ipv4_value_);
  }
  // After a get, value() must report what the kernel said whichever form it filled.
  template <typename Protocol>
  void resize(const Protocol& p, std::size_t s) {
    if (s != size(p)) throw std::length_error("multicast hops socket option resize");
    if (is_v6(p))
      ipv4_value_ = static_cast<unsigned char>(ipv6_value_);
    else
      ipv6_value_ = ipv4_value_;
  }

 private:
  unsigned char ipv4_value_ = 0;
  int ipv6_value_ = 0;
};

// multicast::enable_loopback: a boolean that IPv4 takes as one byte and IPv6 as an int.
template <int Ipv4Level, int Ipv4Name, int Ipv6Level, int Ipv6Name>
class multicast_enable_loopback {
 public:
  multicast_enable_loopback() noexcept = default;
  explicit multicast_enable_loopback(bool v) noexcept { *this = v; }

  multicast_enable_loopback& operator=(bool v) noexcept {
    ipv4_value_ = v ? 1 : 0;
    ipv6_value_ = v ? 1 : 0;
    return *this;
  }

  bool value() const noexcept { return ipv6_value_ != 0; }
  explicit operator bool() const noexcept { return value(); }
  bool operator!() const noexcept { return !value(); }

  template <typename Protocol>
  int level(const Protocol& p) const noexcept {
    return is_v6(p) ? Ipv6Level : Ipv4Level;
  }
  template <typename Protocol>
  int name(const Protocol& p) const noexcept {
    return is_v6(p) ? Ipv6Name : Ipv4Name;
  }
  template <typename Protocol>
  void* data(const Protocol& p) noexcept {
    return is_v6(p) ? static_cast<void*>(&ipv6_value_) : static_cast<void*>(&ipv4_value_);
  }
  template <typename Protocol>
  const void* data(const Protocol& p) const noexcept {
    return is_v6(p) ? static_cast<const void*>(&ipv6_value_)
                    : static_cast<const void*>(&ipv4_value_);
  }
  template <typename Protocol>
  std::size_t size(const Protocol& p) const noexcept {
    return is_v6(p) ? sizeof(ipv6_value_) : sizeof(ipv4_value_);
  }
  template <typename Protocol>
  void resize(const Protocol& p, std::size_t s) {
    if (s != size(p)) throw std::length_error("multicast loopback socket option resize");
    if (is_v6(p))
      ipv4_value_ = ipv6_value_ ? 1 : 0;
    else
      ipv6_value_ = ipv4_value_ ? 1 : 0;
  }

 private:
  unsigned char ipv4_value_ = 0;
  int ipv6_value_ = 0;
};

// unicast::hops: an int on both families (IP_TTL / IPV6_UNICAST_HOPS).
template <int Ipv4Level, int Ipv4Name, int Ipv6Level, int Ipv6Name>
class unicast_hops {
 public:
  unicast_hops() noexcept = default;
  explicit unicast_hops(int v) noexcept : value_(v) {}

  unicast_hops& operator=(int v) noexcept {
    value_ = v;
    return *this;
  }

  int value() const noexcept { return value_; }

  template <typename Protocol>
  int level(const Protocol& p) const noexcept {
    return is_v6(p) ? Ipv6Level : Ipv4Level;
  }
  template <typename Protocol>
  int name(const Protocol& p) const noexcept {
    return is_v6(p) ? Ipv6Name : Ipv4Name;
  }
  template <typename Protocol>
  int* data(const Protocol&) noexcept {
    return &value_;
  }
  template <typename Protocol>
  const int* data(const Protocol&) const noexcept {
    return &value_;
  }
  template <typename Protocol>
  std::size_t size(const Protocol&) const noexcept {
    return sizeof(value_);
  }
  template <typename Protocol>
  void resize(const Protocol&, std::size_t s) {
    if (s != sizeof(value_)) throw std::length_error("unicast hops socket option resize");
  }

 private:
  int value_ = 0;
};

}  // namespace ringport::detail::socket_option
