// iocp_socket_service_base, the test switches and counters (iocp_socket_testing.hpp): the
// process-wide state behind them, the functions that set and read it, and the accept op's
// take of an injected abort. Compiled in only with RINGPORT_TESTING_HOOKS.
#include "iocp_socket_testing.hpp"

#include "iocp_socket_internal.hpp"

#if RINGPORT_TESTING_HOOKS

namespace ringport::detail {

namespace iocp_test_state {

std::atomic<bool> force_cancel_io{false};
std::atomic<bool> no_skip_completion_port{false};
std::atomic<bool> force_reactor_connect{false};
std::atomic<void (*)()> pending_hook{nullptr};
std::atomic<unsigned long> skipped_port_completions{0};
std::atomic<unsigned long> receives_issued_again{0};
std::atomic<unsigned long> socket_closes{0};

namespace {

std::atomic<int> accept_failures{0};
std::atomic<int> accepted_aborts{0};

// Takes one from `left` if it is above zero.
bool take_one(std::atomic<int>& left) noexcept {
  int n = left.load(std::memory_order_relaxed);
  while (n > 0) {
    if (left.compare_exchange_weak(n, n - 1, std::memory_order_relaxed)) return true;
  }
  return false;
}

}  // namespace

bool take_accept_failure() noexcept {
  return take_one(accept_failures);
}
bool take_accepted_abort() noexcept {
  return take_one(accepted_aborts);
}

}  // namespace iocp_test_state

void iocp_force_cancel_io_for_testing(bool on) noexcept {
  iocp_test_state::force_cancel_io.store(on);
}
void iocp_disable_skip_completion_port_for_testing(bool on) noexcept {
  iocp_test_state::no_skip_completion_port.store(on);
}
void iocp_force_reactor_connect_for_testing(bool on) noexcept {
  iocp_test_state::force_reactor_connect.store(on);
}
void iocp_set_pending_hook_for_testing(void (*hook)()) noexcept {
  iocp_test_state::pending_hook.store(hook);
}

void iocp_fail_next_accepts_for_testing(int n) noexcept {
  iocp_test_state::accept_failures.store(n);
}
int iocp_accept_failures_left_for_testing() noexcept {
  return iocp_test_state::accept_failures.load();
}
void iocp_abort_next_accepted_for_testing(int n) noexcept {
  iocp_test_state::accepted_aborts.store(n);
}
int iocp_accepted_aborts_left_for_testing() noexcept {
  return iocp_test_state::accepted_aborts.load();
}
unsigned long iocp_skipped_port_completions_for_testing() noexcept {
  return iocp_test_state::skipped_port_completions.load();
}
unsigned long iocp_receives_issued_again_for_testing() noexcept {
  return iocp_test_state::receives_issued_again.load();
}
unsigned long iocp_socket_closes_for_testing() noexcept {
  return iocp_test_state::socket_closes.load(std::memory_order_acquire);
}

}  // namespace ringport::detail

#endif  // RINGPORT_TESTING_HOOKS
