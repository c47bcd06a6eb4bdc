// readable_pipe: basic_readable_pipe on the polymorphic any_io_executor.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_readable_pipe.hpp"

namespace ringport {
/// basic_readable_pipe on the polymorphic any_io_executor.
using readable_pipe = basic_readable_pipe<>;
}  // namespace ringport
