// experimental::make_parallel_group over real loopback sockets and timers: the handler gets
// the completion order and every member's results; once the condition is met the other
// members are cancelled through their own slots (a cancelled read reports
// operation_aborted) and the group completes when all have finished; the group's own slot
// cancels every member; the ranged form; co_await of a group (use_awaitable, deferred);
// members and handlers bound to executors; a context destroyed with a group pending.

#include "backend_test.hpp"
#include "counting_allocator.hpp"
#include "tcp_pair.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/deferred.hpp"
#include "ringport/error.hpp"
#include "ringport/experimental/parallel_group.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/strand.hpp"
#include "ringport/use_awaitable.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace parallel_group_sockets_test {

using ParallelGroupSockets = ringport::test::backend_test;
using ringport::awaitable;
using ringport::deferred;
using ringport::error_code;
using ringport::experimental::make_parallel_group;
using ringport::experimental::wait_for_all;
using ringport::experimental::wait_for_one;
using ringport::experimental::wait_for_one_error;
using ringport::experimental::wait_for_one_success;
using ringport::ip::tcp;
using namespace std::chrono_literals;

using order2 = std::array<std::size_t, 2>;
using order3 = std::array<std::size_t, 3>;

bool aborted(const error_code& ec) {
  return ec == ringport::error::operation_aborted;
}

TEST_P(ParallelGroupSockets, TimerWinsAndTheReadIsAborted) {
  ringport::test::tcp_pair p(ctx());
  ringport::steady_timer t(ctx(), 1ms);
  char buf[16];
  int calls = 0;
  order2 order{};
  error_code read_ec, timer_ec = make_error_code(std::errc::io_error);
  std::size_t n = 99;
  make_parallel_group(p.server.async_read_some(ringport::buffer(buf), deferred),
                      t.async_wait(deferred))
      .async_wait(wait_for_one(), [&](order2 o, error_code ec1, std::size_t n1, error_code ec2) {
        ++calls;
        order = o;
        read_ec = ec1;
        n = n1;
        timer_ec = ec2;
      });
  ctx().run_for(10s);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(order, (order2{1, 0}));
  EXPECT_FALSE(timer_ec) << timer_ec.message();
  EXPECT_TRUE(aborted(read_ec)) << read_ec.message();
  EXPECT_EQ(n, 0u);
  // The socket is still usable.
  p.client.write_some(ringport::buffer("z", 1));
  char c = 0;
  EXPECT_EQ(p.server.read_some(ringport::buffer(&c, 1)), 1u);
  EXPECT_EQ(c, 'z');
}

TEST_P(ParallelGroupSockets, ReadWinsAndTheTimerIsAborted) {
  ringport::test::tcp_pair p(ctx());
  ringport::steady_timer t(ctx(), 1h);
  p.client.write_some(ringport::buffer("hello", 5));
  char buf[16];
  order2 order{};
  error_code read_ec, timer_ec;
  std::size_t n = 0;
  make_parallel_group(p.server.async_read_some(ringport::buffer(buf), deferred),
                      t.async_wait(deferred))
      .async_wait(wait_for_one(), [&](order2 o, error_code ec1, std::size_t n1, error_code ec2) {
        order = o;
        read_ec = ec1;
        n = n1;
        timer_ec = ec2;
      });
  ctx().run_for(10s);
  EXPECT_EQ(order, (order2{0, 1}));
  EXPECT_FALSE(read_ec) << read_ec.message();
  EXPECT_EQ(n, 5u);
  EXPECT_EQ(std::string(buf, n), "hello");
  EXPECT_TRUE(aborted(timer_ec)) << timer_ec.message();
}

TEST_P(ParallelGroupSockets, WaitForAllOverTwoReads) {
  ringport::test::tcp_pair a(ctx()), b(ctx());
  a.client.write_some(ringport::buffer("abc", 3));
  b.client.write_some(ringport::buffer("defg", 4));
  char buf_a[16], buf_b[16];
  int calls = 0;
  order2 order{};
  error_code ec_a = make_error_code(std::errc::io_error), ec_b = ec_a;
  std::size_t n_a = 0, n_b = 0;
  make_parallel_group(a.server.async_read_some(ringport::buffer(buf_a), deferred),
                      b.server.async_read_some(ringport::buffer(buf_b), deferred))
      .async_wait(wait_for_all(),
                  [&](order2 o, error_code e1, std::size_t n1, error_code e2, std::size_t n2) {
                    ++calls;
                    order = o;
                    ec_a = e1;
                    n_a = n1;
                    ec_b = e2;
                    n_b = n2;
                  });
  ctx().run_for(10s);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(order == (order2{0, 1}) || order == (order2{1, 0}));
  EXPECT_FALSE(ec_a) << ec_a.message();
  EXPECT_FALSE(ec_b) << ec_b.message();
  EXPECT_EQ(std::string(buf_a, n_a), "abc");
  EXPECT_EQ(std::string(buf_b, n_b), "defg");
}

TEST_P(ParallelGroupSockets, WaitForOneErrorCancelsOnTheFirstFailure) {
  ringport::test::tcp_pair closed(ctx()), idle(ctx());
  closed.client.shutdown(tcp::socket::shutdown_send);
  char buf1[8], buf2[8];
  order2 order{};
  error_code e1, e2;
  make_parallel_group(closed.server.async_read_some(ringport::buffer(buf1), deferred),
                      idle.server.async_read_some(ringport::buffer(buf2), deferred))
      .async_wait(wait_for_one_error(),
                  [&](order2 o, error_code ec1, std::size_t, error_code ec2, std::size_t) {
                    order = o;
                    e1 = ec1;
                    e2 = ec2;
                  });
  ctx().run_for(10s);
  EXPECT_EQ(order, (order2{0, 1}));
  EXPECT_TRUE(e1 == ringport::error::eof) << e1.message();
  EXPECT_TRUE(aborted(e2)) << e2.message();
}

TEST_P(ParallelGroupSockets, WaitForOneErrorLetsSuccessesRun) {
  ringport::test::tcp_pair p(ctx());
  p.client.write_some(ringport::buffer("x", 1));
  ringport::steady_timer t(ctx(), 1ms);
  char buf[8];
  int calls = 0;
  error_code e1 = make_error_code(std::errc::io_error), e2 = e1;
  make_parallel_group(p.server.async_read_some(ringport::buffer(buf), deferred),
                      t.async_wait(deferred))
      .async_wait(wait_for_one_error(), [&](order2, error_code ec1, std::size_t, error_code ec2) {
        ++calls;
        e1 = ec1;
        e2 = ec2;
      });
  ctx().run_for(10s);
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(e1) << e1.message();
  EXPECT_FALSE(e2) << "a success cancelled the timer: " << e2.message();
}

TEST_P(ParallelGroupSockets, AFailureWhileStartingCancelsTheOthersOnceStarted) {
  // deferred values complete inside their initiation, before the read has started; the
  // read is cancelled once every member has been started.
  ringport::test::tcp_pair idle(ctx());
  char buf[8];
  order2 order{};
  error_code e1, e2;
  make_parallel_group(deferred.values(error_code(ringport::error::eof), std::size_t(0)),
                      idle.server.async_read_some(ringport::buffer(buf), deferred))
      .async_wait(wait_for_one_error(),
                  [&](order2 o, error_code ec1, std::size_t, error_code ec2, std::size_t) {
                    order = o;
                    e1 = ec1;
                    e2 = ec2;
                  });
  ctx().run_for(10s);
  EXPECT_EQ(order, (order2{0, 1}));
  EXPECT_TRUE(e1 == ringport::error::eof) << e1.message();
  EXPECT_TRUE(aborted(e2)) << e2.message();
}

TEST_P(ParallelGroupSockets, WaitForOneSuccessIgnoresFailuresAndCancelsOnSuccess) {
  ringport::test::tcp_pair ready(ctx()), idle(ctx());
  ready.client.write_some(ringport::buffer("ok", 2));
  char buf1[8], buf2[8];
  order3 order{};
  error_code e0, e1, e2;
  std::size_t n1 = 0;
  make_parallel_group(deferred.values(error_code(ringport::error::eof), std::size_t(0)),
                      ready.server.async_read_some(ringport::buffer(buf1), deferred),
                      idle.server.async_read_some(ringport::buffer(buf2), deferred))
      .async_wait(wait_for_one_success(), [&](order3 o, error_code ec0, std::size_t, error_code ec1,
                                              std::size_t m1, error_code ec2, std::size_t) {
        order = o;
        e0 = ec0;
        e1 = ec1;
        n1 = m1;
        e2 = ec2;
      });
  ctx().run_for(10s);
  EXPECT_EQ(order, (order3{0, 1, 2}));
  EXPECT_TRUE(e0 == ringport::error::eof) << e0.message();
  EXPECT_FALSE(e1) << e1.message();
  EXPECT_EQ(n1, 2u);
  EXPECT_TRUE(aborted(e2)) << e2.message();
}

TEST_P(ParallelGroupSockets, WaitForOneSuccessWaitsForAllWhenEveryMemberFails) {
  ringport::test::tcp_pair closed(ctx());
  closed.client.shutdown(tcp::socket::shutdown_send);
  char buf[8];
  int calls = 0;
  error_code e0, e1;
  make_parallel_group(deferred.values(error_code(ringport::error::eof), std::size_t(0)),
                      closed.server.async_read_some(ringport::buffer(buf), deferred))
      .async_wait(wait_for_one_success(),
                  [&](order2, error_code ec0, std::size_t, error_code ec1, std::size_t) {
                    ++calls;
                    e0 = ec0;
                    e1 = ec1;
                  });
  ctx().run_for(10s);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(e0 == ringport::error::eof) << e0.message();
  EXPECT_TRUE(e1 == ringport::error::eof) << e1.message();
}

TEST_P(ParallelGroupSockets, RangedWaitForOne) {
  std::vector<std::unique_ptr<ringport::test::tcp_pair>> pairs;
  for (int i = 0; i < 3; ++i)
    pairs.push_back(std::make_unique<ringport::test::tcp_pair>(ctx()));
  pairs[1]->client.write_some(ringport::buffer("mid", 3));
  char bufs[3][8];
  using op_type = decltype(pairs[0]->server.async_read_some(ringport::buffer(bufs[0]), deferred));
  std::vector<op_type> ops;
  for (int i = 0; i < 3; ++i)
    ops.push_back(pairs[i]->server.async_read_some(ringport::buffer(bufs[i]), deferred));
  int calls = 0;
  std::vector<std::size_t> order;
  std::vector<error_code> ecs;
  std::vector<std::size_t> ns;
  make_parallel_group(std::move(ops))
      .async_wait(wait_for_one(), [&](std::vector<std::size_t> o, std::vector<error_code> e,
                                      std::vector<std::size_t> n) {
        ++calls;
        order = std::move(o);
        ecs = std::move(e);
        ns = std::move(n);
      });
  ctx().run_for(10s);
  EXPECT_EQ(calls, 1);
  ASSERT_EQ(order.size(), 3u);
  ASSERT_EQ(ecs.size(), 3u);
  ASSERT_EQ(ns.size(), 3u);
  EXPECT_EQ(order[0], 1u);
  EXPECT_TRUE((order[1] == 0 && order[2] == 2) || (order[1] == 2 && order[2] == 0));
  EXPECT_FALSE(ecs[1]) << ecs[1].message();
  EXPECT_EQ(std::string(bufs[1], ns[1]), "mid");
  EXPECT_TRUE(aborted(ecs[0])) << ecs[0].message();
  EXPECT_TRUE(aborted(ecs[2])) << ecs[2].message();
}

TEST_P(ParallelGroupSockets, RangedWaitForAllWithAnAllocator) {
  std::vector<std::unique_ptr<ringport::test::tcp_pair>> pairs;
  for (int i = 0; i < 3; ++i) {
    pairs.push_back(std::make_unique<ringport::test::tcp_pair>(ctx()));
    pairs.back()->client.write_some(ringport::buffer("abcd", 1 + i));
  }
  char bufs[3][8];
  using op_type = decltype(pairs[0]->server.async_read_some(ringport::buffer(bufs[0]), deferred));
  std::vector<op_type> ops;
  for (int i = 0; i < 3; ++i)
    ops.push_back(pairs[i]->server.async_read_some(ringport::buffer(bufs[i]), deferred));
  ringport::test::allocation_counts counts;
  std::vector<std::size_t> sorted;
  std::vector<std::size_t> ns;
  bool all_ok = false;
  make_parallel_group(std::allocator_arg, ringport::test::counting_allocator<void>(counts), ops)
      .async_wait(wait_for_all(), [&](auto o, auto e, auto n) {
        static_assert(std::is_same_v<
                      decltype(o),
                      std::vector<std::size_t, ringport::test::counting_allocator<std::size_t>>>);
        sorted.assign(o.begin(), o.end());
        std::sort(sorted.begin(), sorted.end());
        all_ok = !e[0] && !e[1] && !e[2];
        ns.assign(n.begin(), n.end());
      });
  ctx().run_for(10s);
  EXPECT_EQ(sorted, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_TRUE(all_ok);
  EXPECT_EQ(ns, (std::vector<std::size_t>{1, 2, 3}));
  EXPECT_GT(counts.allocations, 0);
  EXPECT_EQ(counts.allocations, counts.deallocations);
}

TEST_P(ParallelGroupSockets, RangedGroupOfNoOperationsIsRefused) {
  ringport::test::tcp_pair p(ctx());
  char buf[8];
  using op_type = decltype(p.server.async_read_some(ringport::buffer(buf), deferred));
  std::vector<op_type> none;
  EXPECT_THROW(static_cast<void>(make_parallel_group(none)), std::logic_error);
}

TEST_P(ParallelGroupSockets, TheGroupsOwnSlotCancelsEveryMember) {
  ringport::test::tcp_pair p(ctx());
  ringport::steady_timer t(ctx(), 1h);
  char buf[8];
  ringport::cancellation_signal sig;
  int calls = 0;
  error_code e1, e2;
  order2 order{};
  make_parallel_group(p.server.async_read_some(ringport::buffer(buf), deferred),
                      t.async_wait(deferred))
      .async_wait(wait_for_all(),
                  ringport::bind_cancellation_slot(
                      sig.slot(), [&](order2 o, error_code ec1, std::size_t, error_code ec2) {
                        ++calls;
                        order = o;
                        e1 = ec1;
                        e2 = ec2;
                      }));
  ctx().poll();
  EXPECT_EQ(calls, 0);
  sig.emit(ringport::cancellation_type::terminal);
  ctx().run_for(10s);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(order == (order2{0, 1}) || order == (order2{1, 0}));
  EXPECT_TRUE(aborted(e1)) << e1.message();
  EXPECT_TRUE(aborted(e2)) << e2.message();
  // Emitting after the group has completed reaches nothing.
  sig.emit(ringport::cancellation_type::terminal);
  EXPECT_EQ(calls, 1);
}

TEST_P(ParallelGroupSockets, CoAwaitAGroupAndCancelIt) {
  ringport::test::tcp_pair p(ctx());
  p.client.write_some(ringport::buffer("data", 4));
  ringport::steady_timer t(ctx(), 1h);
  ringport::steady_timer t2(ctx(), 1h);
  char buf[8], buf2[8];
  std::size_t first = 99, bytes = 0;
  error_code lost, read_ec, timer_ec;
  ringport::cancellation_signal sig;
  bool done = false;
  ringport::co_spawn(
      ctx(),
      [&]() -> awaitable<void> {
        auto [o, ec1, n1, ec2] =
            co_await make_parallel_group(p.server.async_read_some(ringport::buffer(buf), deferred),
                                         t.async_wait(deferred))
                .async_wait(wait_for_one(), ringport::use_awaitable);
        first = o[0];
        bytes = n1;
        lost = ec2;
        // The coroutine's cancellation reaches the members through the group's slot; this
        // time the group's own wait is deferred and co_awaited.
        auto wait = make_parallel_group(p.server.async_read_some(ringport::buffer(buf2), deferred),
                                        t2.async_wait(deferred))
                        .async_wait(wait_for_all(), deferred);
        auto [o2, e_read, n2, e_timer] = co_await std::move(wait);
        static_cast<void>(o2);
        static_cast<void>(n2);
        read_ec = e_read;
        timer_ec = e_timer;
        done = true;
      },
      ringport::bind_cancellation_slot(sig.slot(), [](std::exception_ptr e) { EXPECT_FALSE(e); }));
  for (int i = 0; i < 1000 && first == 99; ++i)
    ctx().run_one_for(10s);
  EXPECT_EQ(first, 0u);
  EXPECT_EQ(bytes, 4u);
  EXPECT_TRUE(aborted(lost)) << lost.message();
  ctx().poll();
  EXPECT_FALSE(done);
  sig.emit(ringport::cancellation_type::terminal);
  ctx().run_for(10s);
  EXPECT_TRUE(done);
  EXPECT_TRUE(aborted(read_ec)) << read_ec.message();
  EXPECT_TRUE(aborted(timer_ec)) << timer_ec.message();
}

TEST_P(ParallelGroupSockets, FunctionObjectMembers) {
  ringport::test::tcp_pair p(ctx());
  ringport::steady_timer t(ctx(), 1ms);
  char buf[8];
  order2 order{};
  error_code read_ec;
  make_parallel_group(
      [&](auto token) { return p.server.async_read_some(ringport::buffer(buf), token); },
      [&](auto token) { return t.async_wait(token); })
      .async_wait(wait_for_one(), [&](order2 o, error_code ec1, std::size_t, error_code) {
        order = o;
        read_ec = ec1;
      });
  ctx().run_for(10s);
  EXPECT_EQ(order, (order2{1, 0}));
  EXPECT_TRUE(aborted(read_ec)) << read_ec.message();
}

TEST_P(ParallelGroupSockets, MembersAndHandlerRunOnTheirExecutors) {
  ringport::test::tcp_pair p(ctx());
  ringport::steady_timer t(ctx(), 1h);
  auto member_strand = ringport::make_strand(ctx());
  auto handler_strand = ringport::make_strand(ctx());
  char buf[8];
  bool step_in_strand = false, handler_in_strand = false;
  error_code timer_ec, read_ec;
  ringport::cancellation_signal sig;
  // The member bound to a strand completes there (its continuation runs in it), and the
  // group's cancellation reaches it there.
  auto timer_member =
      ringport::bind_executor(member_strand, t.async_wait(deferred([&](error_code ec) {
        step_in_strand = member_strand.running_in_this_thread();
        return deferred.values(ec);
      })));
  make_parallel_group(std::move(timer_member),
                      p.server.async_read_some(ringport::buffer(buf), deferred))
      .async_wait(
          wait_for_all(),
          ringport::bind_cancellation_slot(
              sig.slot(), ringport::bind_executor(handler_strand, [&](order2, error_code e1,
                                                                      error_code e2, std::size_t) {
                handler_in_strand = handler_strand.running_in_this_thread();
                timer_ec = e1;
                read_ec = e2;
              })));
  ctx().poll();
  sig.emit(ringport::cancellation_type::terminal);
  ctx().run_for(10s);
  EXPECT_TRUE(step_in_strand);
  EXPECT_TRUE(handler_in_strand);
  EXPECT_TRUE(aborted(timer_ec)) << timer_ec.message();
  EXPECT_TRUE(aborted(read_ec)) << read_ec.message();
}

TEST_P(ParallelGroupSockets, ContextDestroyedWithAGroupPending) {
  struct objects {
    explicit objects(ringport::io_context& ctx) : p(ctx), t(ctx, 1h) {}
    ringport::test::tcp_pair p;
    ringport::steady_timer t;
    char buf[8];
  };
  auto o = std::make_shared<objects>(ctx());
  std::weak_ptr<objects> watch = o;
  int calls = 0;
  make_parallel_group(o->p.server.async_read_some(ringport::buffer(o->buf), deferred),
                      o->t.async_wait(deferred))
      .async_wait(wait_for_one(),
                  [&calls, keep = o](order2, error_code, std::size_t, error_code) { ++calls; });
  o.reset();
  ctx().poll();
  EXPECT_FALSE(watch.expired());
  ctx_.reset();
  EXPECT_EQ(calls, 0);
  EXPECT_TRUE(watch.expired());
}

RINGPORT_INSTANTIATE_BACKENDS(ParallelGroupSockets);

}  // namespace parallel_group_sockets_test
