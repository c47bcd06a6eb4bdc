// Checks of the io_uring-blocked test setup (tests/tools/CMakeLists.txt registers them):
// - UnderFilter.*: run under without_io_uring. io_uring's system calls answer EPERM, and a
//   default-constructed io_context falls back to epoll, runs, and says why.
// - ToolBlocksIoUring.*: run directly. io_uring works here, and the same call answers EPERM
//   once without_io_uring stands in between (so the tool cannot silently do nothing).
#include <gtest/gtest.h>

#include "ringport/buffer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/local/connect_pair.hpp"
#include "ringport/local/stream_protocol.hpp"
#include "ringport/write.hpp"

#include <linux/io_uring.h>
#include <climits>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>

namespace io_uring_blocked_checks {

// errno of a failed raw system call, 0 on success.
int error_of(long result) {
  return result < 0 ? errno : 0;
}

// The "Seccomp:" line of /proc/self/status: 2 when a filter is in force.
int seccomp_mode() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("Seccomp:", 0) == 0) return std::atoi(line.c_str() + 8);
  return -1;
}

// The kernel.io_uring_disabled sysctl, or "" where the kernel has none (before Linux 6.6).
std::string io_uring_disabled_sysctl() {
  std::ifstream f("/proc/sys/kernel/io_uring_disabled");
  std::string value;
  f >> value;
  return value;
}

TEST(UnderFilter, IoUringSystemCallsAnswerEperm) {
  ASSERT_EQ(seccomp_mode(), 2) << "no seccomp filter: run this under without_io_uring";
  io_uring_params params{};
  long fd = ::syscall(__NR_io_uring_setup, 4, &params);
  if (fd >= 0) ::close(static_cast<int>(fd));
  EXPECT_EQ(error_of(fd), EPERM) << std::strerror(error_of(fd));
  // Without a ring the kernel itself answers EBADF or EINVAL; the filter answers first.
  EXPECT_EQ(error_of(::syscall(__NR_io_uring_enter, -1, 0, 0, 0, nullptr, 0)), EPERM);
  EXPECT_EQ(error_of(::syscall(__NR_io_uring_register, -1, 0, nullptr, 0)), EPERM);
}

TEST(UnderFilter, AutomaticChoiceIsEpollAndNamesEperm) {
  ASSERT_EQ(seccomp_mode(), 2) << "no seccomp filter: run this under without_io_uring";
  ::unsetenv("RINGPORT_BACKEND");
  ringport::io_context ctx;
  std::printf("automatic choice under the filter: %s (fallback: %s)\n",
              ringport::to_string(ctx.backend()), ctx.backend_fallback_reason().c_str());
  EXPECT_EQ(ctx.backend(), ringport::backend_kind::epoll);
  const std::string& reason = ctx.backend_fallback_reason();
  EXPECT_NE(reason.find("EPERM"), std::string::npos) << reason;
  // With the sysctl at 0 the reason must blame the filter, not the sysctl.
  if (io_uring_disabled_sysctl() == "0")
    EXPECT_NE(reason.find("seccomp"), std::string::npos) << reason;
  // A read that has to wait for the backend to see data arrive.
  ringport::local::stream_protocol::socket s1(ctx), s2(ctx);
  ringport::local::connect_pair(s1, s2);
  char byte = 0;
  bool done = false;
  s2.async_read_some(ringport::buffer(&byte, 1), [&](ringport::error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(n, 1u);
    done = true;
  });
  ctx.poll();
  EXPECT_FALSE(done) << "the read finished before any data";
  ringport::write(s1, ringport::buffer("x", 1));
  ctx.run();
  EXPECT_TRUE(done);
  EXPECT_EQ(byte, 'x');
}

TEST(UnderFilter, ForcedIoUringThrowsNamingEperm) {
  ASSERT_EQ(seccomp_mode(), 2) << "no seccomp filter: run this under without_io_uring";
  try {
    ringport::io_context ctx(ringport::backend_kind::io_uring);
    ADD_FAILURE() << "io_uring started under the filter";
  } catch (const std::system_error& e) {
    EXPECT_NE(std::string(e.what()).find("EPERM"), std::string::npos) << e.what();
  }
}

TEST(ToolBlocksIoUring, IoUringWorksHereAndAnswersEpermUnderTheTool) {
  io_uring_params params{};
  long fd = ::syscall(__NR_io_uring_setup, 4, &params);
  if (fd < 0)
    GTEST_SKIP() << "io_uring_setup fails here without the tool too (" << std::strerror(errno)
                 << "), so the tool's effect cannot be told apart";
  ::close(static_cast<int>(fd));
  // The kernel's own answers to the calls the UnderFilter check makes (EBADF, EINVAL).
  EXPECT_NE(error_of(::syscall(__NR_io_uring_enter, -1, 0, 0, 0, nullptr, 0)), EPERM);
  EXPECT_NE(error_of(::syscall(__NR_io_uring_register, -1, 0, nullptr, 0)), EPERM);

  // This same program, under the tool, runs the check that the calls answer EPERM.
  char self[PATH_MAX];
  ssize_t len = ::readlink("/proc/self/exe", self, sizeof self - 1);
  ASSERT_GT(len, 0) << std::strerror(errno);
  self[len] = '\0';
  int out[2];
  ASSERT_EQ(::pipe(out), 0) << std::strerror(errno);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0) << std::strerror(errno);
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::dup2(out[1], 2);
    ::close(out[0]);
    ::close(out[1]);
    const char* args[] = {RINGPORT_WITHOUT_IO_URING, self,
                          "--gtest_filter=UnderFilter.IoUringSystemCallsAnswerEperm", nullptr};
    ::execv(args[0], const_cast<char* const*>(args));
    std::perror("execv " RINGPORT_WITHOUT_IO_URING);
    _exit(126);
  }
  ::close(out[1]);
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(out[0], buf, sizeof buf)) > 0)
    text.append(buf, static_cast<std::size_t>(n));
  ::close(out[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status << "\n" << text;
  // A filter that matched no test would pass too: the check must have run.
  EXPECT_NE(text.find("[  PASSED  ] 1 test."), std::string::npos) << text;
}

}  // namespace io_uring_blocked_checks
