// steady_timer: a basic_waitable_timer of std::chrono::steady_clock.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_waitable_timer.hpp"

#include <chrono>

namespace ringport {

/// A basic_waitable_timer of std::chrono::steady_clock.
using steady_timer = basic_waitable_timer<std::chrono::steady_clock>;

}  // namespace ringport
