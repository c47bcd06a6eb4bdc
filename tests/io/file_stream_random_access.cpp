// stream_file and random_access_file on every backend. A stream file: written with the async
// calls, read back to its end (the last read reports eof), seek/size/resize/sync, append
// mode, the open errors (exclusive create of an existing file, a missing file, a write to a
// read-only file), the constructor forms and open/close/release/assign. A random-access
// file: a sparse write at 1 MiB, reads at offsets and past the end, 4 MiB moved by async
// loops and by async_write_at/async_read_at and their sync forms at an offset, several reads
// in flight at once, cancel() with nothing pending, and a context
// destroyed with operations started.

#include "backend_test.hpp"
#include "transfer_outcome.hpp"

#include "ringport/buffer.hpp"
#include "ringport/error.hpp"
#include "ringport/file_base.hpp"
#include "ringport/io_context.hpp"
#include "ringport/random_access_file.hpp"
#include "ringport/read.hpp"
#include "ringport/read_at.hpp"
#include "ringport/stream_file.hpp"
#include "ringport/write.hpp"
#include "ringport/write_at.hpp"

#if defined(_WIN32)
#include <process.h>
#else
#include <unistd.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace file_stream_random_access_test {

using FileStreamRandomAccess = ringport::test::backend_test;
using ringport::error_code;
using ringport::test::drain;
using outcome = ringport::test::transfer_outcome;
using ringport::file_base;
using ringport::random_access_file;
using ringport::stream_file;

// A path in the temporary directory unique to this process, test and call; the file is
// removed before and after use. Declare it before the file objects so they close first.
struct temp_file {
  temp_file() {
    static int counter = 0;
#if defined(_WIN32)
    const int pid = ::_getpid();
#else
    const int pid = static_cast<int>(::getpid());
#endif
    std::string name = std::string("ringport-") +
                       ::testing::UnitTest::GetInstance()->current_test_info()->name() + "-" +
                       std::to_string(pid) + "-" + std::to_string(++counter);
    std::replace(name.begin(), name.end(), '/', '-');
    path = (std::filesystem::temp_directory_path() / name).string();
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
  ~temp_file() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
  std::string path;
};

// Reads and writes whole files without the classes under test.
std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
void put(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
}

std::string pattern(std::size_t size, int seed) {
  std::string s(size, '\0');
  for (std::size_t i = 0; i < size; ++i)
    s[i] = static_cast<char>(i * 31 + i / 997 + seed);
  return s;
}

TEST_P(FileStreamRandomAccess, StreamWriteThenReadToEof) {
  temp_file tmp;
  const std::string head = "head:", body = pattern(100000, 1);
  stream_file file(ctx(), tmp.path,
                   file_base::write_only | file_base::create | file_base::truncate);
  ASSERT_TRUE(file.is_open());
  outcome first, rest;
  file.async_write_some(ringport::buffer(head), [&](error_code ec, std::size_t n) {
    first.handler()(ec, n);
    if (!ec) ringport::async_write(file, ringport::buffer(body), rest.handler());
  });
  drain(ctx());
  ASSERT_EQ(first.calls, 1);
  ASSERT_FALSE(first.ec) << first.ec.message();
  EXPECT_EQ(first.bytes, head.size());
  ASSERT_EQ(rest.calls, 1);
  EXPECT_FALSE(rest.ec) << rest.ec.message();
  EXPECT_EQ(rest.bytes, body.size());
  file.close();

  // Read back through a buffer larger than the file: the composed read stops at the end.
  file.open(tmp.path, file_base::read_only);
  std::string got(head.size() + body.size() + 4096, '\0');
  outcome read;
  ringport::async_read(file, ringport::buffer(got), read.handler());
  drain(ctx());
  ASSERT_EQ(read.calls, 1);
  EXPECT_TRUE(read.ec == ringport::error::eof) << read.ec.message();
  ASSERT_EQ(read.bytes, head.size() + body.size());
  got.resize(read.bytes);
  EXPECT_TRUE(got == head + body);
}

TEST_P(FileStreamRandomAccess, StreamSeekSizeResizeSync) {
  temp_file tmp;
  stream_file file(ctx(), tmp.path, file_base::read_write | file_base::create);
  EXPECT_EQ(file.size(), 0u);
  const std::string data = pattern(100, 2);
  EXPECT_EQ(ringport::write(file, ringport::buffer(data)), data.size());
  EXPECT_EQ(file.size(), 100u);

  EXPECT_EQ(file.seek(0, file_base::seek_set), 0u);
  EXPECT_EQ(file.seek(10, file_base::seek_cur), 10u);
  EXPECT_EQ(file.seek(-5, file_base::seek_end), 95u);
  EXPECT_EQ(file.seek(0, file_base::seek_cur), 95u);
  // The next read starts where seek left the position.
  char tail[16];
  outcome read;
  file.async_read_some(ringport::buffer(tail), read.handler());
  drain(ctx());
  ASSERT_EQ(read.calls, 1);
  ASSERT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(std::string(tail, read.bytes), data.substr(95));

  file.resize(5000);
  EXPECT_EQ(file.size(), 5000u);
  file.resize(10);
  EXPECT_EQ(file.size(), 10u);
  error_code ec;
  file.resize(20, ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(file.size(ec), 20u);

  file.sync_all();
  file.sync_data();
  file.sync_all(ec);
  EXPECT_FALSE(ec) << ec.message();
  file.sync_data(ec);
  EXPECT_FALSE(ec) << ec.message();
  file.close();
  // What resize left: the first 10 bytes, then zeros.
  EXPECT_EQ(contents(tmp.path), data.substr(0, 10) + std::string(10, '\0'));
}

TEST_P(FileStreamRandomAccess, StreamAppendWritesAtEnd) {
  temp_file tmp;
  put(tmp.path, "abc");
  stream_file file(ctx(), tmp.path, file_base::write_only | file_base::append);
  outcome first, second;
  file.async_write_some(ringport::buffer("de", 2), [&](error_code ec, std::size_t n) {
    first.handler()(ec, n);
    file.async_write_some(ringport::buffer("f", 1), second.handler());
  });
  drain(ctx());
  ASSERT_EQ(first.calls, 1);
  ASSERT_EQ(second.calls, 1);
  EXPECT_FALSE(first.ec) << first.ec.message();
  EXPECT_FALSE(second.ec) << second.ec.message();
  file.close();
  EXPECT_EQ(contents(tmp.path), "abcdef");
}

TEST_P(FileStreamRandomAccess, StreamOpenErrors) {
  temp_file existing, missing;
  put(existing.path, "x");
  stream_file file(ctx());
  error_code ec;
  file.open(existing.path, file_base::write_only | file_base::create | file_base::exclusive, ec);
  EXPECT_TRUE(ec == std::errc::file_exists) << ec.message();
  EXPECT_FALSE(file.is_open());
  EXPECT_THROW(
      file.open(existing.path, file_base::read_write | file_base::create | file_base::exclusive),
      ringport::system_error);

  file.open(missing.path, file_base::read_only, ec);
  EXPECT_TRUE(ec == std::errc::no_such_file_or_directory) << ec.message();
  EXPECT_FALSE(file.is_open());
  EXPECT_FALSE(std::filesystem::exists(missing.path));

  // A file opened for reading refuses writes, sync and async.
  file.open(existing.path, file_base::read_only, ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(file.write_some(ringport::buffer("y", 1), ec), 0u);
  EXPECT_TRUE(ec) << "a write to a read-only file succeeded";
  outcome wrote;
  file.async_write_some(ringport::buffer("y", 1), wrote.handler());
  drain(ctx());
  ASSERT_EQ(wrote.calls, 1);
  EXPECT_TRUE(wrote.ec) << "a write to a read-only file succeeded";
  EXPECT_EQ(wrote.bytes, 0u);
  file.close();
  EXPECT_EQ(contents(existing.path), "x");
}

TEST_P(FileStreamRandomAccess, ConstructorFormsAndOpenClose) {
  temp_file tmp;
  put(tmp.path, "0123456789");
  const std::string path = tmp.path;
  // One object at a time: on Windows a file may be opened without sharing.
  {
    stream_file file(ctx(), path.c_str(), file_base::read_only);
    EXPECT_TRUE(file.is_open());
  }
  {
    stream_file file(ctx(), path, file_base::read_only);
    EXPECT_TRUE(file.is_open());
  }
  {
    random_access_file file(ctx(), path.c_str(), file_base::read_only);
    EXPECT_TRUE(file.is_open());
  }
  {
    random_access_file file(ctx(), path, file_base::read_only);
    EXPECT_TRUE(file.is_open());
    EXPECT_EQ(file.size(), 10u);
  }
  stream_file file(ctx());
  EXPECT_FALSE(file.is_open());
  file.open(path, file_base::read_only);
  EXPECT_TRUE(file.is_open());
  file.close();
  EXPECT_FALSE(file.is_open());
  file.open(path.c_str(), file_base::read_only);
  EXPECT_TRUE(file.is_open());
}

// Where the system cannot take a handle off a completion port (Wine 8), release() reports
// operation_not_supported and the object keeps the handle, as sockets do.
bool release_unsupported(const error_code& ec) {
#if defined(_WIN32)
  return ec == ringport::error::operation_not_supported;
#else
  (void)ec;
  return false;
#endif
}

TEST_P(FileStreamRandomAccess, ReleasedHandleWorksInAnotherObject) {
  temp_file tmp;
  put(tmp.path, "0123456789");
  char buf[16];
  {
    stream_file file(ctx(), tmp.path, file_base::read_only);
    EXPECT_EQ(file.seek(4, file_base::seek_set), 4u);
    error_code ec;
    stream_file::native_handle_type handle = file.release(ec);
    if (release_unsupported(ec)) {
      EXPECT_TRUE(file.is_open());
      GTEST_SKIP() << "release() is not supported here: " << ec.message();
    }
    ASSERT_FALSE(ec) << ec.message();
    EXPECT_FALSE(file.is_open());
    stream_file adopted(ctx());
    adopted.assign(handle);
    EXPECT_TRUE(adopted.is_open());
    EXPECT_EQ(adopted.size(), 10u);
    EXPECT_EQ(adopted.seek(0, file_base::seek_set), 0u);
    std::size_t n = adopted.read_some(ringport::buffer(buf));
    EXPECT_GT(n, 0u);
    EXPECT_EQ(std::string(buf, n), std::string("0123456789").substr(0, n));
  }
  {
    random_access_file file(ctx(), tmp.path, file_base::read_only);
    // The constructor from a native handle adopts a released one.
    random_access_file adopted(ctx(), file.release());
    EXPECT_FALSE(file.is_open());
    EXPECT_TRUE(adopted.is_open());
    EXPECT_EQ(adopted.read_some_at(7, ringport::buffer(buf)), 3u);
    EXPECT_EQ(std::string(buf, 3), "789");
  }
}

TEST_P(FileStreamRandomAccess, RandomSparseWriteAndReadAt) {
  temp_file tmp;
  const std::uint64_t far_offset = 1 << 20;
  random_access_file file(ctx(), tmp.path,
                          file_base::read_write | file_base::create | file_base::truncate);
  EXPECT_EQ(file.write_some_at(0, ringport::buffer("head", 4)), 4u);
  EXPECT_EQ(file.write_some_at(far_offset, ringport::buffer("tail", 4)), 4u);
  EXPECT_EQ(file.size(), far_offset + 4);

  char buf[8];
  EXPECT_EQ(file.read_some_at(0, ringport::buffer(buf, 4)), 4u);
  EXPECT_EQ(std::string(buf, 4), "head");
  EXPECT_EQ(file.read_some_at(far_offset, ringport::buffer(buf)), 4u);
  EXPECT_EQ(std::string(buf, 4), "tail");
  EXPECT_EQ(file.read_some_at(far_offset / 2, ringport::buffer(buf)), sizeof buf);
  EXPECT_EQ(std::string(buf, sizeof buf), std::string(sizeof buf, '\0'));  // the gap

  error_code ec;
  EXPECT_EQ(file.read_some_at(far_offset + 4, ringport::buffer(buf), ec), 0u);
  EXPECT_TRUE(ec == ringport::error::eof) << ec.message();
  outcome past_end;
  file.async_read_some_at(far_offset + 100, ringport::buffer(buf), past_end.handler());
  drain(ctx());
  ASSERT_EQ(past_end.calls, 1);
  EXPECT_TRUE(past_end.ec == ringport::error::eof) << past_end.ec.message();
  EXPECT_EQ(past_end.bytes, 0u);
}

// Moves a whole buffer to or from the file with one async_*_some_at after another.
struct mover {
  mover(random_access_file& f, std::string& d, bool w) : file(f), data(d), writing(w) {}
  random_access_file& file;
  std::string& data;
  bool writing;
  std::uint64_t done = 0;
  int steps = 0;
  error_code error;
  void step() {
    auto on_done = [this](error_code ec, std::size_t n) {
      done += n;
      if (ec)
        error = ec;
      else if (done < data.size() && ++steps < 100000)
        step();
    };
    if (writing)
      file.async_write_some_at(done, ringport::buffer(data.data() + done, data.size() - done),
                               on_done);
    else
      file.async_read_some_at(done, ringport::buffer(data.data() + done, data.size() - done),
                              on_done);
  }
};

TEST_P(FileStreamRandomAccess, RandomAsyncFourMegabytes) {
  temp_file tmp;
  random_access_file file(ctx(), tmp.path,
                          file_base::read_write | file_base::create | file_base::truncate);
  std::string sent = pattern(4 << 20, 3);
  mover writer(file, sent, true);
  writer.step();
  drain(ctx());
  EXPECT_FALSE(writer.error) << writer.error.message();
  ASSERT_EQ(writer.done, sent.size());
  EXPECT_EQ(file.size(), sent.size());

  std::string got(sent.size(), '\0');
  mover reader(file, got, false);
  reader.step();
  drain(ctx());
  EXPECT_FALSE(reader.error) << reader.error.message();
  ASSERT_EQ(reader.done, sent.size());
  EXPECT_TRUE(got == sent);
}

// The composed forms: read_at/write_at loop over the device's *_some_at calls from an offset.
TEST_P(FileStreamRandomAccess, ComposedReadAtWriteAt) {
  temp_file tmp;
  random_access_file file(ctx(), tmp.path,
                          file_base::read_write | file_base::create | file_base::truncate);
  const std::uint64_t at = 12345;
  std::string sent = pattern(3 << 20, 5);
  error_code wec;
  std::size_t wrote = 0;
  ringport::async_write_at(file, at, ringport::buffer(sent), [&](error_code ec, std::size_t n) {
    wec = ec;
    wrote = n;
  });
  drain(ctx());
  ASSERT_FALSE(wec) << wec.message();
  ASSERT_EQ(wrote, sent.size());
  EXPECT_EQ(file.size(), at + sent.size());

  std::string got(sent.size() + 100, '\0');
  error_code rec;
  std::size_t read = 0;
  ringport::async_read_at(file, at, ringport::buffer(got), [&](error_code ec, std::size_t n) {
    rec = ec;
    read = n;
  });
  drain(ctx());
  EXPECT_EQ(rec, ringport::error::eof);  // the buffer is larger than what follows `at`
  ASSERT_EQ(read, sent.size());
  EXPECT_TRUE(got.compare(0, sent.size(), sent) == 0);

  std::string head(at, 'h');
  EXPECT_EQ(ringport::write_at(file, 0, ringport::buffer(head)), head.size());
  std::string back(at, '\0');
  EXPECT_EQ(ringport::read_at(file, 0, ringport::buffer(back)), back.size());
  EXPECT_TRUE(back == head);
}

TEST_P(FileStreamRandomAccess, RandomSeveralReadsInFlight) {
  temp_file tmp;
  constexpr std::size_t chunk = 64 * 1024, count = 8;
  const std::string data = pattern(chunk * count, 4);
  put(tmp.path, data);
  random_access_file file(ctx(), tmp.path, file_base::read_only);
  std::vector<std::string> got(count, std::string(chunk, '\0'));
  std::vector<outcome> reads(count);
  // Started last chunk first, so the order of completion proves nothing by accident.
  for (std::size_t i = count; i-- > 0;)
    file.async_read_some_at(i * chunk, ringport::buffer(got[i]), reads[i].handler());
  drain(ctx());
  for (std::size_t i = 0; i < count; ++i) {
    ASSERT_EQ(reads[i].calls, 1) << "chunk " << i;
    EXPECT_FALSE(reads[i].ec) << "chunk " << i << ": " << reads[i].ec.message();
    ASSERT_EQ(reads[i].bytes, chunk) << "chunk " << i;
    EXPECT_TRUE(got[i] == data.substr(i * chunk, chunk)) << "chunk " << i;
  }
}

TEST_P(FileStreamRandomAccess, RandomCancelWithNothingPending) {
  temp_file tmp;
  random_access_file file(ctx(), tmp.path, file_base::read_write | file_base::create);
  file.cancel();
  error_code ec;
  file.cancel(ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_TRUE(file.is_open());
  outcome wrote;
  file.async_write_some_at(3, ringport::buffer("ok", 2), wrote.handler());
  drain(ctx());
  ASSERT_EQ(wrote.calls, 1);
  EXPECT_FALSE(wrote.ec) << wrote.ec.message();
  EXPECT_EQ(wrote.bytes, 2u);
  EXPECT_EQ(file.size(), 5u);
}

// The file lives in its handlers, as sessions usually do.
struct file_session {
  file_session(ringport::io_context& ctx, const std::string& path)
      : file(ctx, path, file_base::read_write | file_base::create | file_base::truncate) {}
  random_access_file file;
  std::string out = pattern(256 * 1024, 5);
  std::string in = std::string(256 * 1024, '\0');
};

TEST_P(FileStreamRandomAccess, ContextDestroyedWithOpsStarted) {
  temp_file tmp;
  auto session = std::make_shared<file_session>(ctx(), tmp.path);
  std::weak_ptr<file_session> watch = session;
  int calls = 0;
  session->file.async_write_some_at(0, ringport::buffer(session->out),
                                    [&calls, keep = session](error_code, std::size_t) { ++calls; });
  session->file.async_read_some_at(0, ringport::buffer(session->in),
                                   [&calls, keep = session](error_code, std::size_t) { ++calls; });
  session.reset();
  EXPECT_FALSE(watch.expired());
  ctx_.reset();
  EXPECT_EQ(calls, 0);
  EXPECT_TRUE(watch.expired());
}

RINGPORT_INSTANTIATE_BACKENDS(FileStreamRandomAccess);

}  // namespace file_stream_random_access_test
