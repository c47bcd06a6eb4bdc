// posix::descriptor: basic_descriptor on the polymorphic any_io_executor.
#pragma once

#include "ringport/detail/config.hpp"

// POSIX descriptors exist on POSIX systems only; elsewhere this header offers nothing, as
// Asio's does.
#if defined(RINGPORT_POSIX)
#include "ringport/posix/basic_descriptor.hpp"

namespace ringport::posix {
/// basic_descriptor on the polymorphic any_io_executor.
using descriptor = basic_descriptor<>;
}  // namespace ringport::posix

#endif  // defined(RINGPORT_POSIX)
