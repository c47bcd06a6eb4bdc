// The setsockopt levels, option names and value layouts that the socket option classes use.
// Installed headers may not include <winsock2.h>, so on Windows the values are spelled as
// numbers and the structs as layout twins; src/linux/socket_option_check.cpp and
// src/windows/socket_option_check.cpp static_assert each one against the OS's own definition,
// so a wrong number fails the build instead of setting the wrong option at run time.
#pragma once

#include "ringport/detail/config.hpp"

#if defined(RINGPORT_POSIX)
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

namespace ringport::detail {

#if defined(RINGPORT_WINDOWS)
inline constexpr int sol_socket = 0xffff;
inline constexpr int so_broadcast = 0x0020;
inline constexpr int so_debug = 0x0001;
inline constexpr int so_dontroute = 0x0010;
inline constexpr int so_keepalive = 0x0008;
inline constexpr int so_sndbuf = 0x1001;
inline constexpr int so_sndlowat = 0x1003;
inline constexpr int so_rcvbuf = 0x1002;
inline constexpr int so_rcvlowat = 0x1004;
inline constexpr int so_reuseaddr = 0x0004;
inline constexpr int so_linger = 0x0080;
inline constexpr int so_oobinline = 0x0100;

inline constexpr int ipproto_ip = 0;
inline constexpr int ipproto_ipv6 = 41;
inline constexpr int tcp_nodelay = 1;

inline constexpr int ip_ttl = 4;
inline constexpr int ip_multicast_if = 9;
inline constexpr int ip_multicast_ttl = 10;
inline constexpr int ip_multicast_loop = 11;
inline constexpr int ip_add_membership = 12;
inline constexpr int ip_drop_membership = 13;

inline constexpr int ipv6_unicast_hops = 4;
inline constexpr int ipv6_multicast_if = 9;
inline constexpr int ipv6_multicast_hops = 10;
inline constexpr int ipv6_multicast_loop = 11;
inline constexpr int ipv6_join_group = 12;
inline constexpr int ipv6_leave_group = 13;
inline constexpr int ipv6_v6only = 27;

// Twin of Winsock's LINGER: both fields are u_short there.
struct linger_layout {
  unsigned short onoff;
  unsigned short linger;
};
#else
inline constexpr int sol_socket = SOL_SOCKET;
inline constexpr int so_broadcast = SO_BROADCAST;
inline constexpr int so_debug = SO_DEBUG;
inline constexpr int so_dontroute = SO_DONTROUTE;
inline constexpr int so_keepalive = SO_KEEPALIVE;
inline constexpr int so_sndbuf = SO_SNDBUF;
inline constexpr int so_sndlowat = SO_SNDLOWAT;
inline constexpr int so_rcvbuf = SO_RCVBUF;
inline constexpr int so_rcvlowat = SO_RCVLOWAT;
inline constexpr int so_reuseaddr = SO_REUSEADDR;
inline constexpr int so_linger = SO_LINGER;
inline constexpr int so_oobinline = SO_OOBINLINE;

inline constexpr int ipproto_ip = IPPROTO_IP;
inline constexpr int ipproto_ipv6 = IPPROTO_IPV6;
inline constexpr int tcp_nodelay = TCP_NODELAY;

inline constexpr int ip_ttl = IP_TTL;
inline constexpr int ip_multicast_if = IP_MULTICAST_IF;
inline constexpr int ip_multicast_ttl = IP_MULTICAST_TTL;
inline constexpr int ip_multicast_loop = IP_MULTICAST_LOOP;
inline constexpr int ip_add_membership = IP_ADD_MEMBERSHIP;
inline constexpr int ip_drop_membership = IP_DROP_MEMBERSHIP;

inline constexpr int ipv6_unicast_hops = IPV6_UNICAST_HOPS;
inline constexpr int ipv6_multicast_if = IPV6_MULTICAST_IF;
inline constexpr int ipv6_multicast_hops = IPV6_MULTICAST_HOPS;
inline constexpr int ipv6_multicast_loop = IPV6_MULTICAST_LOOP;
inline constexpr int ipv6_join_group = IPV6_JOIN_GROUP;
inline constexpr int ipv6_leave_group = IPV6_LEAVE_GROUP;
inline constexpr int ipv6_v6only = IPV6_V6ONLY;

// Twin of struct linger: POSIX makes both fields int.
struct linger_layout {
  int onoff;
  int linger;
};
#endif

// Twin of ip_mreq. Addresses stay in network byte order, as bytes, the way address_v4 keeps
// them, so filling one needs no htonl. (No field is called `interface`: a Windows header
// defines that as a macro.)
struct alignas(4) ip_mreq_layout {
  unsigned char multiaddr[4];
  unsigned char iface[4];
};

// Twin of ipv6_mreq (Linux: unsigned int index; Windows: ULONG, also 32 bits).
struct ipv6_mreq_layout {
  unsigned char multiaddr[16];
  unsigned int iface;
};

}  // namespace ringport::detail
