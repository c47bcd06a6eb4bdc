// A pending async_resolve, queued or with its lookup running, completes exactly once with
// operation_aborted when its resolver's cancel() is called, when the resolver is destroyed,
// and when its handler's cancellation slot is emitted (terminal, partial or total); the
// lookup's late result is discarded and the resolver stays usable. The service's test hook
// parks the worker before the lookup so that the ops stay pending deterministically.

#include "backend_test.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/cancellation_signal.hpp"
#include "common/resolver_testing.hpp"
#include "ringport/detail/resolver_service.hpp"
#include "ringport/ip/tcp.hpp"

#include <chrono>
#include <memory>
#include <vector>

namespace resolver_cancel_test {

using ResolverCancelThreads = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::resolver_base;
using ringport::ip::tcp;
using namespace std::chrono_literals;
namespace resolver_testing = ringport::detail::resolver_testing;

// Holds the resolver workers while alive; releases them at scope end.
struct worker_hold {
  explicit worker_hold(ringport::io_context&) { resolver_testing::hold_workers(true); }
  ~worker_hold() { release(); }
  void release() { resolver_testing::hold_workers(false); }
  bool wait_held() { return resolver_testing::wait_until_held(10s); }
};

struct outcome {
  int calls = 0;
  error_code ec;
  std::size_t size = 99;
};

auto recorder(outcome& o) {
  return [&o](error_code ec, tcp::resolver::results_type r) {
    ++o.calls;
    o.ec = ec;
    o.size = r.size();
  };
}

constexpr auto numeric = resolver_base::numeric_host | resolver_base::numeric_service;

TEST_P(ResolverCancelThreads, CancelAbortsRunningAndQueued) {
  tcp::resolver resolver(ctx());
  worker_hold hold(ctx());
  outcome o[3];
  for (auto& each : o)
    resolver.async_resolve("127.0.0.1", "80", numeric, recorder(each));
  ASSERT_TRUE(hold.wait_held());  // the first is "in getaddrinfo", the others queued
  resolver.cancel();
  ctx().run();
  for (auto& each : o) {
    EXPECT_EQ(each.calls, 1);
    EXPECT_EQ(each.ec, ringport::error::operation_aborted) << each.ec.message();
    EXPECT_EQ(each.size, 0u);
  }

  // The running lookup returns later and is discarded; the resolver still works.
  hold.release();
  ctx().restart();
  outcome after;
  resolver.async_resolve("127.0.0.1", "80", numeric, recorder(after));
  ctx().run();
  EXPECT_EQ(after.calls, 1);
  EXPECT_FALSE(after.ec) << after.ec.message();
  EXPECT_EQ(after.size, 1u);
  for (auto& each : o)
    EXPECT_EQ(each.calls, 1);
}

TEST_P(ResolverCancelThreads, CancelLeavesOtherResolversAlone) {
  tcp::resolver a(ctx()), b(ctx());
  worker_hold hold(ctx());
  outcome oa, ob;
  b.async_resolve("127.0.0.1", "80", numeric, recorder(ob));
  a.async_resolve("127.0.0.1", "81", numeric, recorder(oa));
  ASSERT_TRUE(hold.wait_held());
  a.cancel();
  EXPECT_EQ(ctx().run_one(), 1u);
  EXPECT_EQ(oa.calls, 1);
  EXPECT_EQ(oa.ec, ringport::error::operation_aborted);
  EXPECT_EQ(ob.calls, 0);
  hold.release();
  ctx().run();
  EXPECT_EQ(ob.calls, 1);
  EXPECT_FALSE(ob.ec) << ob.ec.message();
  EXPECT_EQ(oa.calls, 1);
}

TEST_P(ResolverCancelThreads, DestroyingResolverAborts) {
  worker_hold hold(ctx());
  outcome o[2];
  {
    tcp::resolver resolver(ctx());
    for (auto& each : o)
      resolver.async_resolve("127.0.0.1", "80", numeric, recorder(each));
    ASSERT_TRUE(hold.wait_held());
  }
  ctx().run();
  for (auto& each : o) {
    EXPECT_EQ(each.calls, 1);
    EXPECT_EQ(each.ec, ringport::error::operation_aborted);
  }
}

TEST_P(ResolverCancelThreads, MovedResolverCancelsMovedOps) {
  worker_hold hold(ctx());
  tcp::resolver first(ctx());
  outcome o;
  first.async_resolve("127.0.0.1", "80", numeric, recorder(o));
  ASSERT_TRUE(hold.wait_held());
  tcp::resolver second(std::move(first));
  first.cancel();  // the op moved away with `second`
  EXPECT_EQ(ctx().poll(), 0u);
  EXPECT_EQ(o.calls, 0);
  second.cancel();
  ctx().run();
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.ec, ringport::error::operation_aborted);
}

TEST_P(ResolverCancelThreads, SlotEmitAbortsOnlyThatOp) {
  for (auto type : {ringport::cancellation_type::terminal, ringport::cancellation_type::partial,
                    ringport::cancellation_type::total}) {
    ctx().restart();
    tcp::resolver resolver(ctx());
    worker_hold hold(ctx());
    ringport::cancellation_signal running_signal, queued_signal;
    outcome running, queued, plain;
    resolver.async_resolve(
        "127.0.0.1", "80", numeric,
        ringport::bind_cancellation_slot(running_signal.slot(), recorder(running)));
    resolver.async_resolve(
        "127.0.0.1", "80", numeric,
        ringport::bind_cancellation_slot(queued_signal.slot(), recorder(queued)));
    resolver.async_resolve("127.0.0.1", "80", numeric, recorder(plain));
    ASSERT_TRUE(hold.wait_held());

    queued_signal.emit(type);
    EXPECT_EQ(ctx().run_one(), 1u);
    EXPECT_EQ(queued.calls, 1);
    EXPECT_EQ(queued.ec, ringport::error::operation_aborted);

    running_signal.emit(type);
    EXPECT_EQ(ctx().run_one(), 1u);
    EXPECT_EQ(running.calls, 1);
    EXPECT_EQ(running.ec, ringport::error::operation_aborted);
    EXPECT_EQ(plain.calls, 0);

    hold.release();
    ctx().run();
    EXPECT_EQ(plain.calls, 1);
    EXPECT_FALSE(plain.ec) << plain.ec.message();
    EXPECT_EQ(running.calls, 1);
    EXPECT_EQ(queued.calls, 1);

    // A late emit, after the op has ended, touches nothing.
    running_signal.emit(type);
    queued_signal.emit(type);
    ctx().restart();
    EXPECT_EQ(ctx().poll(), 0u);
    EXPECT_EQ(running.calls, 1);
    EXPECT_EQ(queued.calls, 1);
  }
}

TEST_P(ResolverCancelThreads, SlotEmitAfterCancelIsHarmless) {
  tcp::resolver resolver(ctx());
  worker_hold hold(ctx());
  ringport::cancellation_signal signal;
  outcome o;
  resolver.async_resolve("127.0.0.1", "80", numeric,
                         ringport::bind_cancellation_slot(signal.slot(), recorder(o)));
  ASSERT_TRUE(hold.wait_held());
  resolver.cancel();
  signal.emit(ringport::cancellation_type::terminal);
  ctx().run();
  EXPECT_EQ(o.calls, 1);
  EXPECT_EQ(o.ec, ringport::error::operation_aborted);
}

TEST_P(ResolverCancelThreads, SlotClearedWhilePendingThenCompletes) {
  tcp::resolver resolver(ctx());
  worker_hold hold(ctx());
  ringport::cancellation_signal signal;
  outcome o;
  resolver.async_resolve("127.0.0.1", "80", numeric,
                         ringport::bind_cancellation_slot(signal.slot(), recorder(o)));
  ASSERT_TRUE(hold.wait_held());
  signal.slot().clear();  // destroys the canceller while the op is pending: unlinks it
  signal.emit(ringport::cancellation_type::terminal);  // nothing installed any more
  hold.release();
  ctx().run();
  EXPECT_EQ(o.calls, 1);
  EXPECT_FALSE(o.ec) << o.ec.message();
}

RINGPORT_INSTANTIATE_BACKENDS(ResolverCancelThreads);

}  // namespace resolver_cancel_test
