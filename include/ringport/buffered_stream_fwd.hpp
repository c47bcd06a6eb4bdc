// Declares buffered_stream<Stream> without defining it (buffered_stream.hpp).
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport {

template <typename Stream>
class buffered_stream;

}  // namespace ringport
