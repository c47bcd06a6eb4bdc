// Forward declaration of system_executor, the default associated executor.
#pragma once

#include "ringport/detail/config.hpp"
#include <memory>

namespace ringport {

template <typename Blocking, typename Relationship, typename Allocator>
class basic_system_executor;

}  // namespace ringport
