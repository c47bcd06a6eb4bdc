// experimental::prepend: the name Asio 1.22 gave to prepend.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/prepend.hpp"

namespace ringport::experimental {
using ringport::prepend;
using ringport::prepend_t;
}  // namespace ringport::experimental
