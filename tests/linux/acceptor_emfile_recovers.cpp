// With a connection waiting in the listen backlog and the process out of descriptors
// (RLIMIT_NOFILE), an accept ends once with error::no_descriptors (EMFILE; Asio's name),
// sync and async, and the context does not spin on the still-readable listener while
// nothing is pending. Once descriptors are free again the same connection is accepted and
// carries data.
// Linux only: it lowers RLIMIT_NOFILE, which Windows sockets do not count against.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/steady_timer.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <vector>

namespace acceptor_emfile_recovers_test {

using AcceptorEmfileRecovers = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

int highest_open_fd() {
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  int self = ::dirfd(dir);
  int highest = -1;
  while (dirent* e = ::readdir(dir)) {
    int fd = std::atoi(e->d_name);
    if (e->d_name[0] >= '0' && e->d_name[0] <= '9' && fd != self && fd > highest) highest = fd;
  }
  ::closedir(dir);
  return highest;
}

double process_cpu_seconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Lowers RLIMIT_NOFILE's soft limit and fills every remaining slot; the destructor (and
// restore()) closes the fillers and puts the limit back, on every path.
class descriptor_exhaustion {
 public:
  descriptor_exhaustion() {
    ok_ = ::getrlimit(RLIMIT_NOFILE, &saved_) == 0;
    int highest = highest_open_fd();
    if (!ok_ || highest < 0) {
      ok_ = false;
      return;
    }
    rlimit lowered = saved_;
    lowered.rlim_cur = static_cast<rlim_t>(highest + 1 + 16);
    if (lowered.rlim_cur > saved_.rlim_cur || ::setrlimit(RLIMIT_NOFILE, &lowered) != 0) {
      ok_ = false;
      return;
    }
    limited_ = true;
    // Bounded: at most the 16 slots above the highest descriptor, plus free holes below.
    for (int i = 0; i < 100000; ++i) {
      int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        ok_ = errno == EMFILE;
        break;
      }
      fillers_.push_back(fd);
    }
  }
  ~descriptor_exhaustion() { restore(); }
  descriptor_exhaustion(const descriptor_exhaustion&) = delete;
  descriptor_exhaustion& operator=(const descriptor_exhaustion&) = delete;

  bool ok() const { return ok_; }

  void restore() {
    for (int fd : fillers_)
      ::close(fd);
    fillers_.clear();
    if (limited_) ::setrlimit(RLIMIT_NOFILE, &saved_);
    limited_ = false;
  }

 private:
  rlimit saved_{};
  bool ok_ = false;
  bool limited_ = false;
  std::vector<int> fillers_;
};

TEST_P(AcceptorEmfileRecovers, AcceptFailsOnceWithoutSpinningThenRecovers) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket client(ctx());
  client.connect(acceptor.local_endpoint());  // completes into the backlog
  client.write_some(ringport::buffer("ping", 4));

  // Made and used once before descriptors run out: UBSan's first check of a type needs a
  // pipe, which an exhausted process cannot make (a false "invalid vptr" report).
  ringport::steady_timer timer(ctx(), std::chrono::milliseconds(0));
  timer.async_wait([](error_code) {});
  ctx().run_for(std::chrono::seconds(5));
  ctx().restart();
  // Likewise the error category comparison the checks below make.
  EXPECT_TRUE(error_code(EMFILE, ringport::system_category()) == ringport::error::no_descriptors);

  {
    descriptor_exhaustion exhausted;
    ASSERT_TRUE(exhausted.ok()) << "could not lower RLIMIT_NOFILE";

    // Synchronous: the error, at once, nothing accepted.
    tcp::socket sync_peer(ctx());
    error_code sync_ec;
    acceptor.accept(sync_peer, sync_ec);
    EXPECT_TRUE(sync_ec == ringport::error::no_descriptors) << sync_ec.message();
    EXPECT_FALSE(sync_peer.is_open());

    // Asynchronous: the handler runs exactly once with the error.
    tcp::socket peer(ctx());
    int calls = 0;
    error_code result;
    acceptor.async_accept(peer, [&](error_code ec) {
      ++calls;
      result = ec;
    });
    ctx().run_for(std::chrono::seconds(5));
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(result == ringport::error::no_descriptors) << result.message();
    EXPECT_FALSE(peer.is_open());

    // Nothing pending but a timer, the connection still in the backlog (the listener stays
    // readable): the context must sleep, not spin. Coarse, generous bound: a spin is ~100%.
    timer.expires_after(std::chrono::milliseconds(300));
    bool fired = false;
    timer.async_wait([&](error_code) { fired = true; });
    ctx().restart();
    double cpu0 = process_cpu_seconds();
    auto wall0 = std::chrono::steady_clock::now();
    ctx().run_for(std::chrono::seconds(5));
    double cpu = process_cpu_seconds() - cpu0;
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    EXPECT_TRUE(fired);
    EXPECT_EQ(calls, 1);
    EXPECT_LT(cpu, 0.5 * wall) << "cpu " << cpu << " s in " << wall << " s";
  }  // descriptors and the limit restored

  tcp::socket peer(ctx());
  int calls = 0;
  error_code result;
  acceptor.async_accept(peer, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  ctx().restart();
  ctx().run_for(std::chrono::seconds(5));
  EXPECT_EQ(calls, 1);
  ASSERT_FALSE(result) << result.message();
  ASSERT_TRUE(peer.is_open());
  EXPECT_EQ(peer.remote_endpoint(), client.local_endpoint());
  char buf[4];
  EXPECT_EQ(peer.read_some(ringport::buffer(buf)), 4u);
  peer.write_some(ringport::buffer("pong", 4));
  EXPECT_EQ(client.read_some(ringport::buffer(buf)), 4u);
}

RINGPORT_INSTANTIATE_BACKENDS(AcceptorEmfileRecovers);

}  // namespace acceptor_emfile_recovers_test
