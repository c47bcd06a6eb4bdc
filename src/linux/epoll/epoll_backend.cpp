#include "epoll_backend.hpp"

#include <cerrno>
#include <ctime>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <system_error>

namespace ringport::detail {

namespace {

[[noreturn]] void throw_errno(int err, const char* what) {
  throw std::system_error(err, std::system_category(), what);
}

constexpr long long ns_per_ms = 1000 * 1000;

}  // namespace

epoll_backend::epoll_backend() {
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ < 0) throw_errno(errno, "epoll_create1");
  event_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (event_fd_ < 0) {
    int err = errno;
    ::close(epoll_fd_);
    throw_errno(err, "eventfd");
  }
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.ptr = nullptr;  // nullptr marks the wake-up descriptor
  if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, event_fd_, &ev) < 0) {
    int err = errno;
    ::close(event_fd_);
    ::close(epoll_fd_);
    throw_errno(err, "epoll_ctl");
  }
}

epoll_backend::~epoll_backend() {
  ::close(event_fd_);
  ::close(epoll_fd_);
}

void epoll_backend::wait(long long timeout_ns, op_queue<scheduler_operation>& /*ready*/) {
  epoll_event events[128];
  int n;
  if (have_pwait2_) {
    timespec ts{};
    timespec* tsp = nullptr;
    if (timeout_ns >= 0) {
      ts.tv_sec = static_cast<time_t>(timeout_ns / 1000000000LL);
      ts.tv_nsec = static_cast<long>(timeout_ns % 1000000000LL);
      tsp = &ts;
    }
    n = ::epoll_pwait2(epoll_fd_, events, 128, tsp, nullptr);
    if (n < 0 && errno == ENOSYS) {
      have_pwait2_ = false;  // kernels before 5.11: millisecond waits, rounded up
    }
  }
  if (!have_pwait2_) {
    int ms = -1;
    if (timeout_ns >= 0) {
      long long rounded = (timeout_ns + ns_per_ms - 1) / ns_per_ms;
      ms = rounded > 0x7fffffff ? 0x7fffffff : static_cast<int>(rounded);
    }
    n = ::epoll_wait(epoll_fd_, events, 128, ms);
  }
  if (n < 0) return;  // EINTR: the scheduler simply calls again
  for (int i = 0; i < n; ++i) {
    if (events[i].data.ptr == nullptr) {
      std::uint64_t value;
      while (::read(event_fd_, &value, sizeof value) > 0) {
      }
      interrupt_pending_.store(false, std::memory_order_release);
    }
  }
}

void epoll_backend::interrupt() noexcept {
  if (interrupt_pending_.exchange(true, std::memory_order_acq_rel)) return;
  std::uint64_t one = 1;
  // A full counter (EAGAIN) still leaves the descriptor readable, which is all we need.
  [[maybe_unused]] ssize_t r = ::write(event_fd_, &one, sizeof one);
}

void epoll_backend::shutdown(op_queue<scheduler_operation>& /*abandoned*/) {}

}  // namespace ringport::detail
