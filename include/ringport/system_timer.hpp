// system_timer: a basic_waitable_timer of std::chrono::system_clock.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_waitable_timer.hpp"

#include <chrono>

namespace ringport {

/// A basic_waitable_timer of std::chrono::system_clock.
using system_timer = basic_waitable_timer<std::chrono::system_clock>;

}  // namespace ringport
