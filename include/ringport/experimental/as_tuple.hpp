// experimental::as_tuple: the name Asio 1.22 gave to as_tuple.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/as_tuple.hpp"

namespace ringport::experimental {
using ringport::as_tuple;
using ringport::as_tuple_t;
}  // namespace ringport::experimental
