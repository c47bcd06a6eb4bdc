#include "ringport/detail/op_counter.hpp"

namespace ringport::detail {

std::atomic<long> op_counter::live_{0};

}  // namespace ringport::detail
