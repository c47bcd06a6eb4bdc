// Declares buffered_stream<Stream> without defining it (buffered_stream.hpp).
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport {

/// Declared here, defined in buffered_stream.hpp.
template <typename Stream>
class buffered_stream;

}  // namespace ringport
