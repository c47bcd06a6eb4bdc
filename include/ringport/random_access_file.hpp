// random_access_file: basic_random_access_file on the polymorphic any_io_executor.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_random_access_file.hpp"

namespace ringport {
/// basic_random_access_file on the polymorphic any_io_executor.
using random_access_file = basic_random_access_file<>;
}  // namespace ringport
