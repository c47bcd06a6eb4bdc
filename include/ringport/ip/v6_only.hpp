// ip::v6_only: whether an IPv6 socket refuses IPv4-mapped traffic (IPV6_V6ONLY).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/socket_option.hpp"

namespace ringport::ip {

/// The socket option that says whether an IPv6 socket refuses IPv4-mapped traffic
/// (IPV6_V6ONLY).
using v6_only = ringport::detail::socket_option::boolean<ringport::detail::ipproto_ipv6,
                                                         ringport::detail::ipv6_v6only>;

}  // namespace ringport::ip
