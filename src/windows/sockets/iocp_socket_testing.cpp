// iocp_socket_service_base, the test switches and counters (iocp_socket_testing.hpp): the
// process-wide state behind them, the functions that set and read it, and the accept op's
// take of an injected abort.
#include "iocp_socket_testing.hpp"

#include "iocp_socket_internal.hpp"

#include "../iocp/iocp_backend.hpp"

namespace ringport::detail {

namespace iocp_test_state {

std::atomic<bool> force_cancel_io{false};
std::atomic<bool> no_skip_completion_port{false};
std::atomic<bool> force_reactor_connect{false};
std::atomic<void (*)()> pending_hook{nullptr};
std::atomic<unsigned long> skipped_port_completions{0};
std::atomic<unsigned long> receives_issued_again{0};
std::atomic<int> accept_failures{0};
std::atomic<int> accepted_aborts{0};

bool take_accept_failure() {
  int left = accept_failures.load(std::memory_order_relaxed);
  while (left > 0) {
    if (accept_failures.compare_exchange_weak(left, left - 1, std::memory_order_relaxed))
      return true;
  }
  return false;
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
bool iocp_socket_service_base::take_accepted_abort() noexcept {
  int left = iocp_test_state::accepted_aborts.load(std::memory_order_relaxed);
  while (left > 0) {
    if (iocp_test_state::accepted_aborts.compare_exchange_weak(left, left - 1,
                                                               std::memory_order_relaxed))
      return true;
  }
  return false;
}
unsigned long iocp_skipped_port_completions_for_testing() noexcept {
  return iocp_test_state::skipped_port_completions.load();
}
unsigned long iocp_early_completions_for_testing(backend& b) noexcept {
  if (b.kind() != backend_kind::iocp) return 0;
  return static_cast<iocp_backend&>(b).early_completions();
}

unsigned long iocp_receives_issued_again_for_testing() noexcept {
  return iocp_test_state::receives_issued_again.load();
}

}  // namespace ringport::detail
