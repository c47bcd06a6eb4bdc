// without_io_uring PROGRAM [ARGS...]: runs PROGRAM with io_uring blocked the way container
// runtimes block it (Docker's default seccomp profile): a seccomp filter answers
// io_uring_setup, io_uring_enter and io_uring_register with EPERM and allows every other
// system call. The filter is inherited by every child, so `without_io_uring ctest ...` runs a
// whole test suite where ringport's automatic backend choice must fall back to epoll.
// Raw BPF on purpose: the build needs nothing beyond what scripts/setup.sh installs.
// Exit status: PROGRAM's own, or 125 when the filter cannot be installed (or no PROGRAM is
// given), 126 when PROGRAM cannot be run, 127 when it is not found (as env(1) does).
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <vector>

#if !defined(__NR_io_uring_setup) || !defined(__NR_io_uring_enter) || \
    !defined(__NR_io_uring_register)
#error "the system headers lack io_uring's system call numbers (need Linux 5.1 headers)"
#endif

// The architecture this program is built for, as the kernel reports it in seccomp_data.arch.
// System call numbers mean something else under another architecture (an x86_64 process can
// still make i386 calls through int 0x80), so the filter only trusts its own.
#if defined(__x86_64__)
#define RINGPORT_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__i386__)
#define RINGPORT_AUDIT_ARCH AUDIT_ARCH_I386
#elif defined(__aarch64__) && defined(__AARCH64EB__)
#define RINGPORT_AUDIT_ARCH AUDIT_ARCH_AARCH64BE
#elif defined(__aarch64__)
#define RINGPORT_AUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__arm__) && defined(__ARMEB__)
#define RINGPORT_AUDIT_ARCH AUDIT_ARCH_ARMEB
#elif defined(__arm__)
#define RINGPORT_AUDIT_ARCH AUDIT_ARCH_ARM
#elif defined(__riscv) && __riscv_xlen == 64
#define RINGPORT_AUDIT_ARCH AUDIT_ARCH_RISCV64
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define RINGPORT_AUDIT_ARCH AUDIT_ARCH_PPC64LE
#elif defined(__powerpc64__)
#define RINGPORT_AUDIT_ARCH AUDIT_ARCH_PPC64
#elif defined(__s390x__)
#define RINGPORT_AUDIT_ARCH AUDIT_ARCH_S390X
#elif defined(__loongarch64)
#define RINGPORT_AUDIT_ARCH AUDIT_ARCH_LOONGARCH64
#else
#error "without_io_uring: add this architecture's AUDIT_ARCH_* value"
#endif

#if defined(SECCOMP_RET_KILL_PROCESS)
constexpr unsigned kill_action = SECCOMP_RET_KILL_PROCESS;
#else
constexpr unsigned kill_action = SECCOMP_RET_KILL;  // kernels before 4.14 kill the thread
#endif

namespace {

constexpr char tool[] = "without_io_uring";

std::vector<sock_filter> io_uring_filter() {
  constexpr unsigned eperm = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);
  unsigned calls[] = {__NR_io_uring_setup, __NR_io_uring_enter, __NR_io_uring_register};
  std::vector<sock_filter> f;
  f.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)));
  f.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, RINGPORT_AUDIT_ARCH, 1, 0));
  f.push_back(BPF_STMT(BPF_RET | BPF_K, kill_action));
  f.push_back(BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)));
#if defined(__x86_64__)
  // x32 calls arrive with arch AUDIT_ARCH_X86_64 and bit 30 set in the number (io_uring's are
  // the common 64-bit ones | bit 30), so a filter matching exact 64-bit numbers would let
  // `syscall(__X32_SYSCALL_BIT | __NR_io_uring_setup)` through. Masking the bit blocks
  // io_uring in both ABIs, whichever of them this program is built for.
  constexpr unsigned x32_bit = 0x40000000;  // __X32_SYSCALL_BIT
  f.push_back(BPF_STMT(BPF_ALU | BPF_AND | BPF_K, ~x32_bit));
  for (unsigned& nr : calls)
    nr &= ~x32_bit;
#endif
  // One comparison per call, each jumping over the rest to the EPERM return at the end.
  const unsigned n = sizeof calls / sizeof calls[0];
  for (unsigned i = 0; i < n; ++i)
    f.push_back(
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, calls[i], static_cast<unsigned char>(n - i), 0));
  f.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  f.push_back(BPF_STMT(BPF_RET | BPF_K, eperm));
  return f;
}

// Returns false (having said why on stderr) when the kernel refuses the filter.
bool install(std::vector<sock_filter>& filter) {
  sock_fprog program{static_cast<unsigned short>(filter.size()), filter.data()};
  // Lets an unprivileged process install a filter (and keeps set-user-ID programs from
  // gaining privileges the filter's author did not foresee).
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
    std::fprintf(stderr, "%s: prctl(PR_SET_NO_NEW_PRIVS) failed: %s\n", tool, std::strerror(errno));
    return false;
  }
  long r = ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &program);
  if (r != 0 && errno == ENOSYS)  // kernels before 3.17 have only the prctl form
    r = ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0);
  if (r != 0) {
    int err = errno;
    const char* why = "";
    if (err == EINVAL)
      why = " (this kernel lacks seccomp filters, CONFIG_SECCOMP_FILTER, or rejected the program)";
    else if (err == EACCES)
      why = " (no_new_privs is not set and the process lacks CAP_SYS_ADMIN)";
    else if (err == ENOMEM)
      why = " (too many filters already installed on this process)";
    std::fprintf(stderr, "%s: cannot install the seccomp filter: %s%s\n", tool, std::strerror(err),
                 why);
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: %s PROGRAM [ARGS...]\n"
                 "Runs PROGRAM with io_uring_setup, io_uring_enter and io_uring_register "
                 "answering EPERM (a seccomp filter, as container runtimes install).\n",
                 tool);
    return 125;
  }
  std::vector<sock_filter> filter = io_uring_filter();
  if (!install(filter)) return 125;
  // The filter must be in force before PROGRAM starts: the kernel answers an io_uring_setup
  // without parameters with EFAULT; EPERM comes only from a filter (or io_uring_disabled).
  errno = 0;
  if (::syscall(__NR_io_uring_setup, 0, nullptr) != -1 || errno != EPERM) {
    std::fprintf(stderr, "%s: the filter is installed but io_uring_setup answers %s, not EPERM\n",
                 tool, errno == 0 ? "success" : std::strerror(errno));
    return 125;
  }
  ::execvp(argv[1], argv + 1);
  int err = errno;
  std::fprintf(stderr, "%s: cannot run %s: %s\n", tool, argv[1], std::strerror(err));
  return err == ENOENT ? 127 : 126;
}
