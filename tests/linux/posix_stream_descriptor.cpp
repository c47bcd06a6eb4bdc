// posix::stream_descriptor over the kinds of descriptor programs hand it: pipes (data both
// ways, eof, cancel, close, release, move, FIONREAD, user non-blocking mode, composed
// transfers), an eventfd counter, an inotify watch and a pseudo-terminal pair. A context
// destroyed with a read pending drops the handler without calling it.
// Linux only: Windows has no POSIX descriptors.

#include "backend_test.hpp"
#include "stream_pair_checks.hpp"
#include "transfer_outcome.hpp"

#include "ringport/buffer.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/error.hpp"
#include "ringport/io_context.hpp"
#include "ringport/posix/descriptor_base.hpp"
#include "ringport/posix/stream_descriptor.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace posix_stream_descriptor_test {

using PosixStreamDescriptor = ringport::test::backend_test;
using ringport::error_code;
using ringport::test::drain;
using outcome = ringport::test::transfer_outcome;
using ringport::posix::stream_descriptor;

// Both ends of a pipe2() pipe, each owned by a stream_descriptor.
struct pipe_pair {
  explicit pipe_pair(ringport::io_context& ctx) : reader(ctx), writer(ctx) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category());
    reader.assign(fds[0]);
    writer.assign(fds[1]);
  }
  stream_descriptor reader, writer;
};

TEST_P(PosixStreamDescriptor, WriteSomeThenReadSome) {
  pipe_pair p(ctx());
  outcome wrote, read;
  char buf[16];
  p.writer.async_write_some(ringport::buffer("hello", 5), wrote.handler());
  p.reader.async_read_some(ringport::buffer(buf), read.handler());
  drain(ctx());
  ASSERT_EQ(wrote.calls, 1);
  ASSERT_EQ(read.calls, 1);
  EXPECT_FALSE(wrote.ec) << wrote.ec.message();
  EXPECT_EQ(wrote.bytes, 5u);
  ASSERT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(std::string(buf, read.bytes), "hello");
}

TEST_P(PosixStreamDescriptor, PendingReadGetsLaterWrite) {
  ringport::test::check_pending_read_gets_write<pipe_pair>(ctx());
}

TEST_P(PosixStreamDescriptor, WriterClosedGivesEof) {
  ringport::test::check_writer_closed_gives_eof<pipe_pair>(ctx());
}

TEST_P(PosixStreamDescriptor, SyncReadSomeWriteSome) {
  ringport::test::check_sync_write_then_read<pipe_pair>(ctx());
}

TEST_P(PosixStreamDescriptor, AsyncWaitReadCompletesWhenDataArrives) {
  pipe_pair p(ctx());
  int calls = 0;
  error_code result;
  p.reader.async_wait(stream_descriptor::wait_read, [&](error_code ec) {
    ++calls;
    result = ec;
  });
  ctx().poll();
  EXPECT_EQ(calls, 0);
  p.writer.write_some(ringport::buffer("x", 1));
  drain(ctx());
  ASSERT_EQ(calls, 1);
  EXPECT_FALSE(result) << result.message();
  // The wait consumed nothing: the byte is still there.
  char byte = 0;
  EXPECT_EQ(p.reader.read_some(ringport::buffer(&byte, 1)), 1u);
  EXPECT_EQ(byte, 'x');
}

TEST_P(PosixStreamDescriptor, CancelAbortsPendingReadOnce) {
  ringport::test::check_cancel_aborts_pending_read<pipe_pair>(ctx());
}

TEST_P(PosixStreamDescriptor, CloseAbortsPendingReadOnce) {
  ringport::test::check_close_aborts_pending_read<pipe_pair>(ctx());
}

TEST_P(PosixStreamDescriptor, EventfdCounterRoundTrip) {
  int fd = ::eventfd(0, EFD_CLOEXEC);
  ASSERT_GE(fd, 0) << std::strerror(errno);
  stream_descriptor counter(ctx(), fd);
  EXPECT_EQ(counter.native_handle(), fd);

  std::uint64_t got = 0;
  outcome read, wrote;
  counter.async_read_some(ringport::buffer(&got, sizeof got), read.handler());
  ctx().poll();
  EXPECT_EQ(read.calls, 0);  // the counter is zero: nothing to read
  const std::uint64_t add = 7;
  counter.async_write_some(ringport::buffer(&add, sizeof add), wrote.handler());
  drain(ctx());
  ASSERT_EQ(wrote.calls, 1);
  EXPECT_FALSE(wrote.ec) << wrote.ec.message();
  EXPECT_EQ(wrote.bytes, sizeof add);
  ASSERT_EQ(read.calls, 1);
  ASSERT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(read.bytes, sizeof got);
  EXPECT_EQ(got, 7u);

  // Two writes add up; one read takes the sum and resets the counter.
  const std::uint64_t three = 3, four = 4;
  counter.write_some(ringport::buffer(&three, sizeof three));
  counter.write_some(ringport::buffer(&four, sizeof four));
  EXPECT_EQ(counter.read_some(ringport::buffer(&got, sizeof got)), sizeof got);
  EXPECT_EQ(got, 7u);
}

// A directory under /tmp, removed with what it holds.
struct temp_dir {
  temp_dir() {
    std::string pattern = "/tmp/ringport-inotify-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::system_error(errno, std::generic_category());
    path = pattern;
  }
  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::string path;
};

TEST_P(PosixStreamDescriptor, InotifyReportsCreatedFile) {
  temp_dir dir;
  int fd = ::inotify_init1(IN_CLOEXEC);
  ASSERT_GE(fd, 0) << std::strerror(errno);
  stream_descriptor watcher(ctx(), fd);
  ASSERT_GE(::inotify_add_watch(fd, dir.path.c_str(), IN_CREATE), 0) << std::strerror(errno);

  alignas(inotify_event) char buf[sizeof(inotify_event) + NAME_MAX + 1];
  outcome read;
  watcher.async_read_some(ringport::buffer(buf), read.handler());
  ctx().poll();
  EXPECT_EQ(read.calls, 0);
  std::string file = dir.path + "/made-by-test";
  int created = ::open(file.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
  ASSERT_GE(created, 0) << std::strerror(errno);
  ::close(created);
  drain(ctx());
  ASSERT_EQ(read.calls, 1);
  ASSERT_FALSE(read.ec) << read.ec.message();
  ASSERT_GE(read.bytes, sizeof(inotify_event));
  const auto* event = reinterpret_cast<const inotify_event*>(buf);
  EXPECT_NE(event->mask & IN_CREATE, 0u);
  ASSERT_GT(event->len, 0u);
  EXPECT_STREQ(event->name, "made-by-test");
}

TEST_P(PosixStreamDescriptor, PseudoTerminalBothWays) {
  int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) GTEST_SKIP() << "posix_openpt failed: " << std::strerror(errno);
  stream_descriptor master_end(ctx(), master);
  ASSERT_EQ(::grantpt(master), 0) << std::strerror(errno);
  ASSERT_EQ(::unlockpt(master), 0) << std::strerror(errno);
  char name[128];
  ASSERT_EQ(::ptsname_r(master, name, sizeof name), 0);
  int slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  ASSERT_GE(slave, 0) << name << ": " << std::strerror(errno);
  stream_descriptor slave_end(ctx(), slave);
  // Raw mode: no echo, no line editing, no newline translation.
  termios mode;
  ASSERT_EQ(::tcgetattr(slave, &mode), 0);
  ::cfmakeraw(&mode);
  ASSERT_EQ(::tcsetattr(slave, TCSANOW, &mode), 0);

  char at_slave[4] = {}, at_master[5] = {};
  outcome slave_read, master_read;
  ringport::async_read(slave_end, ringport::buffer(at_slave), slave_read.handler());
  ringport::async_read(master_end, ringport::buffer(at_master), master_read.handler());
  ringport::async_write(master_end, ringport::buffer("ping", 4),
                        [](error_code ec, std::size_t) { EXPECT_FALSE(ec) << ec.message(); });
  ringport::async_write(slave_end, ringport::buffer("pong!", 5),
                        [](error_code ec, std::size_t) { EXPECT_FALSE(ec) << ec.message(); });
  drain(ctx());
  ASSERT_EQ(slave_read.calls, 1);
  ASSERT_EQ(master_read.calls, 1);
  EXPECT_FALSE(slave_read.ec) << slave_read.ec.message();
  EXPECT_FALSE(master_read.ec) << master_read.ec.message();
  EXPECT_EQ(std::string(at_slave, 4), "ping");
  EXPECT_EQ(std::string(at_master, 5), "pong!");
}

TEST_P(PosixStreamDescriptor, ReleaseAbortsPendingAndHandsBackFd) {
  pipe_pair p(ctx());
  int fd = p.reader.native_handle();
  outcome read;
  char buf[8];
  p.reader.async_read_some(ringport::buffer(buf), read.handler());
  ctx().poll();
  EXPECT_EQ(read.calls, 0);
  int released = p.reader.release();
  EXPECT_EQ(released, fd);
  EXPECT_FALSE(p.reader.is_open());
  drain(ctx());
  EXPECT_EQ(read.calls, 1);
  EXPECT_TRUE(read.ec == ringport::error::operation_aborted) << read.ec.message();

  // The descriptor was not closed: it still reads what the writer sends.
  p.writer.write_some(ringport::buffer("fd!", 3));
  EXPECT_EQ(::read(released, buf, sizeof buf), 3);
  EXPECT_EQ(std::string(buf, 3), "fd!");
  EXPECT_EQ(::close(released), 0);
}

TEST_P(PosixStreamDescriptor, MovedDescriptorKeepsPendingRead) {
  pipe_pair p(ctx());
  outcome read;
  char buf[8];
  p.reader.async_read_some(ringport::buffer(buf), read.handler());
  ctx().poll();
  stream_descriptor moved(std::move(p.reader));
  EXPECT_FALSE(p.reader.is_open());
  EXPECT_TRUE(moved.is_open());
  p.writer.write_some(ringport::buffer("moved", 5));
  drain(ctx());
  ASSERT_EQ(read.calls, 1);
  ASSERT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(std::string(buf, read.bytes), "moved");
}

TEST_P(PosixStreamDescriptor, BytesReadableReportsPending) {
  pipe_pair p(ctx());
  ringport::posix::descriptor_base::bytes_readable command(true);
  p.reader.io_control(command);
  EXPECT_EQ(command.get(), 0u);
  p.writer.write_some(ringport::buffer("12345", 5));
  p.reader.io_control(command);
  EXPECT_EQ(command.get(), 5u);
  error_code ec;
  stream_descriptor::bytes_readable through_class;
  p.reader.io_control(through_class, ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(through_class.get(), 5u);
}

TEST_P(PosixStreamDescriptor, NonBlockingEmptyReadWouldBlock) {
  pipe_pair p(ctx());
  EXPECT_FALSE(p.reader.non_blocking());
  p.reader.non_blocking(true);
  EXPECT_TRUE(p.reader.non_blocking());
  char buf[8];
  error_code ec;
  EXPECT_EQ(p.reader.read_some(ringport::buffer(buf), ec), 0u);
  EXPECT_TRUE(ec == ringport::error::would_block) << ec.message();
}

TEST_P(PosixStreamDescriptor, ComposedMegabyteWithConcurrentWriter) {
  pipe_pair p(ctx());
  // Far more than a pipe holds, so the two sides must take turns.
  std::vector<char> sent(1 << 20);
  for (std::size_t i = 0; i < sent.size(); ++i)
    sent[i] = static_cast<char>(i * 7 + i / 4096);
  std::vector<char> got(sent.size() + 100, '\0');
  outcome read, wrote;
  ringport::async_read(p.reader, ringport::buffer(got), ringport::transfer_exactly(sent.size()),
                       read.handler());
  ringport::async_write(p.writer, ringport::buffer(sent), wrote.handler());
  drain(ctx());
  ASSERT_EQ(wrote.calls, 1);
  ASSERT_EQ(read.calls, 1);
  EXPECT_FALSE(wrote.ec) << wrote.ec.message();
  EXPECT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(wrote.bytes, sent.size());
  ASSERT_EQ(read.bytes, sent.size());
  got.resize(sent.size());
  EXPECT_TRUE(got == sent);
}

// The read end lives in its handler, as sessions usually do.
struct reading_end {
  reading_end(ringport::io_context& ctx, int fd) : descriptor(ctx, fd) {}
  stream_descriptor descriptor;
  char buf[16];
};

TEST_P(PosixStreamDescriptor, ContextDestroyedWithReadPending) {
  int fds[2];
  ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  auto end = std::make_shared<reading_end>(ctx(), fds[0]);
  std::weak_ptr<reading_end> watch = end;
  int calls = 0;
  end->descriptor.async_read_some(ringport::buffer(end->buf),
                                  [&calls, keep = end](error_code, std::size_t) { ++calls; });
  end.reset();
  ctx().poll();
  EXPECT_FALSE(watch.expired());
  ctx_.reset();
  EXPECT_EQ(calls, 0);
  EXPECT_TRUE(watch.expired());
  ::close(fds[1]);
}

RINGPORT_INSTANTIATE_BACKENDS(PosixStreamDescriptor);

}  // namespace posix_stream_descriptor_test
