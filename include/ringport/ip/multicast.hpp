// ip::multicast: the options that join and leave groups and shape outgoing multicast.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/ip_socket_option.hpp"

namespace ringport::ip::multicast {

/// The socket option that joins a multicast group (IP_ADD_MEMBERSHIP, IPV6_JOIN_GROUP).
using join_group = ringport::detail::socket_option::multicast_request<
    ringport::detail::ipproto_ip, ringport::detail::ip_add_membership,
    ringport::detail::ipproto_ipv6, ringport::detail::ipv6_join_group>;

/// The socket option that leaves a multicast group (IP_DROP_MEMBERSHIP, IPV6_LEAVE_GROUP).
using leave_group = ringport::detail::socket_option::multicast_request<
    ringport::detail::ipproto_ip, ringport::detail::ip_drop_membership,
    ringport::detail::ipproto_ipv6, ringport::detail::ipv6_leave_group>;

/// The socket option that chooses the interface for outgoing multicast (IP_MULTICAST_IF,
/// IPV6_MULTICAST_IF).
using outbound_interface = ringport::detail::socket_option::network_interface<
    ringport::detail::ipproto_ip, ringport::detail::ip_multicast_if, ringport::detail::ipproto_ipv6,
    ringport::detail::ipv6_multicast_if>;

/// The socket option for the hop limit (TTL) of outgoing multicast packets (IP_MULTICAST_TTL,
/// IPV6_MULTICAST_HOPS).
using hops = ringport::detail::socket_option::multicast_hops<
    ringport::detail::ipproto_ip, ringport::detail::ip_multicast_ttl,
    ringport::detail::ipproto_ipv6, ringport::detail::ipv6_multicast_hops>;

/// The socket option that says whether outgoing multicast is looped back to the local host
/// (IP_MULTICAST_LOOP, IPV6_MULTICAST_LOOP).
using enable_loopback = ringport::detail::socket_option::multicast_enable_loopback<
    ringport::detail::ipproto_ip, ringport::detail::ip_multicast_loop,
    ringport::detail::ipproto_ipv6, ringport::detail::ipv6_multicast_loop>;

}  // namespace ringport::ip::multicast
