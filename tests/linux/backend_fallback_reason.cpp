// When io_uring cannot start, the automatic choice falls back to epoll and says why; a forced
// choice fails loudly. Ring setup is made to fail for real: a child process installs a
// seccomp filter that answers io_uring_setup with ENOSYS (as some container runtimes do) or
// EPERM (as Docker's default profile does, and as the kernel.io_uring_disabled sysctl does).
// Linux only: the io_uring/epoll choice does not exist on Windows.

#include <gtest/gtest.h>

#include "ringport/io_context.hpp"

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <string>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace backend_fallback_reason_test {

void block_io_uring_setup(int err) {
  sock_filter filter[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_io_uring_setup, 0, 1),
      BPF_STMT(BPF_RET | BPF_K,
               SECCOMP_RET_ERRNO | (static_cast<unsigned>(err) & SECCOMP_RET_DATA)),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  sock_fprog program{static_cast<unsigned short>(sizeof filter / sizeof filter[0]), filter};
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) _exit(90);
  if (::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0) _exit(91);
}

// Runs `body` in a child with io_uring_setup blocked; the child's output comes back as text
// so the parent can assert on it.
std::string run_blocked(int err, std::string (*body)()) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    block_io_uring_setup(err);
    std::string out = body();
    [[maybe_unused]] ssize_t w = ::write(fds[1], out.data(), out.size());
    ::close(fds[1]);
    _exit(0);
  }
  ::close(fds[1]);
  std::string out;
  char buf[512];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0)
    out.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  return out;
}

std::string automatic_choice() {
  ::unsetenv("RINGPORT_BACKEND");
  ringport::io_context ctx;
  return std::string(ringport::to_string(ctx.backend())) + "|" + ctx.backend_fallback_reason();
}

std::string forced_io_uring() {
  try {
    ringport::io_context ctx(ringport::backend_kind::io_uring);
    return "started";
  } catch (const std::system_error& e) {
    return std::string("threw|") + e.what();
  }
}

TEST(BackendFallbackReason, SeccompEnosysFallsBackToEpoll) {
  std::string out = run_blocked(ENOSYS, &automatic_choice);
  EXPECT_EQ(out.substr(0, 6), "epoll|") << out;
  EXPECT_NE(out.find("ENOSYS"), std::string::npos) << out;
  EXPECT_NE(out.find("seccomp"), std::string::npos) << out;
}

TEST(BackendFallbackReason, SeccompEpermFallsBackToEpoll) {
  std::string out = run_blocked(EPERM, &automatic_choice);
  EXPECT_EQ(out.substr(0, 6), "epoll|") << out;
  EXPECT_NE(out.find("EPERM"), std::string::npos) << out;
  EXPECT_NE(out.find("io_uring_disabled"), std::string::npos) << out;
  // The sysctl decides which cause the reason names: at 0 only the filter can have said EPERM.
  std::ifstream sysctl("/proc/sys/kernel/io_uring_disabled");
  std::string disabled;
  sysctl >> disabled;
  if (disabled == "0") {
    EXPECT_NE(out.find("seccomp"), std::string::npos) << out;
    EXPECT_EQ(out.find("disabled for every process"), std::string::npos) << out;
  }
}

TEST(BackendFallbackReason, ForcedIoUringThrowsWithReason) {
  std::string out = run_blocked(ENOSYS, &forced_io_uring);
  EXPECT_EQ(out.substr(0, 6), "threw|") << out;
  EXPECT_NE(out.find("ENOSYS"), std::string::npos) << out;
}

// A forced io_uring that cannot start gives the reason the automatic choice gives for falling
// back, word for word.
TEST(BackendFallbackReason, ForcedAndAutomaticGiveOneReason) {
  for (int err : {ENOSYS, EPERM}) {
    std::string fallback = run_blocked(err, &automatic_choice);
    std::string forced = run_blocked(err, &forced_io_uring);
    ASSERT_EQ(fallback.substr(0, 6), "epoll|") << fallback;
    ASSERT_EQ(forced.substr(0, 6), "threw|") << forced;
    std::string reason = fallback.substr(6);
    EXPECT_EQ(reason.rfind("io_uring unavailable: ", 0), 0U) << reason;
    EXPECT_EQ(forced.substr(6, reason.size()), reason) << "forced: " << forced;
  }
}

TEST(BackendFallbackReason, EnvironmentForcesEpoll) {
  ::setenv("RINGPORT_BACKEND", "epoll", 1);
  ringport::io_context ctx;
  ::unsetenv("RINGPORT_BACKEND");
  EXPECT_EQ(ctx.backend(), ringport::backend_kind::epoll);
  EXPECT_TRUE(ctx.backend_fallback_reason().empty());
}

TEST(BackendFallbackReason, UnknownEnvironmentValueIsRejected) {
  ::setenv("RINGPORT_BACKEND", "kqueue", 1);
  std::string message;
  try {
    ringport::io_context ctx;
  } catch (const std::invalid_argument& e) {
    message = e.what();
  }
  ::unsetenv("RINGPORT_BACKEND");
  // The message names the value and every accepted one.
  for (const char* word : {"kqueue", "io_uring", "epoll", "automatic"})
    EXPECT_NE(message.find(word), std::string::npos) << word << " in: " << message;
}

TEST(BackendFallbackReason, ConstructorOptionWinsOverEnvironment) {
  ::setenv("RINGPORT_BACKEND", "io_uring", 1);
  ringport::io_context ctx(ringport::backend_kind::epoll);
  ::unsetenv("RINGPORT_BACKEND");
  EXPECT_EQ(ctx.backend(), ringport::backend_kind::epoll);
}

TEST(BackendFallbackReason, AutomaticPrefersIoUringWhenItWorks) {
  ::unsetenv("RINGPORT_BACKEND");
  std::string probe;
  try {
    ringport::io_context forced(ringport::backend_kind::io_uring);
  } catch (const std::exception& e) {
    GTEST_SKIP() << "io_uring unavailable on this machine: " << e.what();
  }
  ringport::io_context ctx;
  EXPECT_EQ(ctx.backend(), ringport::backend_kind::io_uring);
  EXPECT_TRUE(ctx.backend_fallback_reason().empty());
}

}  // namespace backend_fallback_reason_test
