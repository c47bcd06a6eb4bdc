// io_service: the name io_context had before Asio 1.11, still offered as a deprecated alias.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/io_context.hpp"

#if defined(RINGPORT_HAS_DEPRECATED)
namespace ringport {
/// The name io_context had before Asio 1.11, still offered as a deprecated alias.
using io_service = io_context;
}  // namespace ringport
#endif
