// Declares buffered_write_stream<Stream> without defining it (buffered_write_stream.hpp).
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport {

template <typename Stream>
class buffered_write_stream;

}  // namespace ringport
