#include "uring_backend.hpp"

#include <liburing.h>

#include <cerrno>
#include <cstring>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <system_error>

namespace ringport::detail {

namespace {

constexpr unsigned ring_entries = 256;

// user_data of the eventfd read that wakes the waiter; op pointers are never this value.
constexpr __u64 wake_tag = 1;

const char* errno_name(int err) {
  switch (err) {
    case ENOSYS:
      return "ENOSYS";
    case EPERM:
      return "EPERM";
    case ENOMEM:
      return "ENOMEM";
    case EINVAL:
      return "EINVAL";
    case EMFILE:
      return "EMFILE";
    case EACCES:
      return "EACCES";
    default:
      return "error";
  }
}

std::string explain_setup_failure(int err) {
  std::string s = "io_uring_setup failed with ";
  s += errno_name(err);
  s += " (";
  s += std::strerror(err);
  s += ")";
  switch (err) {
    case ENOSYS:
      s += ": the kernel lacks io_uring or a seccomp filter blocks it";
      break;
    case EPERM:
      s += ": io_uring is disabled by the kernel.io_uring_disabled sysctl";
      break;
    case ENOMEM:
      s += ": not enough locked memory for the ring (RLIMIT_MEMLOCK)";
      break;
    default:
      break;
  }
  return s;
}

// The opcodes ringport needs, named for the fallback reason.
struct required_op {
  int opcode;
  const char* name;
};
constexpr required_op required_ops[] = {
    {IORING_OP_READ, "IORING_OP_READ"},
    {IORING_OP_RECV, "IORING_OP_RECV"},
    {IORING_OP_SEND, "IORING_OP_SEND"},
    {IORING_OP_RECVMSG, "IORING_OP_RECVMSG"},
    {IORING_OP_SENDMSG, "IORING_OP_SENDMSG"},
    {IORING_OP_ACCEPT, "IORING_OP_ACCEPT"},
    {IORING_OP_CONNECT, "IORING_OP_CONNECT"},
    {IORING_OP_POLL_ADD, "IORING_OP_POLL_ADD"},
    {IORING_OP_ASYNC_CANCEL, "IORING_OP_ASYNC_CANCEL"},
};

class uring_backend final : public backend {
 public:
  // Takes over a ring set up by the probe (io_uring holds no pointers to itself, so the
  // struct may be copied once; the probe's copy is never used again).
  uring_backend(const io_uring& ring, int event_fd) : ring_(ring), event_fd_(event_fd) {
    arm_wakeup();
  }
  uring_backend(const uring_backend&) = delete;
  uring_backend& operator=(const uring_backend&) = delete;
  ~uring_backend() override {
    ::io_uring_queue_exit(&ring_);
    ::close(event_fd_);
  }

  backend_kind kind() const noexcept override { return backend_kind::io_uring; }

  void wait(long long timeout_ns, op_queue<scheduler_operation>& ready) override {
    io_uring_cqe* cqe = nullptr;
    if (timeout_ns == 0) {
      ::io_uring_submit(&ring_);
    } else if (timeout_ns < 0) {
      ::io_uring_submit_and_wait(&ring_, 1);
    } else {
      __kernel_timespec ts{};
      ts.tv_sec = timeout_ns / 1000000000LL;
      ts.tv_nsec = timeout_ns % 1000000000LL;
      // -ETIME on timeout, -EINTR on a signal: either way collect what is there.
      ::io_uring_submit_and_wait_timeout(&ring_, &cqe, 1, &ts, nullptr);
    }
    reap(ready);
  }

  void interrupt() noexcept override {
    if (wake_pending_.exchange(true, std::memory_order_acq_rel)) return;
    std::uint64_t one = 1;
    [[maybe_unused]] ssize_t r = ::write(event_fd_, &one, sizeof one);
  }

  void shutdown(op_queue<scheduler_operation>& /*abandoned*/) override {}

 private:
  void reap(op_queue<scheduler_operation>& ready) {
    unsigned head;
    unsigned seen = 0;
    io_uring_cqe* cqe;
    bool rearm = false;
    io_uring_for_each_cqe(&ring_, head, cqe) {
      ++seen;
      if (cqe->user_data == wake_tag) {
        rearm = true;
        continue;
      }
      auto* op =
          reinterpret_cast<scheduler_operation*>(static_cast<std::uintptr_t>(cqe->user_data));
      if (cqe->res < 0) {
        op->ec_ = std::error_code(-cqe->res, std::system_category());
        op->bytes_ = 0;
      } else {
        op->ec_.clear();
        op->bytes_ = static_cast<std::size_t>(cqe->res);
      }
      ready.push(op);
    }
    ::io_uring_cq_advance(&ring_, seen);
    if (rearm) {
      wake_pending_.store(false, std::memory_order_release);
      arm_wakeup();
    }
  }

  void arm_wakeup() {
    io_uring_sqe* sqe = ::io_uring_get_sqe(&ring_);
    if (sqe == nullptr) {
      ::io_uring_submit(&ring_);
      sqe = ::io_uring_get_sqe(&ring_);
    }
    // SAFETY: the kernel writes into wake_buffer_ until the read completes; it lives as long
    // as the ring, and the ring is torn down before the member.
    ::io_uring_prep_read(sqe, event_fd_, &wake_buffer_, sizeof wake_buffer_, 0);
    ::io_uring_sqe_set_data64(sqe, wake_tag);
  }

  io_uring ring_;
  int event_fd_;
  std::uint64_t wake_buffer_ = 0;
  std::atomic<bool> wake_pending_{false};
};

}  // namespace

std::unique_ptr<backend> try_make_uring_backend(std::string& reason) {
  io_uring ring;
  io_uring_params params{};
  params.flags = IORING_SETUP_SUBMIT_ALL | IORING_SETUP_COOP_TASKRUN;
  int r = ::io_uring_queue_init_params(ring_entries, &ring, &params);
  if (r == -EINVAL) {
    // Kernels before 5.18/5.19 reject the newer flags; plain setup still works.
    params = io_uring_params{};
    r = ::io_uring_queue_init_params(ring_entries, &ring, &params);
  }
  if (r < 0) {
    reason = explain_setup_failure(-r);
    return nullptr;
  }
  if (!(params.features & IORING_FEAT_EXT_ARG)) {
    ::io_uring_queue_exit(&ring);
    reason = "kernel lacks IORING_FEAT_EXT_ARG (waits with a timeout need Linux 5.11)";
    return nullptr;
  }
  io_uring_probe* probe = ::io_uring_get_probe_ring(&ring);
  if (probe == nullptr) {
    ::io_uring_queue_exit(&ring);
    reason = "IORING_REGISTER_PROBE failed: kernel too old for ringport's io_uring backend";
    return nullptr;
  }
  for (const required_op& op : required_ops) {
    if (!::io_uring_opcode_supported(probe, op.opcode)) {
      ::io_uring_free_probe(probe);
      ::io_uring_queue_exit(&ring);
      reason = std::string("kernel lacks opcode ") + op.name;
      return nullptr;
    }
  }
  ::io_uring_free_probe(probe);
  int efd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (efd < 0) {
    int err = errno;
    ::io_uring_queue_exit(&ring);
    reason = std::string("eventfd failed: ") + std::strerror(err);
    return nullptr;
  }
  return std::make_unique<uring_backend>(ring, efd);
}

std::unique_ptr<backend> make_uring_backend() {
  std::string reason;
  std::unique_ptr<backend> b = try_make_uring_backend(reason);
  if (!b)
    throw std::system_error(std::make_error_code(std::errc::function_not_supported),
                            "io_uring backend: " + reason);
  return b;
}

}  // namespace ringport::detail
