// The epoll backend watches a socket for writability only once a write-side op has had to
// wait: a socket whose sends always go through at once never wakes the reactor for the
// space they leave. Read from the kernel's own account of the epoll set
// (/proc/self/fdinfo of the epoll descriptor), and a send that has to wait still finishes
// with every byte once the peer reads.

#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <gtest/gtest.h>

#include <dirent.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

namespace epoll_write_interest_test {

using ringport::error_code;

using connected = ringport::test::tcp_pair;

// The events the process's epoll sets watch on descriptor `fd`, or nothing if no epoll set
// watches it. Fails the test if more than one does.
std::optional<unsigned> watched_events(int fd) {
  std::optional<unsigned> found;
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) {
    ADD_FAILURE() << "cannot list /proc/self/fd";
    return found;
  }
  while (dirent* entry = ::readdir(dir)) {
    std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    char target[64] = {};
    std::string link = "/proc/self/fd/" + name;
    if (::readlink(link.c_str(), target, sizeof target - 1) < 0) continue;
    if (std::string(target) != "anon_inode:[eventpoll]") continue;
    std::ifstream info("/proc/self/fdinfo/" + name);
    std::string line;
    while (std::getline(info, line)) {
      int tfd = -1;
      unsigned events = 0;
      if (std::sscanf(line.c_str(), "tfd: %d events: %x", &tfd, &events) == 2 && tfd == fd) {
        EXPECT_FALSE(found) << "descriptor " << fd << " is in two epoll sets";
        found = events;
      }
    }
  }
  ::closedir(dir);
  return found;
}

TEST(EpollWriteInterest, SendsThatGoThroughAtOnceLeaveWritabilityUnwatched) {
  ringport::io_context ctx(ringport::backend_kind::epoll);
  connected c(ctx);
  std::size_t sent = 0;
  ringport::async_write(c.server, ringport::buffer(std::string(1000, 'x')),
                        [&](error_code ec, std::size_t n) {
                          EXPECT_FALSE(ec) << ec.message();
                          sent = n;
                        });
  ctx.run();
  EXPECT_EQ(sent, 1000u);
  std::optional<unsigned> events = watched_events(c.server.native_handle());
  ASSERT_TRUE(events) << "the socket is in no epoll set";
  EXPECT_TRUE(*events & EPOLLIN);
  EXPECT_FALSE(*events & EPOLLOUT) << "events 0x" << std::hex << *events;
}

TEST(EpollWriteInterest, ASendThatWaitsIsWatchedAndDeliversEveryByte) {
  ringport::io_context ctx(ringport::backend_kind::epoll);
  connected c(ctx);
  // More than the two ends' buffers hold while nobody reads: the send has to wait.
  std::string data(4 << 20, '\0');
  for (std::size_t i = 0; i < data.size(); ++i)
    data[i] = static_cast<char>('a' + i % 26);
  std::size_t sent = 0;
  int calls = 0;
  ringport::async_write(c.server, ringport::buffer(data), [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    ++calls;
    sent = n;
  });
  ctx.poll();
  ASSERT_EQ(calls, 0) << "the send did not have to wait; the test proves nothing";
  std::optional<unsigned> events = watched_events(c.server.native_handle());
  ASSERT_TRUE(events) << "the socket is in no epoll set";
  EXPECT_TRUE(*events & EPOLLOUT) << "events 0x" << std::hex << *events;

  std::string received(data.size(), '\0');
  error_code read_ec;
  std::thread reader([&] { ringport::read(c.client, ringport::buffer(received), read_ec); });
  ctx.run();
  reader.join();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(sent, data.size());
  EXPECT_FALSE(read_ec) << read_ec.message();
  EXPECT_TRUE(received == data);
}

}  // namespace epoll_write_interest_test
