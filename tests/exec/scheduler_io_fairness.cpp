// A chain of handlers that keeps the ready queue from ever being empty must not starve I/O:
// the scheduler still looks into the backend every few handlers (it need not every time), so
// a read whose data has arrived completes while the chain runs. Checked with run() and with a
// program that calls run_one() once per handler (the scheduler's count of handlers between
// polls must survive from one call to the next). The chain is bounded (a million handlers):
// a scheduler that never polled would end it with the read still pending.
#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/post.hpp"

namespace scheduler_io_fairness_test {

using SchedulerIoFairness = ringport::test::backend_test;
using ringport::error_code;

constexpr long chain_limit = 1000000;

struct fixture {
  explicit fixture(ringport::io_context& ctx) : ctx(ctx), pair(ctx) {
    pair.server.async_read_some(ringport::buffer(&got, 1), [this](error_code ec, std::size_t n) {
      result = ec;
      bytes = n;
      read_done = true;
    });
  }

  // Each step posts the next until the read is done or the limit is reached.
  struct step {
    fixture* f;
    void operator()() const {
      ++f->steps;
      if (!f->read_done && f->steps < chain_limit) ringport::post(f->ctx, step{f});
    }
  };

  void start_chain_and_send() {
    ringport::post(ctx, step{this});
    const unsigned char byte = 42;
    pair.client.write_some(ringport::buffer(&byte, 1));
  }

  ringport::io_context& ctx;
  ringport::test::tcp_pair pair;
  unsigned char got = 0;
  bool read_done = false;
  error_code result;
  std::size_t bytes = 0;
  long steps = 0;
};

TEST_P(SchedulerIoFairness, ReadCompletesWhileAPostChainRunsInRun) {
  fixture f(ctx());
  f.start_chain_and_send();
  ctx().run();
  ASSERT_TRUE(f.read_done) << "a chain of " << f.steps << " handlers starved the read";
  EXPECT_FALSE(f.result) << f.result.message();
  EXPECT_EQ(f.bytes, 1u);
  EXPECT_EQ(f.got, 42);
  EXPECT_LT(f.steps, chain_limit);
}

TEST_P(SchedulerIoFairness, ReadCompletesWhileAPostChainRunsUnderRunOne) {
  fixture f(ctx());
  f.start_chain_and_send();
  while (!f.read_done && ctx().run_one() > 0) {
  }
  ASSERT_TRUE(f.read_done) << "a chain of " << f.steps << " handlers starved the read";
  EXPECT_FALSE(f.result) << f.result.message();
  EXPECT_EQ(f.bytes, 1u);
  EXPECT_EQ(f.got, 42);
  EXPECT_LT(f.steps, chain_limit);
}

RINGPORT_INSTANTIATE_BACKENDS(SchedulerIoFairness);

}  // namespace scheduler_io_fairness_test
