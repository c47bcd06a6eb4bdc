// Setting up the io_uring backend: the probe that starts a ring and checks the kernel's
// features and opcodes, with a readable reason (naming the errno) when it cannot.
#include "uring_backend.hpp"

#include <liburing.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>
#include <system_error>

namespace ringport::detail {

namespace {

// Submission entries: what one wait() can hand the kernel; more ops wait in the backlog for
// the next one.
constexpr unsigned sq_entries = 256;

// Completion entries. Completions that find the queue full go to the kernel's overflow list,
// which allocates for each, and the 5.x kernels refuse new submissions (-EBUSY) while that
// list cannot be flushed. A server with a thousand connections has that many completions
// ready at once: with the kernel's default size (twice the submission entries) every one of
// them overflowed, and the kit's 1,000-connection echo ran 5-7% slower. 4,096 entries cost
// 64 KiB. (More submission entries would end the overflow too, but their SQEs, written in
// turn, cost as much in cache: see docs/architecture.md.)
constexpr unsigned cq_entries = 4096;

#if RINGPORT_TESTING_HOOKS
std::atomic<unsigned> cq_entries_for_testing{0};
#endif

unsigned cq_entries_for_new_rings() {
#if RINGPORT_TESTING_HOOKS
  if (unsigned n = cq_entries_for_testing.load(std::memory_order_relaxed)) return n;
#endif
  return cq_entries;
}

// COOP_TASKRUN: no interrupts to run completions; TASKRUN_FLAG: the ring says when a kernel
// entry is needed to run them (wait() checks it before skipping the system call).
constexpr unsigned wanted_flags =
    IORING_SETUP_SUBMIT_ALL | IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG;

// Sets up a ring as ringport wants it, or as close as the kernel allows: kernels before
// 5.18/5.19 reject the flags (EINVAL), and before 5.12 the ring's memory counts against
// RLIMIT_MEMLOCK, which the larger completion queue may exceed (ENOMEM). Other errors (no
// io_uring at all, not allowed) no fallback changes. `params` says what was set up.
int setup_ring(io_uring& ring, io_uring_params& params) {
  struct attempt {
    unsigned flags;
    bool large_cq;
  };
  constexpr attempt attempts[] = {
      {wanted_flags, true}, {0, true}, {wanted_flags, false}, {0, false}};
  int r = -EINVAL;
  for (const attempt& a : attempts) {
    params = io_uring_params{};
    params.flags = a.flags;
    if (a.large_cq) {
      params.flags |= IORING_SETUP_CQSIZE;
      params.cq_entries = cq_entries_for_new_rings();
    }
    r = ::io_uring_queue_init_params(sq_entries, &ring, &params);
    if (r != -EINVAL && r != -ENOMEM) return r;
  }
  return r;
}

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
    case EPERM: {
      // Two sources answer EPERM: the kernel.io_uring_disabled sysctl (Linux 6.6+) and seccomp
      // filters (Docker's default profile, other container runtimes); the sysctl tells which.
      char disabled = '?';
      int fd = ::open("/proc/sys/kernel/io_uring_disabled", O_RDONLY | O_CLOEXEC);
      if (fd >= 0) {
        if (::read(fd, &disabled, 1) != 1) disabled = '?';
        ::close(fd);
      }
      if (disabled == '0')
        s += ": a seccomp filter blocks io_uring (as container runtimes' default profiles do); "
             "the kernel.io_uring_disabled sysctl is 0";
      else if (disabled == '2')
        s += ": io_uring is disabled for every process by the kernel.io_uring_disabled sysctl (2)";
      else if (disabled == '1')
        s += ": the kernel.io_uring_disabled sysctl (1) allows io_uring only to the "
             "kernel.io_uring_group group and CAP_SYS_ADMIN, or a seccomp filter blocks it";
      else
        s += ": a seccomp filter blocks io_uring (as container runtimes' default profiles do) "
             "or the kernel.io_uring_disabled sysctl disables it";
      break;
    }
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

}  // namespace

std::unique_ptr<socket_backend> try_make_uring_backend(std::string& reason) {
  io_uring ring;
  io_uring_params params{};
  int r = setup_ring(ring, params);
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

void describe_uring(std::vector<platform_fact>& facts) {
  std::string reason;
  std::unique_ptr<socket_backend> backend = try_make_uring_backend(reason);
  facts.push_back({"io_uring", backend ? "starts (ringport's probe passes)" : reason});
  if (!backend) return;
  backend.reset();

  // A second ring set up the same way, kept only to read what the kernel says it offers.
  io_uring ring;
  io_uring_params params{};
  if (setup_ring(ring, params) < 0) return;
  facts.push_back({"io_uring setup flags",
                   (params.flags & wanted_flags) == wanted_flags
                       ? "SUBMIT_ALL COOP_TASKRUN TASKRUN_FLAG"
                       : "none (the kernel predates SUBMIT_ALL, COOP_TASKRUN and TASKRUN_FLAG)"});
  facts.push_back({"io_uring queues", std::to_string(params.sq_entries) + " submission, " +
                                          std::to_string(params.cq_entries) +
                                          " completion entries"});
  struct named_bit {
    unsigned bit;
    const char* name;
  };
  constexpr named_bit feature_names[] = {
      {IORING_FEAT_SINGLE_MMAP, "SINGLE_MMAP"},       {IORING_FEAT_NODROP, "NODROP"},
      {IORING_FEAT_SUBMIT_STABLE, "SUBMIT_STABLE"},   {IORING_FEAT_RW_CUR_POS, "RW_CUR_POS"},
      {IORING_FEAT_FAST_POLL, "FAST_POLL"},           {IORING_FEAT_EXT_ARG, "EXT_ARG"},
      {IORING_FEAT_NATIVE_WORKERS, "NATIVE_WORKERS"}, {IORING_FEAT_CQE_SKIP, "CQE_SKIP"},
      {IORING_FEAT_LINKED_FILE, "LINKED_FILE"},
  };
  std::string features;
  for (const named_bit& f : feature_names)
    if (params.features & f.bit) features += std::string(features.empty() ? "" : " ") + f.name;
  facts.push_back({"io_uring features", features.empty() ? "none" : features});
  if (io_uring_probe* probe = ::io_uring_get_probe_ring(&ring)) {
    std::string ops;
    for (const required_op& op : required_ops)
      if (::io_uring_opcode_supported(probe, op.opcode))
        ops += std::string(ops.empty() ? "" : " ") + (op.name + 10);  // without IORING_OP_
    facts.push_back({"io_uring opcodes ringport uses", ops});
    ::io_uring_free_probe(probe);
  }
  ::io_uring_queue_exit(&ring);
}

#if RINGPORT_TESTING_HOOKS
void uring_set_cq_entries_for_testing(unsigned entries) noexcept {
  cq_entries_for_testing.store(entries, std::memory_order_relaxed);
}
#endif

std::unique_ptr<socket_backend> make_uring_backend() {
  std::string reason;
  std::unique_ptr<socket_backend> b = try_make_uring_backend(reason);
  if (!b)
    throw std::system_error(std::make_error_code(std::errc::function_not_supported),
                            "io_uring unavailable: " + reason);
  return b;
}

}  // namespace ringport::detail
