// The test switches and counters of the Windows socket service (iocp_socket_service_base),
// process-wide. Private to the library and its tests (tests/ has src/ on its include path),
// and compiled in only with RINGPORT_TESTING_HOOKS (the test suite's build).
#pragma once

namespace ringport::detail {

#if RINGPORT_TESTING_HOOKS

// Behave as if CancelIoEx did not exist: cancel() uses CancelIo from the starting thread.
void iocp_force_cancel_io_for_testing(bool on) noexcept;
// Do not switch new sockets to FILE_SKIP_COMPLETION_PORT_ON_SUCCESS.
void iocp_disable_skip_completion_port_for_testing(bool on) noexcept;
// Behave as if ConnectEx did not exist: connect goes through the select reactor.
void iocp_force_reactor_connect_for_testing(bool on) noexcept;
// Called after a start call returned ERROR_IO_PENDING and before on_pending.
void iocp_set_pending_hook_for_testing(void (*hook)()) noexcept;
// The next `n` accepts end as if their connection had been reset before it was taken
// (ERROR_NETNAME_DELETED), without calling AcceptEx. Returns how many are left.
void iocp_fail_next_accepts_for_testing(int n) noexcept;
int iocp_accept_failures_left_for_testing() noexcept;
// The next `n` accepts that take a real connection (sync or async) close it and end as if
// it had been reset before it was taken (as Linux's fault::abort_next_accepts): retried, or
// connection_aborted with enable_connection_aborted. Returns how many are left.
void iocp_abort_next_accepted_for_testing(int n) noexcept;
int iocp_accepted_aborts_left_for_testing() noexcept;
// Ops that succeeded at once on a socket that skips the port (delivered by on_completion,
// with no packet).
unsigned long iocp_skipped_port_completions_for_testing() noexcept;
// Receives issued again by receive_again.
unsigned long iocp_receives_issued_again_for_testing() noexcept;
// Packets the port returned before their starting thread reached on_pending (the ready-flag
// race), on any context of the process (iocp_backend.cpp).
unsigned long iocp_early_completions_for_testing() noexcept;
// Sockets the service has closed, process-wide.
unsigned long iocp_socket_closes_for_testing() noexcept;
// Packets the port held back (the late_completion fault) and handed on only after a socket
// had been closed meanwhile, on any context of the process (iocp_backend.cpp).
unsigned long iocp_late_completions_after_close_for_testing() noexcept;
#endif

}  // namespace ringport::detail
