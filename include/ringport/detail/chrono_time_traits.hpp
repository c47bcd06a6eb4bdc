// Time arithmetic for timers of a std::chrono-style clock. Additions and subtractions
// saturate instead of overflowing, so expires_after(duration::max()) means "never" rather
// than a deadline in the past.
#pragma once

#include <chrono>
#include <cmath>
#include <limits>
#include <type_traits>

namespace ringport::detail {

template <typename Clock, typename WaitTraits>
struct chrono_time_traits {
  using clock_type = Clock;
  using duration_type = typename Clock::duration;
  using time_type = typename Clock::time_point;

  static time_type now() { return clock_type::now(); }

  static time_type add(const time_type& t, const duration_type& d) {
    if constexpr (std::is_integral_v<typename duration_type::rep>) {
      if (d > duration_type::zero() && t > (time_type::max)() - d) return (time_type::max)();
      if (d < duration_type::zero() && t < (time_type::min)() - d) return (time_type::min)();
    }
    return t + d;
  }

  static duration_type subtract(const time_type& t1, const time_type& t2) {
    using rep = typename duration_type::rep;
    if constexpr (std::is_integral_v<rep>) {
      rep a = t1.time_since_epoch().count();
      rep b = t2.time_since_epoch().count();
      if (b < 0 && a > (std::numeric_limits<rep>::max)() + b) return (duration_type::max)();
      if (b > 0 && a < (std::numeric_limits<rep>::min)() + b) return (duration_type::min)();
      return duration_type(a - b);
    } else {
      return t1 - t2;
    }
  }

  static bool less_than(const time_type& t1, const time_type& t2) { return t1 < t2; }

  // Nanoseconds a thread may block before the deadline `d` from now, in [0, max_ns]. Rounds
  // up so that a wake-up never comes before the deadline, and gives a positive remainder at
  // least 1 ns so the scheduler does not mistake it for "already due" and spin.
  static long long to_wait_ns(const duration_type& d, long long max_ns) {
    auto w = WaitTraits::to_wait_duration(d);
    if (w <= decltype(w)::zero()) return 0;
    // Through double: huge durations (time_point::max() deadlines) cannot overflow.
    double ns = std::chrono::duration<double, std::nano>(w).count();
    if (ns >= static_cast<double>(max_ns)) return max_ns;
    auto r = static_cast<long long>(std::ceil(ns));
    return r < 1 ? 1 : r;
  }
};

}  // namespace ringport::detail
