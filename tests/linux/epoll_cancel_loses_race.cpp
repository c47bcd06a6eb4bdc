// The epoll backend under the cancel_loses_race fault: a receive whose data has arrived but
// whose readiness the reactor has not handled yet is cancelled through its slot, and the
// receive finishes first, as when another thread was handling that readiness. Its handler
// runs once, with the data, not operation_aborted; without data the cancel still aborts it.

#include "common/fault_plan.hpp"
#include "tcp_pair.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/error.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/write.hpp"

#include <gtest/gtest.h>

#include <string>

namespace epoll_cancel_loses_race_test {

using ringport::error_code;
namespace fault = ringport::detail::fault;

using connected = ringport::test::tcp_pair;

struct outcome {
  int calls = 0;
  error_code ec;
  std::size_t bytes = 0;
};

// Starts a receive on `server`, lets `before_cancel` run, then cancels the receive through
// its slot under a plan where every cancel loses the race; returns how the receive ended.
template <typename F>
outcome cancel_receive(connected& c, ringport::io_context& ctx, char (&buf)[16], F before_cancel) {
  outcome out;
  ringport::cancellation_signal signal;
  c.server.async_receive(
      ringport::buffer(buf),
      ringport::bind_cancellation_slot(signal.slot(), [&out](error_code ec, std::size_t n) {
        ++out.calls;
        out.ec = ec;
        out.bytes = n;
      }));
  before_cancel();
  {
    fault::scoped_plan armed(fault::only(fault::kind::cancel_loses_race, 1000));
    signal.emit(ringport::cancellation_type::terminal);
    EXPECT_EQ(fault::injected(fault::kind::cancel_loses_race), 1u);
  }
  ctx.run();
  return out;
}

TEST(EpollCancelLosesRace, ReceiveWithDataWaitingFinishesWithIt) {
  ringport::io_context ctx(ringport::backend_kind::epoll);
  connected c(ctx);
  char buf[16] = {};
  outcome out = cancel_receive(c, ctx, buf, [&] {
    // Arrives while the context does not run: the receive stays queued with data waiting.
    ringport::write(c.client, ringport::buffer(std::string("ready")));
  });
  EXPECT_EQ(out.calls, 1);
  EXPECT_FALSE(out.ec) << out.ec.message();
  EXPECT_EQ(std::string(buf, out.bytes), "ready");
}

TEST(EpollCancelLosesRace, ReceiveWithNothingToReadIsStillAborted) {
  ringport::io_context ctx(ringport::backend_kind::epoll);
  connected c(ctx);
  char buf[16] = {};
  outcome out = cancel_receive(c, ctx, buf, [] {});
  EXPECT_EQ(out.calls, 1);
  EXPECT_EQ(out.ec, ringport::error::operation_aborted) << out.ec.message();
}

}  // namespace epoll_cancel_loses_race_test
