// The token matrix at run time: a socket read, a timer wait and a move-accept each
// complete with a move-only callback, with a user-defined token (its async_result's initiate
// result comes back from the initiating function), with use_future, with bind_allocator (the
// operation's memory goes through the bound allocator) and with bind_cancellation_slot (an
// emit cancels the pending operation). tests/compile/token_matrix_compiles.cpp instantiates
// every operation with every token.

#include "backend_test.hpp"
#include "counting_allocator.hpp"
#include "tcp_pair.hpp"

#include "ringport/async_result.hpp"
#include "ringport/bind_allocator.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/use_future.hpp"

#include <chrono>
#include <cstddef>
#include <future>
#include <memory>
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>

namespace token_matrix_runs_test {

using ringport::error_code;
using ringport::ip::tcp;
using namespace std::chrono_literals;

// What a handler saw.
struct outcome {
  int calls = 0;
  error_code ec;
  std::size_t bytes = 0;
  bool socket_open = false;
  tcp::endpoint peer;
};

// Records any of the three completion signatures used here into an outcome.
template <typename... Args>
void record(outcome& out, const error_code& ec, Args&... args) {
  ++out.calls;
  out.ec = ec;
  if constexpr (sizeof...(Args) == 1) {
    auto& value = (args, ...);
    if constexpr (std::is_same_v<std::decay_t<decltype(value)>, std::size_t>) {
      out.bytes = value;
    } else {
      out.socket_open = value.is_open();
      error_code ignored;
      if (out.socket_open) out.peer = value.remote_endpoint(ignored);
    }
  }
}

// A move-only callback, callable only as an rvalue.
class move_only_callback {
 public:
  explicit move_only_callback(outcome& out) : out_(std::make_unique<outcome*>(&out)) {}
  move_only_callback(move_only_callback&&) noexcept = default;
  move_only_callback(const move_only_callback&) = delete;

  template <typename... Args>
  void operator()(error_code ec, Args... args) && {
    record(**out_, ec, args...);
  }

 private:
  std::unique_ptr<outcome*> out_;
};

// A user-defined token; the initiating function returns a launch_receipt naming the
// completion signature and the outcome it will fill.
struct my_token {
  outcome* out;
};

template <typename Signature>
struct launch_receipt {
  using signature = Signature;
  outcome* out;
  int calls_at_launch;
};

}  // namespace token_matrix_runs_test

template <typename... Args>
class ringport::async_result<token_matrix_runs_test::my_token, void(Args...)> {
 public:
  using return_type = token_matrix_runs_test::launch_receipt<void(Args...)>;

  template <typename Initiation, typename RawToken, typename... InitArgs>
  static return_type initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    token_matrix_runs_test::outcome* out = token.out;
    std::forward<Initiation>(initiation)(token_matrix_runs_test::move_only_callback(*out),
                                         std::forward<InitArgs>(args)...);
    return return_type{out, out->calls};
  }
};

namespace token_matrix_runs_test {

using TokenMatrixRuns = ringport::test::backend_test;
using counts_type = ringport::test::allocation_counts;
using counting_alloc = ringport::test::counting_allocator<char>;

// A listening acceptor on loopback and a client connected to it, not yet accepted.
struct pending_connection {
  explicit pending_connection(ringport::io_context& ctx)
      : acceptor(ctx, tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0)), client(ctx) {
    client.connect(acceptor.local_endpoint());
  }
  tcp::acceptor acceptor;
  tcp::socket client;
};

TEST_P(TokenMatrixRuns, MoveOnlyCallback) {
  ringport::test::tcp_pair p(ctx());
  char buf[8];
  outcome read;
  p.server.async_read_some(ringport::buffer(buf), move_only_callback(read));
  p.client.write_some(ringport::buffer("abc", 3));

  ringport::steady_timer timer(ctx(), 1ms);
  outcome wait;
  timer.async_wait(move_only_callback(wait));

  pending_connection c(ctx());
  outcome accept;
  c.acceptor.async_accept(move_only_callback(accept));

  ctx().run();
  EXPECT_EQ(read.calls, 1);
  EXPECT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(read.bytes, 3u);
  EXPECT_EQ(std::string(buf, 3), "abc");
  EXPECT_EQ(wait.calls, 1);
  EXPECT_FALSE(wait.ec) << wait.ec.message();
  EXPECT_EQ(accept.calls, 1);
  EXPECT_FALSE(accept.ec) << accept.ec.message();
  EXPECT_TRUE(accept.socket_open);
  EXPECT_EQ(accept.peer, c.client.local_endpoint());
}

TEST_P(TokenMatrixRuns, UserDefinedToken) {
  ringport::test::tcp_pair p(ctx());
  char buf[8];
  outcome read;
  auto read_receipt = p.server.async_read_some(ringport::buffer(buf), my_token{&read});
  static_assert(
      std::is_same_v<decltype(read_receipt), launch_receipt<void(error_code, std::size_t)>>);
  p.client.write_some(ringport::buffer("xy", 2));

  ringport::steady_timer timer(ctx(), 1ms);
  outcome wait;
  auto wait_receipt = timer.async_wait(my_token{&wait});
  static_assert(std::is_same_v<decltype(wait_receipt), launch_receipt<void(error_code)>>);

  pending_connection c(ctx());
  outcome accept;
  auto accept_receipt = c.acceptor.async_accept(my_token{&accept});
  static_assert(
      std::is_same_v<decltype(accept_receipt), launch_receipt<void(error_code, tcp::socket)>>);

  // The receipts come from the token's async_result, and nothing completed inside the
  // initiating functions.
  EXPECT_EQ(read_receipt.out, &read);
  EXPECT_EQ(wait_receipt.out, &wait);
  EXPECT_EQ(accept_receipt.out, &accept);
  EXPECT_EQ(read_receipt.calls_at_launch, 0);
  EXPECT_EQ(wait_receipt.calls_at_launch, 0);
  EXPECT_EQ(accept_receipt.calls_at_launch, 0);

  ctx().run();
  EXPECT_EQ(read.calls, 1);
  EXPECT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(read.bytes, 2u);
  EXPECT_EQ(wait.calls, 1);
  EXPECT_FALSE(wait.ec) << wait.ec.message();
  EXPECT_EQ(accept.calls, 1);
  EXPECT_FALSE(accept.ec) << accept.ec.message();
  EXPECT_TRUE(accept.socket_open);
}

TEST_P(TokenMatrixRuns, UseFuture) {
  ringport::test::tcp_pair p(ctx());
  char buf[8];
  std::future<std::size_t> read =
      p.server.async_read_some(ringport::buffer(buf), ringport::use_future);
  p.client.write_some(ringport::buffer("hello", 5));

  ringport::steady_timer timer(ctx(), 1ms);
  std::future<void> wait = timer.async_wait(ringport::use_future);

  pending_connection c(ctx());
  std::future<tcp::socket> accept = c.acceptor.async_accept(ringport::use_future);

  ringport::steady_timer aborted(ctx(), 1h);
  std::future<void> aborted_wait = aborted.async_wait(ringport::use_future);
  aborted.cancel();

  ctx().run();
  ASSERT_EQ(read.wait_for(0s), std::future_status::ready);
  EXPECT_EQ(read.get(), 5u);
  EXPECT_EQ(std::string(buf, 5), "hello");
  ASSERT_EQ(wait.wait_for(0s), std::future_status::ready);
  EXPECT_NO_THROW(wait.get());
  ASSERT_EQ(accept.wait_for(0s), std::future_status::ready);
  tcp::socket peer = accept.get();
  ASSERT_TRUE(peer.is_open());
  EXPECT_EQ(peer.remote_endpoint(), c.client.local_endpoint());
  // An error_code that is set comes out of get() as system_error.
  ASSERT_EQ(aborted_wait.wait_for(0s), std::future_status::ready);
  try {
    aborted_wait.get();
    ADD_FAILURE() << "a cancelled wait's future must throw";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), ringport::error::operation_aborted);
  }
}

TEST_P(TokenMatrixRuns, BindAllocatorCarriesTheOperationMemory) {
  ringport::test::tcp_pair p(ctx());
  char buf[8];

  counts_type read_counts;
  outcome read;
  p.server.async_read_some(
      ringport::buffer(buf),
      ringport::bind_allocator(counting_alloc(read_counts), move_only_callback(read)));
  EXPECT_GE(read_counts.allocations, 1) << "the pending read's op comes from the allocator";
  p.client.write_some(ringport::buffer("q", 1));

  counts_type wait_counts;
  outcome wait;
  ringport::steady_timer timer(ctx(), 1ms);
  timer.async_wait(ringport::bind_allocator(counting_alloc(wait_counts), move_only_callback(wait)));
  EXPECT_GE(wait_counts.allocations, 1) << "the pending wait's op comes from the allocator";

  counts_type accept_counts;
  outcome accept;
  pending_connection c(ctx());
  c.acceptor.async_accept(
      ringport::bind_allocator(counting_alloc(accept_counts), move_only_callback(accept)));
  EXPECT_GE(accept_counts.allocations, 1) << "the pending accept's op comes from the allocator";

  ctx().run();
  EXPECT_EQ(read.calls, 1);
  EXPECT_FALSE(read.ec) << read.ec.message();
  EXPECT_EQ(read.bytes, 1u);
  EXPECT_EQ(wait.calls, 1);
  EXPECT_FALSE(wait.ec) << wait.ec.message();
  EXPECT_EQ(accept.calls, 1);
  EXPECT_TRUE(accept.socket_open);
  // Everything allocated through the allocator went back through it.
  for (const counts_type* counts : {&read_counts, &wait_counts, &accept_counts}) {
    EXPECT_GE(counts->allocations, 1);
    EXPECT_EQ(counts->allocations, counts->deallocations);
  }
}

TEST_P(TokenMatrixRuns, BindCancellationSlotEmitCancels) {
  ringport::test::tcp_pair p(ctx());
  char buf[8];
  ringport::cancellation_signal read_signal, wait_signal, accept_signal, future_signal;

  outcome read;
  p.server.async_read_some(
      ringport::buffer(buf),
      ringport::bind_cancellation_slot(read_signal.slot(), move_only_callback(read)));
  ringport::steady_timer timer(ctx(), 1h);
  outcome wait;
  timer.async_wait(ringport::bind_cancellation_slot(wait_signal.slot(), move_only_callback(wait)));
  // Nobody connects: the accept stays pending until cancelled.
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  outcome accept;
  acceptor.async_accept(
      ringport::bind_cancellation_slot(accept_signal.slot(), move_only_callback(accept)));
  // A binder around use_future: the future reports the cancellation.
  ringport::steady_timer timer2(ctx(), 1h);
  std::future<void> future_wait = timer2.async_wait(
      ringport::bind_cancellation_slot(future_signal.slot(), ringport::use_future));

  ctx().poll();
  EXPECT_EQ(read.calls + wait.calls + accept.calls, 0) << "nothing may complete on its own";
  EXPECT_TRUE(read_signal.slot().has_handler());
  EXPECT_TRUE(wait_signal.slot().has_handler());
  EXPECT_TRUE(accept_signal.slot().has_handler());
  EXPECT_TRUE(future_signal.slot().has_handler());

  for (auto* signal : {&read_signal, &wait_signal, &accept_signal, &future_signal})
    signal->emit(ringport::cancellation_type::terminal);
  ctx().run();  // returns: every pending operation has ended

  EXPECT_EQ(read.calls, 1);
  EXPECT_EQ(read.ec, ringport::error::operation_aborted) << read.ec.message();
  EXPECT_EQ(wait.calls, 1);
  EXPECT_EQ(wait.ec, ringport::error::operation_aborted) << wait.ec.message();
  EXPECT_EQ(accept.calls, 1);
  EXPECT_EQ(accept.ec, ringport::error::operation_aborted) << accept.ec.message();
  EXPECT_FALSE(accept.socket_open);
  ASSERT_EQ(future_wait.wait_for(0s), std::future_status::ready);
  try {
    future_wait.get();
    ADD_FAILURE() << "a cancelled wait's future must throw";
  } catch (const std::system_error& e) {
    EXPECT_EQ(e.code(), ringport::error::operation_aborted);
  }
  // The objects stay usable after per-operation cancellation.
  EXPECT_TRUE(p.server.is_open());
  EXPECT_TRUE(acceptor.is_open());
}

RINGPORT_INSTANTIATE_BACKENDS(TokenMatrixRuns);

}  // namespace token_matrix_runs_test
