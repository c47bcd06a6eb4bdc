// include/ringport/detail/socket_option_constants.hpp names the option levels, names and value
// layouts the socket option classes hand to setsockopt. Here each meets the OS definition, so
// a wrong one fails the build (Winsock's are spelled as numbers in the header). Nothing to
// link.
#include "ringport/detail/socket_option_constants.hpp"

#include "sockets/os_socket_headers.hpp"

#include <cstddef>

namespace ringport::detail {

static_assert(sol_socket == SOL_SOCKET);
static_assert(so_broadcast == SO_BROADCAST && so_debug == SO_DEBUG);
static_assert(so_dontroute == SO_DONTROUTE && so_keepalive == SO_KEEPALIVE);
static_assert(so_sndbuf == SO_SNDBUF && so_sndlowat == SO_SNDLOWAT);
static_assert(so_rcvbuf == SO_RCVBUF && so_rcvlowat == SO_RCVLOWAT);
static_assert(so_reuseaddr == SO_REUSEADDR && so_linger == SO_LINGER);
static_assert(so_oobinline == SO_OOBINLINE);

static_assert(ipproto_ip == IPPROTO_IP && ipproto_ipv6 == IPPROTO_IPV6);
static_assert(tcp_nodelay == TCP_NODELAY);

static_assert(ip_ttl == IP_TTL && ip_multicast_if == IP_MULTICAST_IF);
static_assert(ip_multicast_ttl == IP_MULTICAST_TTL && ip_multicast_loop == IP_MULTICAST_LOOP);
static_assert(ip_add_membership == IP_ADD_MEMBERSHIP);
static_assert(ip_drop_membership == IP_DROP_MEMBERSHIP);

static_assert(ipv6_unicast_hops == IPV6_UNICAST_HOPS && ipv6_multicast_if == IPV6_MULTICAST_IF);
static_assert(ipv6_multicast_hops == IPV6_MULTICAST_HOPS);
static_assert(ipv6_multicast_loop == IPV6_MULTICAST_LOOP);
static_assert(ipv6_join_group == IPV6_JOIN_GROUP && ipv6_leave_group == IPV6_LEAVE_GROUP);
static_assert(ipv6_v6only == IPV6_V6ONLY);

static_assert(sizeof(linger_layout) == sizeof(::linger));
static_assert(offsetof(linger_layout, onoff) == offsetof(::linger, l_onoff));
static_assert(offsetof(linger_layout, linger) == offsetof(::linger, l_linger));
static_assert(sizeof(linger_layout::onoff) == sizeof(::linger::l_onoff));
static_assert(sizeof(linger_layout::linger) == sizeof(::linger::l_linger));

static_assert(sizeof(ip_mreq_layout) == sizeof(ip_mreq));
static_assert(alignof(ip_mreq_layout) == alignof(ip_mreq));
static_assert(offsetof(ip_mreq_layout, multiaddr) == offsetof(ip_mreq, imr_multiaddr));
static_assert(offsetof(ip_mreq_layout, iface) == offsetof(ip_mreq, imr_interface));

static_assert(sizeof(ipv6_mreq_layout) == sizeof(ipv6_mreq));
static_assert(alignof(ipv6_mreq_layout) == alignof(ipv6_mreq));
static_assert(offsetof(ipv6_mreq_layout, multiaddr) == offsetof(ipv6_mreq, ipv6mr_multiaddr));
static_assert(offsetof(ipv6_mreq_layout, iface) == offsetof(ipv6_mreq, ipv6mr_interface));
static_assert(sizeof(ipv6_mreq_layout::iface) == sizeof(ipv6_mreq::ipv6mr_interface));

}  // namespace ringport::detail
