// signal_set: basic_signal_set on the polymorphic executor (POSIX signals; on Windows the
// CRT's signals and the console control events).
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/basic_signal_set.hpp"

namespace ringport {
/// basic_signal_set on the polymorphic executor (POSIX signals; on Windows the CRT's signals
/// and the console control events).
using signal_set = basic_signal_set<>;
}  // namespace ringport
