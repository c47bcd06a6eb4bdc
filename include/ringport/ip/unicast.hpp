// ip::unicast: the hop limit (TTL) of outgoing unicast packets.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/ip_socket_option.hpp"

namespace ringport::ip::unicast {

/// The socket option for the hop limit (TTL) of outgoing unicast packets (IP_TTL,
/// IPV6_UNICAST_HOPS).
using hops = ringport::detail::socket_option::unicast_hops<
    ringport::detail::ipproto_ip, ringport::detail::ip_ttl, ringport::detail::ipproto_ipv6,
    ringport::detail::ipv6_unicast_hops>;

}  // namespace ringport::ip::unicast
