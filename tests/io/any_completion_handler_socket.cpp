// A socket read started by a non-template function that takes an any_completion_handler,
// wrapped by a template initiating function through async_initiate: it completes with a
// callback, use_future, use_awaitable and as_tuple; the erased handler's cancellation slot
// aborts the pending read (for a callback and from inside a coroutine); the read runs on the
// handler's executor and allocates with its allocator; an erased accept handler pending when
// its context is destroyed is destroyed, uncalled, with all its memory given back.
#include "backend_test.hpp"
#include "counting_allocator.hpp"
#include "tcp_pair.hpp"

#include "ringport/any_completion_handler.hpp"
#include "ringport/as_tuple.hpp"
#include "ringport/async_result.hpp"
#include "ringport/bind_allocator.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/strand.hpp"
#include "ringport/use_awaitable.hpp"
#include "ringport/use_future.hpp"

#include <chrono>
#include <cstddef>
#include <exception>
#include <future>
#include <memory>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>

namespace any_completion_handler_socket_test {

using AnyCompletionHandlerSocket = ringport::test::backend_test;
using ringport::cancellation_type;
using ringport::error_code;
using ringport::ip::tcp;
using ringport::test::allocation_counts;
using ringport::test::counting_allocator;
using read_handler = ringport::any_completion_handler<void(error_code, std::size_t)>;
using accept_handler = ringport::any_completion_handler<void(error_code, tcp::socket)>;

// The non-template part: compiled once, whatever the caller's completion token.
void start_read(tcp::socket& socket, ringport::mutable_buffer buffer, read_handler handler) {
  socket.async_read_some(buffer, std::move(handler));
}

void start_accept(tcp::acceptor& acceptor, accept_handler handler) {
  acceptor.async_accept(std::move(handler));
}

template <typename Token>
decltype(auto) async_erased_read(tcp::socket& socket, ringport::mutable_buffer buffer,
                                 Token&& token) {
  return ringport::async_initiate<Token, void(error_code, std::size_t)>(
      [](auto&& handler, tcp::socket* s, ringport::mutable_buffer b) {
        start_read(*s, b, std::forward<decltype(handler)>(handler));
      },
      token, &socket, buffer);
}

struct outcome {
  int calls = 0;
  error_code ec;
  std::size_t bytes = 0;
};

// Runs until `done()`, bounded. A context that ran out of work earlier is restarted first.
template <typename Done>
void run_until(ringport::io_context& ctx, Done done) {
  ctx.restart();
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done() && std::chrono::steady_clock::now() < until)
    ctx.run_one_for(std::chrono::milliseconds(10));
}

TEST_P(AnyCompletionHandlerSocket, CallbackGetsTheData) {
  ringport::test::tcp_pair p(ctx());
  char buf[16];
  outcome o;
  async_erased_read(p.server, ringport::buffer(buf), [&](error_code ec, std::size_t n) {
    ++o.calls;
    o.ec = ec;
    o.bytes = n;
  });
  ctx().poll();
  EXPECT_EQ(o.calls, 0);
  p.client.write_some(ringport::buffer("hello", 5));
  run_until(ctx(), [&] { return o.calls != 0; });
  EXPECT_EQ(o.calls, 1);
  EXPECT_FALSE(o.ec) << o.ec.message();
  ASSERT_EQ(o.bytes, 5u);
  EXPECT_EQ(std::string(buf, 5), "hello");
}

TEST_P(AnyCompletionHandlerSocket, UseFutureGetsTheCount) {
  ringport::test::tcp_pair p(ctx());
  char buf[16];
  std::future<std::size_t> f =
      async_erased_read(p.server, ringport::buffer(buf), ringport::use_future);
  p.client.write_some(ringport::buffer("abc", 3));
  run_until(ctx(),
            [&] { return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready; });
  ASSERT_EQ(f.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  EXPECT_EQ(f.get(), 3u);
  EXPECT_EQ(std::string(buf, 3), "abc");

  // A failure reaches the future as an exception.
  std::future<std::size_t> eof =
      async_erased_read(p.server, ringport::buffer(buf), ringport::use_future);
  p.client.shutdown(tcp::socket::shutdown_send);
  run_until(ctx(),
            [&] { return eof.wait_for(std::chrono::seconds(0)) == std::future_status::ready; });
  ASSERT_EQ(eof.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  try {
    eof.get();
    ADD_FAILURE() << "expected eof";
  } catch (const std::system_error& e) {
    EXPECT_TRUE(e.code() == ringport::error::eof) << e.code().message();
  }
}

TEST_P(AnyCompletionHandlerSocket, UseAwaitableAndAsTuple) {
  ringport::test::tcp_pair p(ctx());
  std::string got;
  std::tuple<error_code, std::size_t> at_end;
  bool done = false;
  ringport::co_spawn(
      ctx(),
      [&]() -> ringport::awaitable<void> {
        char buf[16];
        std::size_t n =
            co_await async_erased_read(p.server, ringport::buffer(buf), ringport::use_awaitable);
        got.assign(buf, n);
        at_end = co_await async_erased_read(p.server, ringport::buffer(buf),
                                            ringport::as_tuple(ringport::use_awaitable));
        done = true;
      },
      [](std::exception_ptr e) { EXPECT_FALSE(e); });
  ctx().poll();
  p.client.write_some(ringport::buffer("coro", 4));
  run_until(ctx(), [&] { return !got.empty(); });
  EXPECT_EQ(got, "coro");
  p.client.close();
  run_until(ctx(), [&] { return done; });
  EXPECT_TRUE(done);
  EXPECT_TRUE(std::get<0>(at_end) == ringport::error::eof) << std::get<0>(at_end).message();
  EXPECT_EQ(std::get<1>(at_end), 0u);
}

TEST_P(AnyCompletionHandlerSocket, SlotCancellationAbortsTheRead) {
  ringport::test::tcp_pair p(ctx());
  char buf[16];
  ringport::cancellation_signal signal;
  outcome o;
  async_erased_read(
      p.server, ringport::buffer(buf),
      ringport::bind_cancellation_slot(signal.slot(), [&](error_code ec, std::size_t n) {
        ++o.calls;
        o.ec = ec;
        o.bytes = n;
      }));
  ctx().poll();
  ASSERT_EQ(o.calls, 0);
  EXPECT_TRUE(signal.slot().has_handler()) << "the read installed its handler through the wrapper";
  signal.emit(cancellation_type::terminal);
  run_until(ctx(), [&] { return o.calls != 0; });
  EXPECT_EQ(o.calls, 1);
  EXPECT_TRUE(o.ec == ringport::error::operation_aborted) << o.ec.message();
  EXPECT_EQ(o.bytes, 0u);

  // The socket is still usable afterwards.
  outcome again;
  async_erased_read(p.server, ringport::buffer(buf), [&](error_code ec, std::size_t n) {
    ++again.calls;
    again.ec = ec;
    again.bytes = n;
  });
  p.client.write_some(ringport::buffer("x", 1));
  run_until(ctx(), [&] { return again.calls != 0; });
  EXPECT_FALSE(again.ec) << again.ec.message();
  EXPECT_EQ(again.bytes, 1u);
}

TEST_P(AnyCompletionHandlerSocket, CoroutineCancellationReachesTheErasedRead) {
  ringport::test::tcp_pair p(ctx());
  ringport::cancellation_signal signal;
  std::error_code caught;
  int calls = 0;
  ringport::co_spawn(
      ctx(),
      [&]() -> ringport::awaitable<void> {
        char buf[16];
        try {
          co_await async_erased_read(p.server, ringport::buffer(buf), ringport::use_awaitable);
        } catch (const std::system_error& e) {
          caught = e.code();
        }
      },
      ringport::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr e) {
        ++calls;
        EXPECT_FALSE(e);
      }));
  ctx().poll();  // the coroutine waits in the read
  ASSERT_EQ(calls, 0);
  signal.emit(cancellation_type::terminal);
  run_until(ctx(), [&] { return calls != 0; });
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(caught == ringport::error::operation_aborted) << caught.message();
}

TEST_P(AnyCompletionHandlerSocket, RunsOnTheHandlersExecutorWithItsAllocator) {
  ringport::test::tcp_pair p(ctx());
  char buf[16];
  allocation_counts counts;
  auto strand = ringport::make_strand(ctx());
  bool in_strand = false;
  long outstanding_at_call = -1;
  async_erased_read(
      p.server, ringport::buffer(buf),
      ringport::bind_executor(
          strand,
          ringport::bind_allocator(counting_allocator<void>(counts), [&](error_code, std::size_t) {
            in_strand = strand.running_in_this_thread();
            outstanding_at_call = counts.allocations - counts.deallocations;
          })));
  // The wrapper's block and the read operation come from the handler's allocator.
  EXPECT_GE(counts.allocations, 2);
  p.client.write_some(ringport::buffer("s", 1));
  run_until(ctx(), [&] { return outstanding_at_call != -1; });
  EXPECT_TRUE(in_strand);
  EXPECT_EQ(outstanding_at_call, 0) << "all memory back before the handler runs";
  EXPECT_EQ(counts.allocations, counts.deallocations);
}

TEST_P(AnyCompletionHandlerSocket, PendingErasedAcceptDestroyedWithItsContext) {
  allocation_counts counts;
  int calls = 0;
  std::weak_ptr<tcp::acceptor> watch;
  {
    auto other = make_context();
    auto acceptor = std::make_shared<tcp::acceptor>(
        *other, tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
    watch = acceptor;
    start_accept(*acceptor, ringport::bind_allocator(
                                counting_allocator<void>(counts),
                                [&calls, a = acceptor](error_code, tcp::socket) { ++calls; }));
    acceptor.reset();  // now owned by the pending handler only
    other->poll();
    EXPECT_FALSE(watch.expired());
    EXPECT_GE(counts.allocations, 2);
  }
  EXPECT_EQ(calls, 0);
  EXPECT_TRUE(watch.expired());
  EXPECT_EQ(counts.allocations, counts.deallocations);
}

RINGPORT_INSTANTIATE_BACKENDS(AnyCompletionHandlerSocket);

}  // namespace any_completion_handler_socket_test
