// The OS's half of the signal_set service, implemented in src/<os>/signal_set_service.cpp:
// which numbers exist, installing and removing the process's handler, and the dispatcher
// thread that hands signals caught by that handler to deliver_signal(). Everything except
// deliver_signal() is called with the process-wide signal mutex held. Private to the library.
#pragma once

#include "ringport/error_code.hpp"
#include "ringport/signal_set_base.hpp"

#include <cstddef>

namespace ringport::detail {

namespace signal_os {

// Larger than any signal number an OS here delivers (Linux NSIG is 65, Windows' is 23).
constexpr int table_size = 128;

// Whether `signal_number` is one the OS may deliver (it may still refuse to catch it).
bool valid(int signal_number) noexcept;
// Whether a registration may ask for `f` here (Asio: flags need sigaction).
error_code check_flags(signal_set_base::flags f) noexcept;
// Starts the dispatcher once per process; true when it runs.
bool start_dispatcher(error_code& ec);
// Catches `signal_number` from now on, with `f` (dont_care: the OS's defaults).
bool install(int signal_number, signal_set_base::flags f, error_code& ec);
// The last registration went: the default action comes back.
void uninstall(int signal_number) noexcept;

}  // namespace signal_os

// For the dispatcher thread: `count` occurrences of the signal arrived. Takes the signal mutex;
// each occurrence completes one pending wait of every set holding the signal, or is kept for
// the set's next wait.
void deliver_signal(int signal_number, std::size_t count);

}  // namespace ringport::detail
