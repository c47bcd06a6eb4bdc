// Pipes and files on the IOCP handle service, where Windows differs from POSIX: connect_pipe
// makes a byte-mode named pipe (read end the server), a closed writer is eof and a closed
// reader broken_pipe (ERROR_BROKEN_PIPE / ERROR_NO_DATA mapped); cancel(), close() and a
// slot end a pending read or write once with operation_aborted; files are overlapped
// handles with no position of their own, so offsets, the stream position (moved when a
// transfer completes, not when it starts), seek, append (writes at the end of the file
// whatever the offset) and the open dispositions are the service's. A read at the end of a
// file ends once with eof, whether the system reports the end at once (Windows may) or
// through the port (Wine); the reads after it would meet a second completion if one came.

#include "context_test.hpp"
#include "transfer_outcome.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/connect_pipe.hpp"
#include "ringport/error.hpp"
#include "ringport/file_base.hpp"
#include "ringport/io_context.hpp"
#include "ringport/random_access_file.hpp"
#include "ringport/read.hpp"
#include "ringport/readable_pipe.hpp"
#include "ringport/stream_file.hpp"
#include "ringport/writable_pipe.hpp"
#include "ringport/write.hpp"

#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <winsock2.h>  // before windows.h, for the files that share a unity batch with this one
#include <windows.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace win_handles_test {

using WinHandles = ringport::test::context_test;
using ringport::error_code;
using ringport::test::drain;
using outcome = ringport::test::transfer_outcome;
using ringport::file_base;
using ringport::random_access_file;
using ringport::readable_pipe;
using ringport::stream_file;
using ringport::writable_pipe;

struct pipe_ends {
  explicit pipe_ends(ringport::io_context& ctx) : reader(ctx), writer(ctx) {
    ringport::connect_pipe(reader, writer);
  }
  readable_pipe reader;
  writable_pipe writer;
};

// A file in the temporary directory, unique to this process and call, removed before and
// after use. Declared before the file objects so that they close first.
struct temp_file {
  temp_file() {
    static int counter = 0;
    char dir[MAX_PATH + 1];
    DWORD n = ::GetTempPathA(sizeof dir, dir);
    path = std::string(dir, n) + "ringport-win-handles-" + std::to_string(::GetCurrentProcessId()) +
           "-" + std::to_string(++counter) + ".bin";
    ::DeleteFileA(path.c_str());
  }
  ~temp_file() { ::DeleteFileA(path.c_str()); }
  std::string path;
};

// The whole file, read through a context of its own.
std::string read_all(const std::string& path) {
  ringport::io_context io;
  random_access_file f(io, path, file_base::read_only);
  std::string s(static_cast<std::size_t>(f.size()), '\0');
  std::size_t done = 0;
  error_code ec;
  while (done < s.size() && !ec)
    done += f.read_some_at(done, ringport::buffer(s.data() + done, s.size() - done), ec);
  s.resize(done);
  return s;
}

// ---- pipes ---------------------------------------------------------------------------------

TEST_F(WinHandles, ConnectPipeMakesByteNamedPipe) {
  pipe_ends p(ctx());
  HANDLE r = p.reader.native_handle();
  HANDLE w = p.writer.native_handle();
  EXPECT_EQ(::GetFileType(r), static_cast<DWORD>(FILE_TYPE_PIPE));
  EXPECT_EQ(::GetFileType(w), static_cast<DWORD>(FILE_TYPE_PIPE));
  DWORD flags = 0;
  ASSERT_TRUE(::GetNamedPipeInfo(r, &flags, nullptr, nullptr, nullptr));
  EXPECT_TRUE(flags & PIPE_SERVER_END);
  EXPECT_FALSE(flags & PIPE_TYPE_MESSAGE);
  ASSERT_TRUE(::GetNamedPipeInfo(w, &flags, nullptr, nullptr, nullptr));
  EXPECT_FALSE(flags & PIPE_SERVER_END);
  // Not inherited by child processes.
  DWORD hflags = 0;
  ASSERT_TRUE(::GetHandleInformation(r, &hflags));
  EXPECT_FALSE(hflags & HANDLE_FLAG_INHERIT);
  ASSERT_TRUE(::GetHandleInformation(w, &hflags));
  EXPECT_FALSE(hflags & HANDLE_FLAG_INHERIT);

  // Two pipes never share a name: each writer reaches its own reader.
  pipe_ends q(ctx());
  q.writer.write_some(ringport::buffer("q", 1));
  p.writer.write_some(ringport::buffer("p", 1));
  char c = 0;
  EXPECT_EQ(q.reader.read_some(ringport::buffer(&c, 1)), 1u);
  EXPECT_EQ(c, 'q');
  EXPECT_EQ(p.reader.read_some(ringport::buffer(&c, 1)), 1u);
  EXPECT_EQ(c, 'p');
}

TEST_F(WinHandles, PendingReadGetsWrittenBytes) {
  pipe_ends p(ctx());
  outcome wrote, read;
  char buf[16];
  p.reader.async_read_some(ringport::buffer(buf), read.handler());
  ctx().poll();
  EXPECT_EQ(read.calls, 0);
  p.writer.async_write_some(ringport::buffer("pipe", 4), wrote.handler());
  drain(ctx());
  ASSERT_EQ(read.calls, 1);
  ASSERT_EQ(wrote.calls, 1);
  EXPECT_FALSE(wrote.ec) << wrote.ec.message();
  ASSERT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(std::string(buf, read.bytes), "pipe");
}

TEST_F(WinHandles, ReadOfBufferedBytesCompletesOnceThroughTheQueue) {
  pipe_ends p(ctx());
  p.writer.write_some(ringport::buffer("ready", 5));
  outcome read;
  char buf[16];
  // The bytes are there: the read can succeed at once, and is still delivered later.
  p.reader.async_read_some(ringport::buffer(buf), read.handler());
  EXPECT_EQ(read.calls, 0);
  drain(ctx());
  ASSERT_EQ(read.calls, 1);
  ASSERT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(std::string(buf, read.bytes), "ready");
}

TEST_F(WinHandles, ReadOutlivesTheThreadThatStartedIt) {
  pipe_ends p(ctx());
  constexpr int rounds = 50;
  for (int i = 0; i < rounds; ++i) {
    outcome read;
    char c = 0;
    // Started on a thread that has exited before the byte arrives.
    std::thread([&] { p.reader.async_read_some(ringport::buffer(&c, 1), read.handler()); }).join();
    const char sent = static_cast<char>('a' + i % 26);
    p.writer.write_some(ringport::buffer(&sent, 1));
    drain(ctx());
    ASSERT_EQ(read.calls, 1) << "round " << i;
    ASSERT_FALSE(read.ec) << "round " << i << ": " << read.ec.message();
    ASSERT_EQ(c, sent) << "round " << i;
  }
}

TEST_F(WinHandles, ClosedWriterIsEofForPendingAndLaterReads) {
  pipe_ends p(ctx());
  outcome read;
  char buf[8];
  p.reader.async_read_some(ringport::buffer(buf), read.handler());
  ctx().poll();
  p.writer.close();
  drain(ctx());
  ASSERT_EQ(read.calls, 1);
  EXPECT_TRUE(read.ec == ringport::error::eof) << read.ec.message();
  error_code ec;
  EXPECT_EQ(p.reader.read_some(ringport::buffer(buf), ec), 0u);
  EXPECT_TRUE(ec == ringport::error::eof) << ec.message();
}

TEST_F(WinHandles, ClosedReaderIsBrokenPipe) {
  pipe_ends p(ctx());
  p.reader.close();
  error_code ec;
  EXPECT_EQ(p.writer.write_some(ringport::buffer("x", 1), ec), 0u);
  EXPECT_TRUE(ec == ringport::error::broken_pipe) << ec.message();
  outcome wrote;
  p.writer.async_write_some(ringport::buffer("x", 1), wrote.handler());
  drain(ctx());
  ASSERT_EQ(wrote.calls, 1);
  EXPECT_TRUE(wrote.ec == ringport::error::broken_pipe) << wrote.ec.message();
}

TEST_F(WinHandles, CancelCloseAndSlotAbortPendingReadOnce) {
  pipe_ends p(ctx());
  char buf[8];
  outcome cancelled, by_slot, closed;
  p.reader.async_read_some(ringport::buffer(buf), cancelled.handler());
  ctx().poll();
  p.reader.cancel();
  drain(ctx());
  EXPECT_EQ(cancelled.calls, 1);
  EXPECT_TRUE(cancelled.ec == ringport::error::operation_aborted) << cancelled.ec.message();

  ringport::cancellation_signal signal;
  p.reader.async_read_some(ringport::buffer(buf),
                           ringport::bind_cancellation_slot(signal.slot(), by_slot.handler()));
  ctx().poll();
  signal.emit(ringport::cancellation_type::terminal);
  drain(ctx());
  EXPECT_EQ(by_slot.calls, 1);
  EXPECT_TRUE(by_slot.ec == ringport::error::operation_aborted) << by_slot.ec.message();
  // The link is gone with the op: a late emit touches nothing.
  signal.emit(ringport::cancellation_type::terminal);

  // Still usable: nothing was lost.
  p.writer.write_some(ringport::buffer("ok", 2));
  EXPECT_EQ(p.reader.read_some(ringport::buffer(buf)), 2u);

  p.reader.async_read_some(ringport::buffer(buf), closed.handler());
  ctx().poll();
  p.reader.close();
  drain(ctx());
  EXPECT_EQ(closed.calls, 1);
  EXPECT_TRUE(closed.ec == ringport::error::operation_aborted) << closed.ec.message();
}

TEST_F(WinHandles, WriterCloseAbortsWriteWaitingForRoom) {
  pipe_ends p(ctx());
  // More than the pipe buffers: the write stays pending until someone reads.
  std::vector<char> big(1024 * 1024, 'w');
  outcome wrote;
  p.writer.async_write_some(ringport::buffer(big), wrote.handler());
  ctx().poll();
  ASSERT_EQ(wrote.calls, 0) << "the write did not wait for the reader";
  p.writer.close();
  drain(ctx());
  EXPECT_EQ(wrote.calls, 1);
  EXPECT_TRUE(wrote.ec == ringport::error::operation_aborted) << wrote.ec.message();
}

TEST_F(WinHandles, MovedReaderKeepsPendingRead) {
  pipe_ends p(ctx());
  char buf[8];
  outcome read;
  p.reader.async_read_some(ringport::buffer(buf), read.handler());
  ctx().poll();
  readable_pipe moved(std::move(p.reader));
  p.writer.write_some(ringport::buffer("mv", 2));
  drain(ctx());
  ASSERT_EQ(read.calls, 1);
  ASSERT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(std::string(buf, read.bytes), "mv");
  // The pipe object that was moved from cancels nothing of the moved one.
  error_code ec;
  p.reader.cancel(ec);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
}

TEST_F(WinHandles, ContextDestroyedWithPendingPipeOps) {
  auto other = make_context();
  readable_pipe reader(*other);
  writable_pipe writer(*other);
  ringport::connect_pipe(reader, writer);
  char buf[8];
  int calls = 0;
  reader.async_read_some(ringport::buffer(buf), [&](error_code, std::size_t) { ++calls; });
  other->poll();
  other.reset();  // abandons the read without calling its handler
  EXPECT_EQ(calls, 0);
}

// ---- files ---------------------------------------------------------------------------------

TEST_F(WinHandles, RandomAccessWritesAndReadsAtOffsets) {
  temp_file t;
  random_access_file f(ctx(), t.path, file_base::read_write | file_base::create);
  EXPECT_EQ(::GetFileType(f.native_handle()), static_cast<DWORD>(FILE_TYPE_DISK));
  outcome w1, w2;
  f.async_write_some_at(100, ringport::buffer("hello", 5), w1.handler());
  f.async_write_some_at(0, ringport::buffer("abc", 3), w2.handler());
  drain(ctx());
  ASSERT_EQ(w1.calls, 1);
  ASSERT_EQ(w2.calls, 1);
  EXPECT_FALSE(w1.ec) << w1.ec.message();
  EXPECT_EQ(w1.bytes, 5u);
  EXPECT_EQ(w2.bytes, 3u);
  EXPECT_EQ(f.size(), 105u);

  char buf[8] = {};
  outcome r1;
  f.async_read_some_at(100, ringport::buffer(buf, 8), r1.handler());
  drain(ctx());
  ASSERT_EQ(r1.calls, 1);
  ASSERT_FALSE(r1.ec) << r1.ec.message();
  EXPECT_EQ(std::string(buf, r1.bytes), "hello");  // short at the end of the file

  // At the end of the file: eof, exactly once. The reads after it would meet a stray second
  // completion if one came.
  outcome at_end, past_end;
  f.async_read_some_at(105, ringport::buffer(buf), at_end.handler());
  f.async_read_some_at(4096, ringport::buffer(buf), past_end.handler());
  drain(ctx());
  EXPECT_EQ(at_end.calls, 1);
  EXPECT_EQ(past_end.calls, 1);
  EXPECT_TRUE(at_end.ec == ringport::error::eof) << at_end.ec.message();
  EXPECT_TRUE(past_end.ec == ringport::error::eof) << past_end.ec.message();
  for (int i = 0; i < 20; ++i) {
    outcome r;
    f.async_read_some_at(0, ringport::buffer(buf, 3), r.handler());
    drain(ctx());
    ASSERT_EQ(r.calls, 1);
    ASSERT_FALSE(r.ec) << r.ec.message();
    EXPECT_EQ(std::string(buf, r.bytes), "abc");
  }

  // Between the writes: zeros. Sync forms too.
  char mid[4] = {'x', 'x', 'x', 'x'};
  EXPECT_EQ(f.read_some_at(50, ringport::buffer(mid)), 4u);
  EXPECT_EQ(std::string(mid, 4), std::string(4, '\0'));
  error_code ec;
  EXPECT_EQ(f.read_some_at(105, ringport::buffer(mid), ec), 0u);
  EXPECT_TRUE(ec == ringport::error::eof) << ec.message();
  EXPECT_EQ(f.write_some_at(1, ringport::buffer("ZZ", 2)), 2u);
  f.close();
  std::string all = read_all(t.path);
  ASSERT_EQ(all.size(), 105u);
  EXPECT_EQ(all.substr(0, 3), "aZZ");
  EXPECT_EQ(all.substr(100), "hello");
}

TEST_F(WinHandles, BufferSequenceGoesThroughItsFirstNonEmptyBuffer) {
  temp_file t;
  random_access_file f(ctx(), t.path, file_base::read_write | file_base::create);
  std::vector<ringport::const_buffer> out{ringport::buffer("", 0), ringport::buffer("one", 3),
                                          ringport::buffer("two", 3)};
  outcome w;
  f.async_write_some_at(0, out, w.handler());
  drain(ctx());
  ASSERT_EQ(w.calls, 1);
  ASSERT_FALSE(w.ec) << w.ec.message();
  EXPECT_EQ(w.bytes, 3u);
  f.close();
  EXPECT_EQ(read_all(t.path), "one");
}

TEST_F(WinHandles, StreamPositionMovesWhenTransfersComplete) {
  temp_file t;
  stream_file f(ctx(), t.path, file_base::read_write | file_base::create);
  EXPECT_EQ(f.write_some(ringport::buffer("hello", 5)), 5u);
  EXPECT_EQ(f.seek(0, file_base::seek_cur), 5u);
  outcome w;
  f.async_write_some(ringport::buffer(" world", 6), w.handler());
  drain(ctx());
  ASSERT_FALSE(w.ec) << w.ec.message();
  EXPECT_EQ(f.seek(0, file_base::seek_cur), 11u);

  EXPECT_EQ(f.seek(0, file_base::seek_set), 0u);
  char buf[64] = {};
  outcome r;
  f.async_read_some(ringport::buffer(buf, 4), r.handler());
  // Started, not complete: the position has not moved yet.
  EXPECT_EQ(f.seek(0, file_base::seek_cur), 0u);
  drain(ctx());
  ASSERT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(std::string(buf, r.bytes), "hell");
  EXPECT_EQ(f.seek(0, file_base::seek_cur), 4u);

  // A short read at the end moves the position by what it read, not by what it asked for.
  outcome rest;
  f.async_read_some(ringport::buffer(buf), rest.handler());
  drain(ctx());
  ASSERT_FALSE(rest.ec) << rest.ec.message();
  EXPECT_EQ(std::string(buf, rest.bytes), "o world");
  EXPECT_EQ(f.seek(0, file_base::seek_cur), 11u);
  outcome eof;
  f.async_read_some(ringport::buffer(buf), eof.handler());
  drain(ctx());
  EXPECT_TRUE(eof.ec == ringport::error::eof) << eof.ec.message();
  EXPECT_EQ(f.seek(0, file_base::seek_cur), 11u);

  EXPECT_EQ(f.seek(-5, file_base::seek_end), 6u);
  EXPECT_EQ(f.read_some(ringport::buffer(buf, 5)), 5u);
  EXPECT_EQ(std::string(buf, 5), "world");
  EXPECT_EQ(f.seek(-2, file_base::seek_cur), 9u);
  error_code ec;
  f.seek(-20, file_base::seek_cur, ec);
  EXPECT_TRUE(ec == ringport::error::invalid_argument) << ec.message();
  EXPECT_EQ(f.seek(0, file_base::seek_cur), 9u);  // unchanged by the failed seek

  // Past the end, then a write: the gap reads as zeros.
  EXPECT_EQ(f.seek(20, file_base::seek_set), 20u);
  f.write_some(ringport::buffer("!", 1));
  EXPECT_EQ(f.size(), 21u);

  // The position moves with the object.
  stream_file moved(std::move(f));
  EXPECT_EQ(moved.seek(0, file_base::seek_cur), 21u);
}

TEST_F(WinHandles, AppendWritesAtTheEndWhateverTheOffset) {
  temp_file t;
  {
    random_access_file f(ctx(), t.path, file_base::write_only | file_base::create);
    f.write_some_at(0, ringport::buffer("base", 4));
  }
  {
    random_access_file f(ctx(), t.path, file_base::write_only | file_base::append);
    outcome w;
    f.async_write_some_at(0, ringport::buffer("+a", 2), w.handler());
    drain(ctx());
    ASSERT_FALSE(w.ec) << w.ec.message();
    EXPECT_EQ(f.write_some_at(1, ringport::buffer("+b", 2)), 2u);
  }
  EXPECT_EQ(read_all(t.path), "base+a+b");
  {
    stream_file f(ctx(), t.path, file_base::read_write | file_base::append);
    EXPECT_EQ(f.seek(0, file_base::seek_cur), 0u);
    outcome w;
    f.async_write_some(ringport::buffer("+c", 2), w.handler());
    drain(ctx());
    ASSERT_FALSE(w.ec) << w.ec.message();
    // After a write at the end the position is there, as after a POSIX O_APPEND write.
    EXPECT_EQ(f.seek(0, file_base::seek_cur), 10u);
    f.write_some(ringport::buffer("+d", 2));
    EXPECT_EQ(f.seek(0, file_base::seek_cur), 12u);
  }
  EXPECT_EQ(read_all(t.path), "base+a+b+c+d");
}

TEST_F(WinHandles, OpenDispositions) {
  temp_file t;
  error_code ec;
  random_access_file f(ctx());
  f.open(t.path, file_base::read_only, ec);
  EXPECT_EQ(ec.value(), static_cast<int>(ERROR_FILE_NOT_FOUND)) << ec.message();
  EXPECT_FALSE(f.is_open());

  f.open(t.path, file_base::write_only | file_base::create | file_base::exclusive, ec);
  ASSERT_FALSE(ec) << ec.message();
  f.write_some_at(0, ringport::buffer("data", 4));
  f.open(t.path, file_base::read_only, ec);
  EXPECT_TRUE(ec == ringport::error::already_open) << ec.message();
  f.close();

  f.open(t.path, file_base::write_only | file_base::create | file_base::exclusive, ec);
  EXPECT_EQ(ec.value(), static_cast<int>(ERROR_FILE_EXISTS)) << ec.message();
  EXPECT_FALSE(f.is_open());

  f.open(t.path, file_base::read_write | file_base::create, ec);  // opens, keeps the data
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(f.size(), 4u);
  f.close();
  f.open(t.path, file_base::read_write | file_base::create | file_base::truncate, ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(f.size(), 0u);
  f.write_some_at(0, ringport::buffer("again", 5));
  f.close();
  f.open(t.path, file_base::write_only | file_base::truncate, ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(f.size(), 0u);

  // A read-only file refuses writes; the handle is shared as a POSIX file is.
  f.close();
  f.open(t.path, file_base::read_only, ec);
  ASSERT_FALSE(ec) << ec.message();
  outcome w;
  f.async_write_some_at(0, ringport::buffer("no", 2), w.handler());
  drain(ctx());
  EXPECT_EQ(w.ec.value(), static_cast<int>(ERROR_ACCESS_DENIED)) << w.ec.message();
  random_access_file second(ctx(), t.path, file_base::read_write);
  EXPECT_TRUE(second.is_open());
}

TEST_F(WinHandles, ResizeSizeAndSync) {
  temp_file t;
  random_access_file f(ctx(), t.path, file_base::read_write | file_base::create);
  f.resize(4096);
  EXPECT_EQ(f.size(), 4096u);
  f.write_some_at(0, ringport::buffer("keep", 4));
  f.resize(2);
  EXPECT_EQ(f.size(), 2u);
  f.sync_all();
  f.sync_data();
  f.close();
  EXPECT_EQ(read_all(t.path), "ke");
  error_code ec;
  EXPECT_EQ(f.size(ec), 0u);
  EXPECT_TRUE(ec == ringport::error::bad_descriptor) << ec.message();
}

TEST_F(WinHandles, AsyncReadLoopsToTheEnd) {
  temp_file t;
  std::string data(300 * 1024, '\0');
  for (std::size_t i = 0; i < data.size(); ++i)
    data[i] = static_cast<char>('a' + i % 26);
  {
    stream_file f(ctx(), t.path, file_base::write_only | file_base::create);
    outcome w;
    ringport::async_write(f, ringport::buffer(data), w.handler());
    drain(ctx());
    ASSERT_FALSE(w.ec) << w.ec.message();
    EXPECT_EQ(w.bytes, data.size());
  }
  stream_file f(ctx(), t.path, file_base::read_only);
  std::string got(data.size() + 10, '\0');
  outcome r;
  ringport::async_read(f, ringport::buffer(got), r.handler());
  drain(ctx());
  ASSERT_EQ(r.calls, 1);
  EXPECT_TRUE(r.ec == ringport::error::eof) << r.ec.message();
  EXPECT_EQ(r.bytes, data.size());
  got.resize(r.bytes);
  EXPECT_TRUE(got == data);
}

}  // namespace win_handles_test
