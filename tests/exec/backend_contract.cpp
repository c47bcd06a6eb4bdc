// The backend contract's compile-time check (complete_backend, detail/backend.hpp): it holds
// for every backend of this OS, and it refuses a backend that misses a member, one that is not
// final, and one that implements only the scheduler half. Only types are checked here; nothing
// runs.
#include "ringport/detail/backend.hpp"

#if defined(__linux__)
#include "linux/epoll/epoll_backend.hpp"
#include "linux/io_uring/uring_backend.hpp"
#elif defined(_WIN32)
#include "windows/iocp/iocp_backend.hpp"
#endif

namespace backend_contract_test {

using namespace ringport::detail;

#if defined(__linux__)
static_assert(complete_backend<uring_backend>);
static_assert(complete_backend<epoll_backend>);
#elif defined(_WIN32)
static_assert(complete_backend<iocp_backend>);
#endif

// The scheduler half, as every backend has it.
class scheduler_half : public socket_backend {
 public:
  ringport::backend_kind kind() const noexcept override { return ringport::backend_kind::epoll; }
  void wait(long long, op_queue<scheduler_operation>&) override {}
  void interrupt() noexcept override {}
  void shutdown(op_queue<scheduler_operation>&) override {}
};

// Both halves, not final.
class both_halves : public scheduler_half {
 public:
#if defined(__linux__)
  descriptor_state* register_descriptor(int, fd_mode&, std::error_code&) override {
    return nullptr;
  }
  void deregister_descriptor(descriptor_state*) override {}
  bool start_op(descriptor_state*, socket_op&) override {
    return false;
  }
  void cancel_op(descriptor_state*, socket_op&) override {}
  void cancel_descriptor(descriptor_state*) override {}
  int take_accepted(descriptor_state*) override {
    return -1;
  }
#elif defined(_WIN32)
  void register_socket(std::uintptr_t, std::error_code&) override {}
  void overlapped_started() noexcept override {}
  void overlapped_finished_without_packet() noexcept override {}
#endif
};

class whole final : public both_halves {};
class socket_half_missing final : public scheduler_half {};

// The scheduler half alone, outside the socket contract of the OS.
class scheduler_only final : public backend {
 public:
  ringport::backend_kind kind() const noexcept override { return ringport::backend_kind::epoll; }
  void wait(long long, op_queue<scheduler_operation>&) override {}
  void interrupt() noexcept override {}
  void shutdown(op_queue<scheduler_operation>&) override {}
};

static_assert(complete_backend<whole>);
static_assert(!complete_backend<both_halves>, "a backend must be final");
static_assert(!complete_backend<socket_half_missing>, "every member of the socket half");
static_assert(!complete_backend<scheduler_only>, "the socket half of the OS");

}  // namespace backend_contract_test
