#include "fault_injection.hpp"

#if RINGPORT_TESTING_HOOKS

#include <unistd.h>

namespace ringport::detail::fault {

std::atomic<int> accepts_to_abort{0};

int take_accept_fault(int fd) noexcept {
  int left = accepts_to_abort.load(std::memory_order_relaxed);
  while (left > 0) {
    if (accepts_to_abort.compare_exchange_weak(left, left - 1, std::memory_order_relaxed)) {
      ::close(fd);
      return -1;
    }
  }
  return fd;
}

}  // namespace ringport::detail::fault

#endif  // RINGPORT_TESTING_HOOKS
