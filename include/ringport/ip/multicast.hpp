// ip::multicast: the options that join and leave groups and shape outgoing multicast.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/ip_socket_option.hpp"

namespace ringport::ip::multicast {

using join_group = ringport::detail::socket_option::multicast_request<
    ringport::detail::ipproto_ip, ringport::detail::ip_add_membership,
    ringport::detail::ipproto_ipv6, ringport::detail::ipv6_join_group>;

using leave_group = ringport::detail::socket_option::multicast_request<
    ringport::detail::ipproto_ip, ringport::detail::ip_drop_membership,
    ringport::detail::ipproto_ipv6, ringport::detail::ipv6_leave_group>;

using outbound_interface = ringport::detail::socket_option::network_interface<
    ringport::detail::ipproto_ip, ringport::detail::ip_multicast_if, ringport::detail::ipproto_ipv6,
    ringport::detail::ipv6_multicast_if>;

using hops = ringport::detail::socket_option::multicast_hops<
    ringport::detail::ipproto_ip, ringport::detail::ip_multicast_ttl,
    ringport::detail::ipproto_ipv6, ringport::detail::ipv6_multicast_hops>;

using enable_loopback = ringport::detail::socket_option::multicast_enable_loopback<
    ringport::detail::ipproto_ip, ringport::detail::ip_multicast_loop,
    ringport::detail::ipproto_ipv6, ringport::detail::ipv6_multicast_loop>;

}  // namespace ringport::ip::multicast
