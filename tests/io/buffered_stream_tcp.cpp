// buffered_read_stream, buffered_write_stream and buffered_stream over connected TCP sockets
// on loopback. Bytes written through a write buffer do not reach the peer until flush (a byte
// sent past the buffer, straight on the socket, arrives first); a write larger than the
// buffer sends whole buffers and keeps the tail; a read buffer serves held bytes with no
// socket read (the socket's own readable count does not change); read_until works over it;
// eof comes back through every read form; the asynchronous forms work with a callback,
// use_future and use_awaitable, pass cancellation and the allocator of the handler to the
// socket operation; the socket itself is reachable through lowest_layer().

#include "backend_test.hpp"
#include "counting_allocator.hpp"
#include "tcp_pair.hpp"

#include "ringport/bind_allocator.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/buffer.hpp"
#include "ringport/buffered_read_stream.hpp"
#include "ringport/buffered_stream.hpp"
#include "ringport/buffered_write_stream.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/read_until.hpp"
#include "ringport/use_awaitable.hpp"
#include "ringport/use_future.hpp"
#include "ringport/write.hpp"

#include <chrono>
#include <cstddef>
#include <exception>
#include <future>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

namespace buffered_stream_tcp_test {

using BufferedStreamTcp = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

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

// Waits, bounded, until `s` has at least `n` bytes readable in the kernel.
template <typename Socket>
bool wait_available(Socket& s, std::size_t n) {
  for (int i = 0; i < 5000; ++i) {
    if (s.available() >= n) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

// Runs until the handler recorded by `r` ran, bounded.
void run_until_called(ringport::io_context& ctx, const result& r) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (r.calls == 0 && std::chrono::steady_clock::now() < until)
    ctx.run_one_for(std::chrono::milliseconds(10));
}

// What is readable on `s` right now, without waiting (empty when nothing is).
std::string read_now(tcp::socket& s) {
  s.non_blocking(true);
  char buf[256];
  error_code ec;
  const std::size_t n = s.read_some(ringport::buffer(buf), ec);
  s.non_blocking(false);
  EXPECT_TRUE(!ec || ec == ringport::error::would_block) << ec.message();
  return std::string(buf, n);
}

// Exactly `n` bytes from `s`, once they are all readable (bounded: a shortfall fails the
// test instead of blocking it).
std::string read_exactly(tcp::socket& s, std::size_t n) {
  if (!wait_available(s, n)) {
    ADD_FAILURE() << "only " << s.available() << " of " << n << " bytes arrived";
    return read_now(s);
  }
  std::string out(n, '\0');
  ringport::read(s, ringport::buffer(out));
  return out;
}

// Fills `br` until it holds `n` bytes (TCP may deliver one write in pieces); every fill
// waits for readable bytes first, so a shortfall fails instead of blocking.
template <typename BufferedReadStream>
void fill_to(BufferedReadStream& br, std::size_t n) {
  for (int i = 0; i < 100 && br.in_avail() < n; ++i) {
    if (!wait_available(br.lowest_layer(), 1)) break;
    br.fill();
  }
  ASSERT_EQ(br.in_avail(), n);
}

std::string pattern(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i)
    s += static_cast<char>('a' + i % 26);
  return s;
}

// ---- buffered_write_stream ----

TEST_P(BufferedStreamTcp, WrittenBytesReachThePeerOnlyOnFlush) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_write_stream<tcp::socket&> bw(p.client, 64);
  EXPECT_EQ(ringport::write(bw, ringport::buffer(std::string_view("hello"))), 5u);
  EXPECT_EQ(read_now(p.server), "");
  // A byte sent past the buffer arrives before the buffered ones: they were never sent.
  bw.next_layer().write_some(ringport::buffer("X", 1));
  EXPECT_EQ(read_exactly(p.server, 1), "X");
  EXPECT_EQ(read_now(p.server), "");
  EXPECT_EQ(bw.flush(), 5u);
  EXPECT_EQ(read_exactly(p.server, 5), "hello");
  EXPECT_EQ(bw.flush(), 0u);
}

TEST_P(BufferedStreamTcp, WriteLargerThanTheBufferSendsWholeBuffersAndKeepsTheTail) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_write_stream<tcp::socket&> bw(p.client, 16);
  const std::string data = pattern(100);
  EXPECT_EQ(ringport::write(bw, ringport::buffer(data)), 100u);
  EXPECT_EQ(read_exactly(p.server, 96), data.substr(0, 96));
  p.client.write_some(ringport::buffer("!", 1));
  EXPECT_EQ(read_exactly(p.server, 1), "!") << "the last 4 bytes are still buffered";
  EXPECT_EQ(bw.flush(), 4u);
  EXPECT_EQ(read_exactly(p.server, 4), data.substr(96));
}

TEST_P(BufferedStreamTcp, AsyncWriteAndFlushWithCallbacks) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_write_stream<tcp::socket&> bw(p.client, 16);
  const std::string data = pattern(40);
  result w;
  ringport::async_write(bw, ringport::buffer(data), recorder(w));
  ctx().run();
  EXPECT_EQ(w.calls, 1);
  EXPECT_FALSE(w.ec) << w.ec.message();
  EXPECT_EQ(w.n, 40u);
  EXPECT_EQ(read_exactly(p.server, 32), data.substr(0, 32));
  EXPECT_EQ(read_now(p.server), "");
  result f;
  bw.async_flush(recorder(f));
  EXPECT_EQ(f.calls, 0);
  ctx().restart();
  ctx().run();
  EXPECT_FALSE(f.ec) << f.ec.message();
  EXPECT_EQ(f.n, 8u);
  EXPECT_EQ(read_exactly(p.server, 8), data.substr(32));
}

// ---- buffered_read_stream ----

TEST_P(BufferedStreamTcp, ReadsServeHeldBytesWithoutASocketRead) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_read_stream<tcp::socket&> br(p.server, 64);
  EXPECT_EQ(br.in_avail(), 0u);
  ringport::write(p.client, ringport::buffer(std::string_view("hello world")));
  fill_to(br, 11);
  ringport::write(p.client, ringport::buffer(std::string_view("MORE")));
  ASSERT_TRUE(wait_available(p.server, 4));
  // A socket read that finds nothing would fail now instead of waiting.
  br.lowest_layer().non_blocking(true);

  char b[64];
  EXPECT_EQ(br.peek(ringport::buffer(b, 5)), 5u);
  EXPECT_EQ(std::string(b, 5), "hello");
  EXPECT_EQ(br.in_avail(), 11u);
  EXPECT_EQ(br.read_some(ringport::buffer(b, 5)), 5u);
  EXPECT_EQ(std::string(b, 5), "hello");
  error_code ec;
  EXPECT_EQ(br.in_avail(ec), 6u);
  EXPECT_EQ(br.read_some(ringport::buffer(b)), 6u) << "only the held bytes";
  EXPECT_EQ(std::string(b, 6), " world");
  EXPECT_EQ(p.server.available(), 4u) << "the socket was not read";
  EXPECT_EQ(br.in_avail(), 0u);
  EXPECT_EQ(br.read_some(ringport::buffer(b)), 4u);
  EXPECT_EQ(std::string(b, 4), "MORE");
}

TEST_P(BufferedStreamTcp, AsyncFillAndReadSomeWithCallbacks) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_read_stream<tcp::socket&> br(p.server, 8);
  result f;
  br.async_fill(recorder(f));
  ctx().poll();
  EXPECT_EQ(f.calls, 0) << "nothing to read yet";
  ringport::write(p.client, ringport::buffer(std::string_view("0123456789")));
  ctx().run();
  EXPECT_EQ(f.calls, 1);
  EXPECT_FALSE(f.ec) << f.ec.message();
  EXPECT_GE(f.n, 1u);
  EXPECT_LE(f.n, 8u) << "a fill never reads past the buffer";
  EXPECT_EQ(br.in_avail(), f.n);
  ASSERT_TRUE(wait_available(p.server, 10 - f.n));

  char b[3];
  result r;
  br.async_read_some(ringport::buffer(b), recorder(r));
  EXPECT_EQ(r.calls, 0) << "never inside the initiating call";
  ctx().restart();
  ctx().run();
  EXPECT_EQ(r.calls, 1);
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(r.n, f.n < 3 ? f.n : 3);
  EXPECT_EQ(std::string(b, r.n), std::string("012").substr(0, r.n));
  EXPECT_EQ(p.server.available(), 10 - f.n) << "held bytes came without a socket read";
}

TEST_P(BufferedStreamTcp, UseFutureWorksOnEveryOperation) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_stream<tcp::socket&> bs(p.server, 32, 32);
  std::future<std::size_t> w =
      bs.async_write_some(ringport::buffer("reply", 5), ringport::use_future);
  ctx().run();
  EXPECT_EQ(w.get(), 5u);
  EXPECT_EQ(read_now(p.client), "");
  std::future<std::size_t> fl = bs.async_flush(ringport::use_future);
  ctx().restart();
  ctx().run();
  EXPECT_EQ(fl.get(), 5u);
  EXPECT_EQ(read_exactly(p.client, 5), "reply");

  ringport::write(p.client, ringport::buffer(std::string_view("abc")));
  std::future<std::size_t> f = bs.async_fill(ringport::use_future);
  ctx().restart();
  ctx().run();
  const std::size_t filled = f.get();
  EXPECT_GE(filled, 1u);
  char b[8];
  std::future<std::size_t> r = bs.async_read_some(ringport::buffer(b), ringport::use_future);
  ctx().restart();
  ctx().run();
  EXPECT_EQ(r.get(), filled);
  EXPECT_EQ(std::string(b, filled), std::string("abc").substr(0, filled));

  p.client.shutdown(tcp::socket::shutdown_send);
  for (int i = 0; i < 10; ++i) {  // the rest of "abc", if any, then eof
    std::future<std::size_t> e = bs.async_read_some(ringport::buffer(b), ringport::use_future);
    ctx().restart();
    ctx().run();
    try {
      e.get();
    } catch (const std::system_error& ex) {
      EXPECT_EQ(ex.code(), ringport::error::eof);
      return;
    }
  }
  ADD_FAILURE() << "eof never came";
}

TEST_P(BufferedStreamTcp, UseAwaitableInACoroutine) {
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string_view("request\ntrailing")));
  p.client.shutdown(tcp::socket::shutdown_send);
  ringport::buffered_stream<tcp::socket&> bs(p.server);
  std::string line;
  std::size_t held_after_reply = 99, flushed = 0;
  error_code end;
  bool done = false;
  ringport::co_spawn(
      ctx(),
      [&]() -> ringport::awaitable<void> {
        using ringport::use_awaitable;
        const std::size_t n = co_await ringport::async_read_until(
            bs, ringport::dynamic_buffer(line), '\n', use_awaitable);
        line.resize(n);
        const std::string reply = "got " + line;
        co_await ringport::async_write(bs, ringport::buffer(reply), use_awaitable);
        held_after_reply = p.client.available();
        flushed = co_await bs.async_flush(use_awaitable);
        char b[64];
        try {
          for (int i = 0; i < 10; ++i)
            co_await bs.async_read_some(ringport::buffer(b), use_awaitable);
        } catch (const std::system_error& e) {
          end = e.code();
        }
        done = true;
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().run();
  EXPECT_TRUE(done);
  EXPECT_EQ(line, "request\n");
  EXPECT_EQ(held_after_reply, 0u);
  EXPECT_EQ(flushed, 12u);
  EXPECT_EQ(read_exactly(p.client, 12), "got request\n");
  EXPECT_EQ(end, ringport::error::eof);
}

TEST_P(BufferedStreamTcp, ReadUntilOverABufferedReadStream) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_read_stream<tcp::socket&> br(p.server, 4);
  ringport::write(p.client, ringport::buffer(std::string_view("line one\nline two\nthree\n")));
  std::string data;
  const std::size_t n = ringport::read_until(br, ringport::dynamic_buffer(data), '\n');
  EXPECT_EQ(data.substr(0, n), "line one\n");
  ringport::dynamic_buffer(data).consume(n);
  result r;
  ringport::async_read_until(br, ringport::dynamic_buffer(data), '\n', recorder(r));
  ctx().run();
  EXPECT_FALSE(r.ec) << r.ec.message();
  EXPECT_EQ(data.substr(0, r.n), "line two\n");
  ringport::dynamic_buffer(data).consume(r.n);
  EXPECT_EQ(ringport::read_until(br, ringport::dynamic_buffer(data), std::string_view("\n")), 6u);
  EXPECT_EQ(data, "three\n");
}

TEST_P(BufferedStreamTcp, EofReachesEveryReadForm) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_read_stream<tcp::socket&> br(p.server, 16);
  ringport::write(p.client, ringport::buffer(std::string_view("abc")));
  p.client.shutdown(tcp::socket::shutdown_send);
  std::string got;
  char b[16];
  error_code ec;
  for (int i = 0; i < 10 && !ec; ++i) {
    const std::size_t n = br.read_some(ringport::buffer(b), ec);
    got.append(b, n);
  }
  EXPECT_EQ(got, "abc");
  EXPECT_EQ(ec, ringport::error::eof);
  EXPECT_EQ(br.in_avail(), 0u);
  EXPECT_EQ(br.peek(ringport::buffer(b), ec), 0u);
  EXPECT_EQ(ec, ringport::error::eof);
  EXPECT_EQ(br.fill(ec), 0u);
  EXPECT_EQ(ec, ringport::error::eof);
  try {
    br.read_some(ringport::buffer(b));
    ADD_FAILURE() << "read_some at eof must throw";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), ringport::error::eof);
  }
  result r, f;
  br.async_read_some(ringport::buffer(b), recorder(r));
  ctx().run();
  br.async_fill(recorder(f));
  ctx().restart();
  ctx().run();
  EXPECT_EQ(r.ec, ringport::error::eof);
  EXPECT_EQ(r.n, 0u);
  EXPECT_EQ(f.ec, ringport::error::eof);
  EXPECT_EQ(f.n, 0u);
}

// ---- buffered_stream ----

TEST_P(BufferedStreamTcp, BufferedStreamBuffersBothDirections) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_stream<tcp::socket&> bs(p.server, 16, 8);
  EXPECT_EQ(&bs.next_layer(), &p.server);
  EXPECT_EQ(bs.write_some(ringport::buffer("0123456789", 10)), 8u) << "the write buffer holds 8";
  bs.next_layer().write_some(ringport::buffer("#", 1));
  EXPECT_EQ(read_exactly(p.client, 1), "#");
  EXPECT_EQ(bs.flush(), 8u);
  EXPECT_EQ(read_exactly(p.client, 8), "01234567");

  ringport::write(p.client, ringport::buffer(std::string_view("ping")));
  fill_to(bs, 4);
  // A socket read now would fail with would_block: the reads below must not make one.
  bs.lowest_layer().non_blocking(true);
  char b[8];
  EXPECT_EQ(bs.peek(ringport::buffer(b, 2)), 2u);
  EXPECT_EQ(bs.read_some(ringport::buffer(b)), 4u);
  EXPECT_EQ(std::string(b, 4), "ping");
  EXPECT_EQ(bs.in_avail(), 0u);
}

// ---- The socket underneath ----

TEST_P(BufferedStreamTcp, LowestLayerIsTheSocket) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_read_stream<tcp::socket&> br(p.server);
  EXPECT_EQ(&br.lowest_layer(), &p.server);
  br.lowest_layer().set_option(tcp::no_delay(true));
  tcp::no_delay opt;
  p.server.get_option(opt);
  EXPECT_TRUE(opt.value());
  br.lowest_layer().set_option(tcp::no_delay(false));
  p.server.get_option(opt);
  EXPECT_FALSE(opt.value());
  EXPECT_TRUE(br.get_executor() == p.server.get_executor());
  const auto& const_br = br;
  EXPECT_EQ(&const_br.lowest_layer(), &p.server);
}

TEST_P(BufferedStreamTcp, OwnedSocketBuiltFromTheContextOrMovedIn) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_stream<tcp::socket> owned(ctx());
  owned.lowest_layer().connect(p.acceptor.local_endpoint());
  tcp::socket peer(ctx());
  p.acceptor.accept(peer);
  owned.lowest_layer().set_option(tcp::no_delay(true));
  tcp::no_delay opt;
  owned.next_layer().get_option(opt);
  EXPECT_TRUE(opt.value());
  ringport::write(owned, ringport::buffer(std::string_view("owned")));
  EXPECT_EQ(read_now(peer), "");
  owned.flush();
  EXPECT_EQ(read_exactly(peer, 5), "owned");
  owned.close();
  EXPECT_FALSE(owned.lowest_layer().is_open());

  ringport::buffered_read_stream<tcp::socket> moved(std::move(p.server), 32);
  EXPECT_FALSE(p.server.is_open());
  ringport::write(p.client, ringport::buffer(std::string_view("moved")));
  char b[8];
  std::string got;
  for (int i = 0; i < 10 && got.size() < 5; ++i)
    got.append(b, moved.read_some(ringport::buffer(b)));
  EXPECT_EQ(got, "moved");
  error_code ec;
  moved.close(ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_FALSE(moved.lowest_layer().is_open());
}

TEST_P(BufferedStreamTcp, CancellationReachesThePendingFill) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_read_stream<tcp::socket&> br(p.server, 16);
  for (auto type : {ringport::cancellation_type::terminal, ringport::cancellation_type::total}) {
    ringport::cancellation_signal signal;
    result r;
    br.async_fill(ringport::bind_cancellation_slot(signal.slot(), recorder(r)));
    ctx().restart();
    ctx().poll();
    ASSERT_EQ(r.calls, 0);
    signal.emit(type);
    run_until_called(ctx(), r);
    ASSERT_EQ(r.calls, 1) << "the cancellation did not reach the socket read";
    EXPECT_EQ(r.ec, ringport::error::operation_aborted);
    EXPECT_EQ(r.n, 0u);
    EXPECT_EQ(br.in_avail(), 0u);
  }
  // The buffer is intact: the next fill works.
  ringport::write(p.client, ringport::buffer(std::string_view("after")));
  fill_to(br, 5);
}

TEST_P(BufferedStreamTcp, CloseAbortsThePendingRead) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_read_stream<tcp::socket&> br(p.server, 16);
  char b[4];
  result r;
  br.async_read_some(ringport::buffer(b), recorder(r));
  ctx().poll();
  ASSERT_EQ(r.calls, 0);
  br.close();
  ctx().run();
  EXPECT_EQ(r.calls, 1);
  EXPECT_EQ(r.ec, ringport::error::operation_aborted);
  EXPECT_EQ(r.n, 0u);
}

TEST_P(BufferedStreamTcp, SocketOperationsUseTheHandlersAllocator) {
  ringport::test::tcp_pair p(ctx());
  ringport::buffered_stream<tcp::socket&> bs(p.server, 16, 4);
  ringport::test::allocation_counts fill_counts, flush_counts;
  result f, fl;
  ringport::write(p.client, ringport::buffer(std::string_view("data")));
  bs.async_fill(
      ringport::bind_allocator(ringport::test::counting_allocator<void>(fill_counts), recorder(f)));
  ASSERT_EQ(bs.write_some(ringport::buffer("wxyz", 4)), 4u);
  bs.async_flush(ringport::bind_allocator(ringport::test::counting_allocator<void>(flush_counts),
                                          recorder(fl)));
  ctx().run();
  EXPECT_FALSE(f.ec) << f.ec.message();
  EXPECT_FALSE(fl.ec) << fl.ec.message();
  EXPECT_EQ(fl.n, 4u);
  EXPECT_GE(fill_counts.allocations, 1);
  EXPECT_EQ(fill_counts.allocations, fill_counts.deallocations);
  EXPECT_GE(flush_counts.allocations, 1);
  EXPECT_EQ(flush_counts.allocations, flush_counts.deallocations);
  EXPECT_EQ(read_exactly(p.client, 4), "wxyz");
}

RINGPORT_INSTANTIATE_BACKENDS(BufferedStreamTcp);

}  // namespace buffered_stream_tcp_test
