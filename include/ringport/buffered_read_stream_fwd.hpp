// Declares buffered_read_stream<Stream> without defining it (buffered_read_stream.hpp).
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport {

/// Declared here, defined in buffered_read_stream.hpp.
template <typename Stream>
class buffered_read_stream;

}  // namespace ringport
