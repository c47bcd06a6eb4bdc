// high_resolution_timer: a basic_waitable_timer of std::chrono::high_resolution_clock.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_waitable_timer.hpp"

#include <chrono>

namespace ringport {

/// A basic_waitable_timer of std::chrono::high_resolution_clock.
using high_resolution_timer = basic_waitable_timer<std::chrono::high_resolution_clock>;

}  // namespace ringport
