// The socket service the public socket classes use: detail::socket_service_for<Protocol>,
// the one socket_service<Protocol> over the platform's OS half.
#pragma once

#include "ringport/detail/socket_service.hpp"

namespace ringport::detail {
template <typename Protocol>
using socket_service_for = socket_service<Protocol>;
}  // namespace ringport::detail
