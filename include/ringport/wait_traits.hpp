// wait_traits<Clock>: how long a timer of this clock may wait before it looks at the clock
// again. A clock that can jump (or a user clock that runs faster than real time) can supply
// its own traits that cap the wait.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/detail/chrono_time_traits.hpp"

#include <chrono>

namespace ringport {

/// How long a timer of `Clock` waits for a duration or until a time point (Asio's
/// wait_traits); specialize it to wait differently for a clock.
template <typename Clock>
struct wait_traits {
  /// The duration itself.
  static typename Clock::duration to_wait_duration(const typename Clock::duration& d) { return d; }

  /// The time from now until `t`, clamped to what a duration can hold (computed without the
  /// overflow that `now + duration::max()` would risk).
  static typename Clock::duration to_wait_duration(const typename Clock::time_point& t) {
    return detail::chrono_time_traits<Clock, wait_traits>::subtract(t, Clock::now());
  }
};

}  // namespace ringport
