// Tuning of a std::mutex whose critical sections are a few dozen instructions long: on a
// collision, spin briefly before sleeping in the kernel. Implemented per OS.
#pragma once

#include <mutex>

namespace ringport::detail {

// Call before the mutex is first used. Where the C library offers no such mode, does nothing.
void prefer_spinning(std::mutex& m) noexcept;

}  // namespace ringport::detail
