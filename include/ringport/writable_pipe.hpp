// writable_pipe: basic_writable_pipe on the polymorphic any_io_executor.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_writable_pipe.hpp"

namespace ringport {
/// basic_writable_pipe on the polymorphic any_io_executor.
using writable_pipe = basic_writable_pipe<>;
}  // namespace ringport
