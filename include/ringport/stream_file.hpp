// stream_file: basic_stream_file on the polymorphic any_io_executor.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_stream_file.hpp"

namespace ringport {
/// basic_stream_file on the polymorphic any_io_executor.
using stream_file = basic_stream_file<>;
}  // namespace ringport
