// experimental::append: the name Asio 1.22 gave to append.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/append.hpp"

namespace ringport::experimental {
using ringport::append;
using ringport::append_t;
}  // namespace ringport::experimental
