// readable_pipe and writable_pipe joined by connect_pipe: bytes move with the async and the
// sync calls, a large transfer goes through concurrent composed operations, a closed writer
// ends the reader's pending read with eof, cancel() and close() abort a pending read once,
// a handle released from one pipe object works in another, and a write with no reader left
// fails.

#include "backend_test.hpp"
#include "stream_pair_checks.hpp"
#include "transfer_outcome.hpp"

#include "ringport/buffer.hpp"
#include "ringport/connect_pipe.hpp"
#include "ringport/error.hpp"
#include "ringport/io_context.hpp"
#include "ringport/read.hpp"
#include "ringport/readable_pipe.hpp"
#include "ringport/writable_pipe.hpp"
#include "ringport/write.hpp"

#if defined(__linux__)
#include <csignal>
#endif

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace pipe_connect_test {

using PipeConnect = ringport::test::backend_test;
using ringport::error_code;
using ringport::test::drain;
using outcome = ringport::test::transfer_outcome;
using ringport::readable_pipe;
using ringport::writable_pipe;

// Both ends of one anonymous pipe.
struct pipe_ends {
  explicit pipe_ends(ringport::io_context& ctx) : reader(ctx), writer(ctx) {
    ringport::connect_pipe(reader, writer);
  }
  readable_pipe reader;
  writable_pipe writer;
};

TEST_P(PipeConnect, AsyncWriteThenRead) {
  ringport::test::check_pending_read_gets_write<pipe_ends>(ctx());
}

TEST_P(PipeConnect, QuarterMegabyteConcurrently) {
  pipe_ends p(ctx());
  // More than a pipe buffers, so the writer waits for the reader.
  std::vector<char> sent(256 * 1024);
  for (std::size_t i = 0; i < sent.size(); ++i)
    sent[i] = static_cast<char>(i * 13 + i / 1000);
  std::vector<char> got(sent.size(), '\0');
  outcome wrote, read;
  ringport::async_read(p.reader, ringport::buffer(got), read.handler());
  ringport::async_write(p.writer, ringport::buffer(sent), wrote.handler());
  drain(ctx());
  ASSERT_EQ(wrote.calls, 1);
  ASSERT_EQ(read.calls, 1);
  EXPECT_FALSE(wrote.ec) << wrote.ec.message();
  EXPECT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(wrote.bytes, sent.size());
  EXPECT_EQ(read.bytes, sent.size());
  EXPECT_TRUE(got == sent);
}

TEST_P(PipeConnect, WriterClosedGivesEof) {
  ringport::test::check_writer_closed_gives_eof<pipe_ends>(ctx());
}

TEST_P(PipeConnect, CancelAbortsPendingRead) {
  ringport::test::check_cancel_aborts_pending_read<pipe_ends>(ctx());
}

TEST_P(PipeConnect, CloseAbortsPendingRead) {
  ringport::test::check_close_aborts_pending_read<pipe_ends>(ctx());
}

TEST_P(PipeConnect, SyncWriteSomeReadSome) {
  ringport::test::check_sync_write_then_read<pipe_ends>(ctx());
}

TEST_P(PipeConnect, ConnectPipeErrorCodeOverload) {
  readable_pipe reader(ctx());
  writable_pipe writer(ctx());
  error_code ec;
  ringport::connect_pipe(reader, writer, ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_TRUE(reader.is_open());
  EXPECT_TRUE(writer.is_open());

  // An end that is already open cannot take a new pipe: the call fails and the other end
  // it was given stays closed.
  writable_pipe other_writer(ctx());
  ringport::connect_pipe(reader, other_writer, ec);
  EXPECT_TRUE(ec == ringport::error::already_open) << ec.message();
  EXPECT_FALSE(other_writer.is_open());

  // The first pipe is untouched.
  writer.write_some(ringport::buffer("still", 5));
  char buf[8];
  EXPECT_EQ(reader.read_some(ringport::buffer(buf)), 5u);
  EXPECT_EQ(std::string(buf, 5), "still");
}

TEST_P(PipeConnect, IsOpenFollowsLifecycle) {
  readable_pipe reader(ctx());
  writable_pipe writer(ctx());
  EXPECT_FALSE(reader.is_open());
  EXPECT_FALSE(writer.is_open());
  ringport::connect_pipe(reader, writer);
  EXPECT_TRUE(reader.is_open());
  EXPECT_TRUE(writer.is_open());
  readable_pipe moved(std::move(reader));
  EXPECT_FALSE(reader.is_open());
  EXPECT_TRUE(moved.is_open());
  moved.close();
  writer.close();
  EXPECT_FALSE(moved.is_open());
  EXPECT_FALSE(writer.is_open());
}

template <typename Reader, typename Writer>
void release_then_assign(ringport::io_context& ctx) {
  Reader reader(ctx);
  Writer writer(ctx);
  ringport::connect_pipe(reader, writer);
  error_code ec;
  auto read_handle = reader.release(ec);
#if defined(_WIN32)
  // Where the system cannot take a handle off a completion port (Wine 8), release() reports
  // operation_not_supported and the object keeps the handle, as sockets do.
  if (ec == ringport::error::operation_not_supported) {
    EXPECT_TRUE(reader.is_open());
    GTEST_SKIP() << "release() is not supported here: " << ec.message();
  }
#endif
  ASSERT_FALSE(ec) << ec.message();
  auto write_handle = writer.release();
  EXPECT_FALSE(reader.is_open());
  EXPECT_FALSE(writer.is_open());

  Reader new_reader(ctx);
  Writer new_writer(ctx);
  new_reader.assign(read_handle);
  new_writer.assign(write_handle);
  EXPECT_TRUE(new_reader.is_open());
  EXPECT_TRUE(new_writer.is_open());
  outcome wrote, read;
  char buf[16];
  new_reader.async_read_some(ringport::buffer(buf), read.handler());
  new_writer.async_write_some(ringport::buffer("handed", 6), wrote.handler());
  drain(ctx);
  ASSERT_EQ(read.calls, 1);
  EXPECT_FALSE(wrote.ec) << wrote.ec.message();
  ASSERT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(std::string(buf, read.bytes), "handed");
}

// release() is ringport's (and later Asio's); Asio 1.22's pipes lack it.
TEST_P(PipeConnect, ReleaseThenAssignKeepsWorking) {
  release_then_assign<readable_pipe, writable_pipe>(ctx());
}

TEST_P(PipeConnect, WriteAfterReaderClosedFails) {
#if defined(__linux__)
  // A write with no reader raises SIGPIPE as well as failing with EPIPE; only the error is
  // under test.
  struct ignore_sigpipe {
    ignore_sigpipe() : previous(std::signal(SIGPIPE, SIG_IGN)) {}
    ~ignore_sigpipe() { std::signal(SIGPIPE, previous); }
    void (*previous)(int);
  } guard;
#endif
  pipe_ends p(ctx());
  p.reader.close();
  error_code ec;
  EXPECT_EQ(p.writer.write_some(ringport::buffer("lost", 4), ec), 0u);
  // Windows reports a pipe with no reader as ERROR_NO_DATA ("the pipe is being closed"),
  // which ringport reports as broken_pipe there too.
  EXPECT_TRUE(ec == ringport::error::broken_pipe) << ec.message();

  outcome wrote;
  p.writer.async_write_some(ringport::buffer("lost", 4), wrote.handler());
  drain(ctx());
  ASSERT_EQ(wrote.calls, 1);
  EXPECT_TRUE(wrote.ec == ringport::error::broken_pipe) << wrote.ec.message();
  EXPECT_EQ(wrote.bytes, 0u);
}

RINGPORT_INSTANTIATE_BACKENDS(PipeConnect);

}  // namespace pipe_connect_test
