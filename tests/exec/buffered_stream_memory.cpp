// buffered_read_stream, buffered_write_stream and buffered_stream over an in-memory stream
// whose reads and writes are short (short_io_stream), so every call the buffers make on the
// next layer is recorded: a read is served from the buffer without a next-layer read while
// bytes are held, a fill offers exactly the free space (the held bytes moved to the front
// first), a write stays in the buffer until it is full or flushed, a full buffer is flushed
// whole before the next write, a failed flush keeps only the unsent bytes, and the
// asynchronous forms complete later (never inside the call) with the same results, through
// the handler's associated executor.

#include "context_test.hpp"
#include "short_io_stream.hpp"

#include "ringport/as_tuple.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/buffer.hpp"
#include "ringport/buffered_read_stream.hpp"
#include "ringport/buffered_stream.hpp"
#include "ringport/buffered_write_stream.hpp"
#include "ringport/error.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"
#include "ringport/read.hpp"
#include "ringport/strand.hpp"
#include "ringport/write.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

namespace buffered_stream_memory_test {

using BufferedStreamMemory = ringport::test::context_test;
using ringport::error_code;

// short_io_stream with what a buffered stream needs of its next layer besides reads and
// writes: a lowest layer and close().
class memory_stream : public ringport::test::short_io_stream {
 public:
  using lowest_layer_type = memory_stream;
  using short_io_stream::short_io_stream;

  lowest_layer_type& lowest_layer() { return *this; }
  const lowest_layer_type& lowest_layer() const { return *this; }

  void close() { ++closes; }
  error_code close(error_code& ec) {
    ++closes;
    ec = error_code();
    return ec;
  }

  int closes = 0;
};

// A stream whose writes fail with broken_pipe once `budget` bytes have gone.
class failing_write_stream {
 public:
  using executor_type = ringport::io_context::executor_type;
  using lowest_layer_type = failing_write_stream;

  failing_write_stream(ringport::io_context& ctx, std::size_t initial_budget)
      : ex_(ctx.get_executor()), budget(initial_budget) {}

  executor_type get_executor() const noexcept { return ex_; }
  lowest_layer_type& lowest_layer() { return *this; }
  void close() {}

  template <typename ConstBufferSequence>
  std::size_t write_some(const ConstBufferSequence& buffers, error_code& ec) {
    const std::size_t offered = ringport::buffer_size(buffers);
    const std::size_t n = offered < budget ? offered : budget;
    if (n == 0 && offered != 0) {
      ec = ringport::error::broken_pipe;
      return 0;
    }
    ec = error_code();
    const std::size_t old_size = output.size();
    output.resize(old_size + n);
    ringport::buffer_copy(ringport::buffer(output.data() + old_size, n), buffers);
    budget -= n;
    return n;
  }

  template <typename ConstBufferSequence, typename Handler>
  void async_write_some(const ConstBufferSequence& buffers, Handler&& handler) {
    error_code ec;
    const std::size_t n = write_some(buffers, ec);
    auto handler_ex = ringport::get_associated_executor(handler, ex_);
    ringport::post(handler_ex,
                   [h = std::forward<Handler>(handler), ec, n]() mutable { std::move(h)(ec, n); });
  }

 private:
  executor_type ex_;

 public:
  std::size_t budget;
  std::string output;
};

struct result {
  int calls = 0;
  error_code ec;
  std::size_t n = 0;
};

auto recorder(result& r) {
  return [&r](const error_code& ec, std::size_t n) {
    ++r.calls;
    r.ec = ec;
    r.n = n;
  };
}

std::string str(const char* p, std::size_t n) {
  return std::string(p, n);
}

// ---- buffered_read_stream ----

TEST_F(BufferedStreamMemory, DefaultBufferSizeIs1024) {
  static_assert(ringport::buffered_read_stream<memory_stream&>::default_buffer_size == 1024);
  static_assert(ringport::buffered_write_stream<memory_stream&>::default_buffer_size == 1024);
  memory_stream s(ctx(), 5000);
  s.input = std::string(3000, 'r');
  ringport::buffered_read_stream<memory_stream&> br(s);
  EXPECT_EQ(br.fill(), 1024u);
  EXPECT_EQ(s.read_requests, std::vector<std::size_t>{1024});
}

TEST_F(BufferedStreamMemory, FillOffersFreeSpaceAndReadsComeFromTheBuffer) {
  memory_stream s(ctx(), 5);
  s.input = "abcdefghijklmnop";
  ringport::buffered_read_stream<memory_stream&> br(s, 8);
  EXPECT_EQ(br.in_avail(), 0u);
  EXPECT_EQ(br.fill(), 5u);
  EXPECT_EQ(br.in_avail(), 5u);
  EXPECT_EQ(br.fill(), 3u);
  EXPECT_EQ(br.in_avail(), 8u);
  EXPECT_EQ(s.read_requests, (std::vector<std::size_t>{8, 3}));
  // Full: nothing to read into, no read.
  error_code ec = ringport::error::eof;
  EXPECT_EQ(br.fill(ec), 0u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(s.read_requests.size(), 2u);

  char b[10];
  EXPECT_EQ(br.read_some(ringport::buffer(b, 3)), 3u);
  EXPECT_EQ(str(b, 3), "abc");
  EXPECT_EQ(br.peek(ringport::buffer(b)), 5u);
  EXPECT_EQ(str(b, 5), "defgh");
  EXPECT_EQ(br.in_avail(), 5u) << "peek consumes nothing";
  EXPECT_EQ(br.read_some(ringport::buffer(b)), 5u) << "only the held bytes, no next-layer read";
  EXPECT_EQ(str(b, 5), "defgh");
  EXPECT_EQ(s.read_requests.size(), 2u);
  EXPECT_EQ(br.in_avail(ec), 0u);

  // Empty: one fill of the whole capacity, then the caller takes what fits.
  EXPECT_EQ(br.read_some(ringport::buffer(b, 4)), 4u);
  EXPECT_EQ(str(b, 4), "ijkl");
  EXPECT_EQ(s.read_requests, (std::vector<std::size_t>{8, 3, 8}));
  EXPECT_EQ(br.in_avail(), 1u);
}

TEST_F(BufferedStreamMemory, FillMovesHeldBytesToTheFront) {
  memory_stream s(ctx(), 8);
  s.input = "abcdefghijklmnop";
  ringport::buffered_read_stream<memory_stream&> br(s, 8);
  ASSERT_EQ(br.fill(), 8u);
  char b[16];
  ASSERT_EQ(br.read_some(ringport::buffer(b, 6)), 6u);
  EXPECT_EQ(br.fill(), 6u);
  EXPECT_EQ(s.read_requests, (std::vector<std::size_t>{8, 6}));
  EXPECT_EQ(br.read_some(ringport::buffer(b)), 8u);
  EXPECT_EQ(str(b, 8), "ghijklmn");
}

TEST_F(BufferedStreamMemory, ScatterReadAndPeek) {
  memory_stream s(ctx(), 100);
  s.input = "abcdefg";
  ringport::buffered_read_stream<memory_stream&> br(s, 16);
  char x[2], y[3];
  std::array<ringport::mutable_buffer, 2> bufs{ringport::buffer(x), ringport::buffer(y)};
  EXPECT_EQ(br.peek(bufs), 5u);
  EXPECT_EQ(str(x, 2) + str(y, 3), "abcde");
  EXPECT_EQ(br.read_some(bufs), 5u);
  EXPECT_EQ(str(x, 2) + str(y, 3), "abcde");
  EXPECT_EQ(br.read_some(bufs), 2u);
  EXPECT_EQ(str(x, 2), "fg");
}

TEST_F(BufferedStreamMemory, ZeroSizeReadTouchesNothing) {
  memory_stream s(ctx(), 4);
  s.input = "abc";
  ringport::buffered_read_stream<memory_stream&> br(s, 8);
  error_code ec = ringport::error::eof;
  EXPECT_EQ(br.read_some(ringport::mutable_buffer(), ec), 0u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_TRUE(s.read_requests.empty());
  EXPECT_EQ(br.in_avail(), 0u);
}

TEST_F(BufferedStreamMemory, EofComesBackWithZeroBytes) {
  memory_stream s(ctx(), 5);
  s.input = "xy";
  ringport::buffered_read_stream<memory_stream&> br(s, 8);
  char b[10];
  EXPECT_EQ(br.read_some(ringport::buffer(b)), 2u);
  error_code ec;
  EXPECT_EQ(br.read_some(ringport::buffer(b), ec), 0u);
  EXPECT_EQ(ec, ringport::error::eof);
  EXPECT_EQ(br.peek(ringport::buffer(b), ec), 0u);
  EXPECT_EQ(ec, ringport::error::eof);
  EXPECT_EQ(br.fill(ec), 0u);
  EXPECT_EQ(ec, ringport::error::eof);
  try {
    br.read_some(ringport::buffer(b));
    ADD_FAILURE() << "read_some at the end must throw";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), ringport::error::eof);
  }
  EXPECT_THROW(br.fill(), std::system_error);
}

TEST_F(BufferedStreamMemory, ReadStreamOwnsAMovedInStreamAndForwardsWritesAndClose) {
  memory_stream s(ctx(), 3);
  s.input = "owned";
  ringport::buffered_read_stream<memory_stream> br(std::move(s), 4);
  char b[8];
  EXPECT_EQ(br.read_some(ringport::buffer(b)), 3u);
  EXPECT_EQ(br.next_layer().read_requests, std::vector<std::size_t>{4});
  EXPECT_EQ(&br.lowest_layer(), &br.next_layer());
  // Writes are not buffered by a read stream.
  EXPECT_EQ(br.write_some(ringport::buffer("abcdef", 6)), 3u);
  EXPECT_EQ(br.next_layer().output, "abc");
  br.close();
  error_code ec;
  br.close(ec);
  EXPECT_EQ(br.next_layer().closes, 2);
}

// ---- buffered_write_stream ----

TEST_F(BufferedStreamMemory, WritesStayBufferedUntilFullOrFlushed) {
  memory_stream s(ctx(), 3);
  ringport::buffered_write_stream<memory_stream&> bw(s, 8);
  EXPECT_EQ(bw.write_some(ringport::buffer("abcde", 5)), 5u);
  EXPECT_EQ(bw.write_some(ringport::buffer("fghij", 5)), 3u) << "only what fits";
  EXPECT_TRUE(s.write_requests.empty());
  EXPECT_EQ(s.output, "");
  // Full: the whole buffer is flushed (over short writes) before the new bytes go in.
  EXPECT_EQ(bw.write_some(ringport::buffer("ij", 2)), 2u);
  EXPECT_EQ(s.write_requests, (std::vector<std::size_t>{8, 5, 2}));
  EXPECT_EQ(s.output, "abcdefgh");
  EXPECT_EQ(bw.flush(), 2u);
  EXPECT_EQ(s.output, "abcdefghij");
  // Nothing held: no write at all.
  const std::size_t requests = s.write_requests.size();
  EXPECT_EQ(bw.flush(), 0u);
  EXPECT_EQ(s.write_requests.size(), requests);
}

TEST_F(BufferedStreamMemory, WriteLargerThanTheBufferLeavesTheTailBuffered) {
  memory_stream s(ctx(), 1000);
  ringport::buffered_write_stream<memory_stream&> bw(s, 16);
  std::string data;
  for (int i = 0; i < 100; ++i)
    data += static_cast<char>('a' + i % 26);
  EXPECT_EQ(ringport::write(bw, ringport::buffer(data)), 100u);
  // 16 bytes per write_some; each one after the first flushed the full buffer.
  EXPECT_EQ(s.write_requests, std::vector<std::size_t>(6, 16));
  EXPECT_EQ(s.output, data.substr(0, 96));
  EXPECT_EQ(bw.flush(), 4u);
  EXPECT_EQ(s.output, data);
}

TEST_F(BufferedStreamMemory, ZeroSizeWriteTouchesNothing) {
  memory_stream s(ctx(), 4);
  ringport::buffered_write_stream<memory_stream&> bw(s, 2);
  ASSERT_EQ(bw.write_some(ringport::buffer("ab", 2)), 2u);
  error_code ec = ringport::error::eof;
  EXPECT_EQ(bw.write_some(ringport::const_buffer(), ec), 0u)
      << "not even a flush of the full buffer";
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_TRUE(s.write_requests.empty());
}

TEST_F(BufferedStreamMemory, FailedFlushKeepsOnlyTheUnsentBytes) {
  failing_write_stream s(ctx(), 5);
  ringport::buffered_write_stream<failing_write_stream&> bw(s, 8);
  ASSERT_EQ(bw.write_some(ringport::buffer("abcdefgh", 8)), 8u);
  error_code ec;
  EXPECT_EQ(bw.write_some(ringport::buffer("X", 1), ec), 0u) << "a failed flush accepts nothing";
  EXPECT_EQ(ec, ringport::error::broken_pipe);
  EXPECT_EQ(s.output, "abcde");
  EXPECT_EQ(bw.flush(ec), 0u);
  EXPECT_EQ(ec, ringport::error::broken_pipe);
  EXPECT_THROW(bw.flush(), std::system_error);
  s.budget = 100;
  EXPECT_EQ(bw.flush(), 3u);
  EXPECT_EQ(s.output, "abcdefgh") << "the bytes sent before the error are not sent again";
}

TEST_F(BufferedStreamMemory, AsyncFlushFailureKeepsOnlyTheUnsentBytes) {
  failing_write_stream s(ctx(), 3);
  ringport::buffered_write_stream<failing_write_stream&> bw(s, 4);
  ASSERT_EQ(bw.write_some(ringport::buffer("abcd", 4)), 4u);
  result w;
  bw.async_write_some(ringport::buffer("Z", 1), recorder(w));
  ctx().run();
  EXPECT_EQ(w.calls, 1);
  EXPECT_EQ(w.ec, ringport::error::broken_pipe);
  EXPECT_EQ(w.n, 0u);
  EXPECT_EQ(s.output, "abc");
  s.budget = 100;
  result f;
  bw.async_flush(recorder(f));
  ctx().restart();
  ctx().run();
  EXPECT_FALSE(f.ec) << f.ec.message();
  EXPECT_EQ(f.n, 1u);
  EXPECT_EQ(s.output, "abcd");
}

// ---- Asynchronous forms ----

TEST_F(BufferedStreamMemory, AsyncReadSomeFromTheBufferCompletesLaterWithoutARead) {
  memory_stream s(ctx(), 100);
  s.input = "hello world";
  ringport::buffered_read_stream<memory_stream&> br(s, 32);
  ASSERT_EQ(br.fill(), 11u);
  char b[5];
  result r;
  br.async_read_some(ringport::buffer(b), recorder(r));
  EXPECT_EQ(r.calls, 0) << "never inside the initiating call";
  ctx().run();
  EXPECT_EQ(r.calls, 1);
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.n, 5u);
  EXPECT_EQ(str(b, 5), "hello");
  EXPECT_EQ(s.read_requests.size(), 1u);
  EXPECT_EQ(br.in_avail(), 6u);
}

TEST_F(BufferedStreamMemory, AsyncReadSomeOnAnEmptyBufferFillsOnce) {
  memory_stream s(ctx(), 7);
  s.input = "hello world";
  ringport::buffered_read_stream<memory_stream&> br(s, 32);
  char b[4];
  result r;
  br.async_read_some(ringport::buffer(b), recorder(r));
  ctx().run();
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.n, 4u);
  EXPECT_EQ(str(b, 4), "hell");
  EXPECT_EQ(s.read_requests, std::vector<std::size_t>{32});
  EXPECT_EQ(br.in_avail(), 3u);
}

TEST_F(BufferedStreamMemory, AsyncFillAddsToTheBufferAndAFullOneReadsNothing) {
  memory_stream s(ctx(), 3);
  s.input = "abcdefgh";
  ringport::buffered_read_stream<memory_stream&> br(s, 5);
  result a, b, c;
  br.async_fill(recorder(a));
  ctx().run();
  EXPECT_EQ(a.n, 3u);
  br.async_fill(recorder(b));
  ctx().restart();
  ctx().run();
  EXPECT_EQ(b.n, 2u);
  EXPECT_EQ(br.in_avail(), 5u);
  EXPECT_EQ(s.read_requests, (std::vector<std::size_t>{5, 2}));
  br.async_fill(recorder(c));
  EXPECT_EQ(c.calls, 0);
  ctx().restart();
  ctx().run();
  EXPECT_EQ(c.calls, 1);
  EXPECT_FALSE(c.ec) << c.ec.message();
  EXPECT_EQ(c.n, 0u);
  EXPECT_EQ(s.read_requests.size(), 2u);
}

TEST_F(BufferedStreamMemory, AsyncEofComesBackWithZeroBytes) {
  memory_stream s(ctx(), 3);
  s.input = "ab";
  ringport::buffered_read_stream<memory_stream&> br(s, 5);
  char b[8];
  std::vector<std::tuple<error_code, std::size_t>> results;
  auto push = [&](error_code ec, std::size_t n) { results.emplace_back(ec, n); };
  br.async_read_some(ringport::buffer(b), push);
  ctx().run();
  br.async_read_some(ringport::buffer(b), push);
  ctx().restart();
  ctx().run();
  br.async_fill(push);
  ctx().restart();
  ctx().run();
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0], std::make_tuple(error_code(), std::size_t(2)));
  EXPECT_EQ(results[1], std::make_tuple(error_code(ringport::error::eof), std::size_t(0)));
  EXPECT_EQ(results[2], std::make_tuple(error_code(ringport::error::eof), std::size_t(0)));
}

TEST_F(BufferedStreamMemory, AsyncWriteSomeBuffersThenFlushesAFullBufferFirst) {
  memory_stream s(ctx(), 3);
  ringport::buffered_write_stream<memory_stream&> bw(s, 4);
  result a, b, f;
  bw.async_write_some(ringport::buffer("abcdef", 6), recorder(a));
  EXPECT_EQ(a.calls, 0);
  ctx().run();
  EXPECT_EQ(a.n, 4u);
  EXPECT_TRUE(s.write_requests.empty());
  bw.async_write_some(ringport::buffer("ef", 2), recorder(b));
  ctx().restart();
  ctx().run();
  EXPECT_FALSE(b.ec) << b.ec.message();
  EXPECT_EQ(b.n, 2u);
  EXPECT_EQ(s.write_requests, (std::vector<std::size_t>{4, 1}));
  EXPECT_EQ(s.output, "abcd");
  bw.async_flush(recorder(f));
  ctx().restart();
  ctx().run();
  EXPECT_EQ(f.n, 2u);
  EXPECT_EQ(s.output, "abcdef");
}

TEST_F(BufferedStreamMemory, ComposedAsyncWriteAndReadOverTheBuffers) {
  memory_stream s(ctx(), 7);
  std::string data;
  for (int i = 0; i < 100; ++i)
    data += static_cast<char>('A' + i % 26);
  s.input = data;
  ringport::buffered_write_stream<memory_stream&> bw(s, 16);
  ringport::buffered_read_stream<memory_stream&> br(s, 16);
  result w, r;
  ringport::async_write(bw, ringport::buffer(data), recorder(w));
  std::string got(100, '\0');
  ringport::async_read(br, ringport::buffer(got), recorder(r));
  ctx().run();
  EXPECT_FALSE(w.ec) << w.ec.message();
  EXPECT_EQ(w.n, 100u);
  EXPECT_EQ(s.output, data.substr(0, 96));
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(got, data);
  for (std::size_t offered : s.read_requests)
    EXPECT_LE(offered, 16u);
}

TEST_F(BufferedStreamMemory, HandlersRunThroughTheirAssociatedExecutor) {
  memory_stream s(ctx(), 3);
  s.input = "abcdef";
  ringport::buffered_read_stream<memory_stream&> br(s, 8);
  ringport::buffered_write_stream<memory_stream&> bw(s, 2);
  auto strand = ringport::make_strand(ctx());
  int in_strand = 0, calls = 0;
  auto check = [&](error_code, std::size_t) {
    ++calls;
    if (strand.running_in_this_thread()) ++in_strand;
  };
  char b[2];
  br.async_read_some(ringport::buffer(b), ringport::bind_executor(strand, check));  // a fill
  ctx().run();
  br.async_read_some(ringport::buffer(b), ringport::bind_executor(strand, check));  // held
  bw.async_write_some(ringport::buffer("xy", 2), ringport::bind_executor(strand, check));
  ctx().restart();
  ctx().run();
  bw.async_write_some(ringport::buffer("z", 1), ringport::bind_executor(strand, check));  // flush
  ctx().restart();
  ctx().run();
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(in_strand, 4);
}

TEST_F(BufferedStreamMemory, AnyTokenWorks) {
  memory_stream s(ctx(), 3);
  s.input = "abc";
  ringport::buffered_read_stream<memory_stream&> br(s, 8);
  char b[8];
  std::tuple<error_code, std::size_t> got;
  br.async_read_some(ringport::buffer(b), ringport::as_tuple([&](auto t) { got = t; }));
  ctx().run();
  EXPECT_EQ(got, std::make_tuple(error_code(), std::size_t(3)));
}

// ---- buffered_stream and layering ----

TEST_F(BufferedStreamMemory, BufferedStreamBuffersBothDirections) {
  memory_stream s(ctx(), 4);
  s.input = "incoming data";
  ringport::buffered_stream<memory_stream&> bs(s, 6, 5);
  EXPECT_EQ(&bs.next_layer(), &s);
  EXPECT_EQ(&bs.lowest_layer(), &s);
  EXPECT_EQ(bs.write_some(ringport::buffer("outgoing", 8)), 5u);
  EXPECT_EQ(s.output, "");
  EXPECT_EQ(bs.fill(), 4u);
  EXPECT_EQ(s.read_requests, std::vector<std::size_t>{6});
  EXPECT_EQ(bs.in_avail(), 4u);
  char b[16];
  EXPECT_EQ(bs.peek(ringport::buffer(b)), 4u);
  EXPECT_EQ(bs.read_some(ringport::buffer(b, 3)), 3u);
  EXPECT_EQ(str(b, 3), "inc");
  EXPECT_EQ(bs.flush(), 5u);
  EXPECT_EQ(s.output, "outgo");

  result r, w, f, fl;
  bs.async_read_some(ringport::buffer(b), recorder(r));
  bs.async_write_some(ringport::buffer("ing", 3), recorder(w));
  ctx().run();
  EXPECT_EQ(r.n, 1u);
  EXPECT_EQ(str(b, 1), "o");
  EXPECT_EQ(w.n, 3u);
  EXPECT_EQ(s.output, "outgo");
  bs.async_fill(recorder(f));
  bs.async_flush(recorder(fl));
  ctx().restart();
  ctx().run();
  EXPECT_EQ(f.n, 4u);
  EXPECT_EQ(fl.n, 3u);
  EXPECT_EQ(s.output, "outgoing");
  bs.close();
  EXPECT_EQ(s.closes, 1);
}

TEST_F(BufferedStreamMemory, WriteStreamOverAReadStreamForwardsPeekAndInAvail) {
  memory_stream s(ctx(), 10);
  s.input = "layered";
  ringport::buffered_write_stream<ringport::buffered_read_stream<memory_stream&>> layered(s);
  char b[8];
  EXPECT_EQ(layered.peek(ringport::buffer(b, 3)), 3u);
  EXPECT_EQ(layered.in_avail(), 7u);
  error_code ec;
  EXPECT_EQ(layered.in_avail(ec), 7u);
  EXPECT_EQ(layered.read_some(ringport::buffer(b)), 7u);
  EXPECT_EQ(str(b, 7), "layered");
  EXPECT_EQ(&layered.lowest_layer(), &s);
}

}  // namespace buffered_stream_memory_test
