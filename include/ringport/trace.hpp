// Tracing: a record of what the library does, as a Chrome trace-event JSON file that Perfetto
// (ui.perfetto.dev) and chrome://tracing open. For each socket operation: its start (kind and
// socket), its hand-over to the operating system (the io_uring ring, the epoll reactor, the
// completion port) or its completion at once, its completion (bytes, error) when the run
// loop takes it up, and the run of its handler; every other handler run (posts, timers) too.
// Each thread that runs or starts work is a track of its own.
//
// Set RINGPORT_TRACE=<file> to trace a whole program (from its first io_context to its
// exit), or call start()/stop() around the part of interest. With tracing off, each
// traced point costs one predictable branch.
#pragma once

#include "ringport/detail/config.hpp"
#include "ringport/error_code.hpp"

#include <string>

namespace ringport::trace {

/// @name Starting a trace
//@{
/// Starts writing a trace to `path` (created or truncated). A trace already being written is
/// ended first. On failure sets `ec` and traces nothing.
RINGPORT_DECL void start(const std::string& path, error_code& ec);
/// As above; throws std::system_error on failure.
RINGPORT_DECL void start(const std::string& path);
//@}
/// Ends the trace being written (completes the JSON and closes the file); events after it are
/// not recorded. Does nothing when no trace is being written.
RINGPORT_DECL void stop() noexcept;
/// True while a trace is being written.
RINGPORT_DECL bool is_active() noexcept;

}  // namespace ringport::trace
