// signal_set_base: the flags a signal is registered with (Asio's names), passed to
// basic_signal_set::add. `dont_care` accepts whatever flags another registration of the same
// signal chose; two registrations that both care must agree, or add() fails with
// invalid_argument.
#pragma once

#include "ringport/detail/config.hpp"

namespace ringport {

/// The flags a signal is registered with (Asio's names), passed to basic_signal_set::add().
///
/// `dont_care` accepts whatever flags another registration of the same signal chose; two
/// registrations that both care must agree, or add() fails with invalid_argument.
class signal_set_base {
 public:
  /// A bitmask type: combine with |, test with &.
  enum flags {
    none = 0,
    restart = 0x10000000,        // SA_RESTART: interrupted system calls are restarted
    no_child_stop = 0x00000001,  // SA_NOCLDSTOP: no SIGCHLD when a child stops
    no_child_wait = 0x00000002,  // SA_NOCLDWAIT: children do not become zombies
    dont_care = -1,
  };
  /// Asio's older name for flags.
  using flags_t = flags;

 protected:
  ~signal_set_base() = default;
};

/// @name Flag operators
//@{
/// The bitwise operators on signal_set_base::flags, as on the underlying int, so that flags
/// combine (restart | no_child_stop).
constexpr signal_set_base::flags operator&(signal_set_base::flags a, signal_set_base::flags b) {
  return static_cast<signal_set_base::flags>(static_cast<int>(a) & static_cast<int>(b));
}
constexpr signal_set_base::flags operator|(signal_set_base::flags a, signal_set_base::flags b) {
  return static_cast<signal_set_base::flags>(static_cast<int>(a) | static_cast<int>(b));
}
constexpr signal_set_base::flags operator^(signal_set_base::flags a, signal_set_base::flags b) {
  return static_cast<signal_set_base::flags>(static_cast<int>(a) ^ static_cast<int>(b));
}
constexpr signal_set_base::flags operator~(signal_set_base::flags a) {
  return static_cast<signal_set_base::flags>(~static_cast<int>(a));
}
inline signal_set_base::flags& operator&=(signal_set_base::flags& a, signal_set_base::flags b) {
  return a = a & b;
}
inline signal_set_base::flags& operator|=(signal_set_base::flags& a, signal_set_base::flags b) {
  return a = a | b;
}
inline signal_set_base::flags& operator^=(signal_set_base::flags& a, signal_set_base::flags b) {
  return a = a ^ b;
}
//@}

}  // namespace ringport
