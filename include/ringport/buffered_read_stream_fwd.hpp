// Declares buffered_read_stream<Stream> without defining it (buffered_read_stream.hpp).
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport {

template <typename Stream>
class buffered_read_stream;

}  // namespace ringport
