// Destroying the io_context while resolves are pending (one in its lookup, others queued, or
// one whose lookup may just have finished) destroys their handlers without calling them; the
// worker thread is joined and no operation object outlives the context.

#include "backend_test.hpp"

#include "common/resolver_testing.hpp"
#include "ringport/detail/resolver_service.hpp"
#include "ringport/ip/tcp.hpp"

#include <chrono>
#include <memory>

namespace resolver_context_destroyed_pending_test {

using ResolverContextDestroyedThreads = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::resolver_base;
using ringport::ip::tcp;
using namespace std::chrono_literals;
namespace resolver_testing = ringport::detail::resolver_testing;

// Counts its own destruction; the handler owns one.
struct destruction_probe {
  explicit destruction_probe(int* d) : destroyed(d) {}
  destruction_probe(const destruction_probe&) = delete;
  ~destruction_probe() { ++*destroyed; }
  int* destroyed;
};

constexpr auto numeric = resolver_base::numeric_host | resolver_base::numeric_service;

TEST_P(ResolverContextDestroyedThreads, RunningAndQueuedDestroyedNotCalled) {
  int called = 0, destroyed = 0;
  resolver_testing::hold_workers(true);  // context shutdown releases it
  {
    // The Asio idiom: the handlers own the resolver, so nothing outlives the context.
    auto resolver = std::make_shared<tcp::resolver>(ctx());
    for (int i = 0; i < 3; ++i) {
      auto probe = std::make_shared<destruction_probe>(&destroyed);
      resolver->async_resolve(
          "127.0.0.1", "80", numeric,
          [resolver, probe, &called](error_code, tcp::resolver::results_type) { ++called; });
    }
  }
  ASSERT_TRUE(resolver_testing::wait_until_held(10s));
  EXPECT_EQ(destroyed, 0);
  ctx_.reset();
  EXPECT_EQ(called, 0);
  EXPECT_EQ(destroyed, 3);
}

TEST_P(ResolverContextDestroyedThreads, InFlightWithoutHoldDestroyedNotCalled) {
  int called = 0, destroyed = 0;
  {
    auto resolver = std::make_shared<tcp::resolver>(ctx());
    auto probe = std::make_shared<destruction_probe>(&destroyed);
    // Queued, running, or already handed back to the scheduler: destroyed either way.
    resolver->async_resolve(
        "localhost", "80",
        [resolver, probe, &called](error_code, tcp::resolver::results_type) { ++called; });
  }
  ctx_.reset();
  EXPECT_EQ(called, 0);
  EXPECT_EQ(destroyed, 1);
}

TEST_P(ResolverContextDestroyedThreads, AbortedButUnrunDestroyedNotCalled) {
  int called = 0, destroyed = 0;
  {
    tcp::resolver resolver(ctx());
    auto probe = std::make_shared<destruction_probe>(&destroyed);
    resolver.async_resolve("localhost", "80",
                           [probe, &called](error_code, tcp::resolver::results_type) { ++called; });
  }  // the resolver's destruction aborts the resolve; its handler is queued, never run
  ctx_.reset();
  EXPECT_EQ(called, 0);
  EXPECT_EQ(destroyed, 1);
}

RINGPORT_INSTANTIATE_BACKENDS(ResolverContextDestroyedThreads);

}  // namespace resolver_context_destroyed_pending_test
