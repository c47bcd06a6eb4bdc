// The io_uring backend's injected lost cancel race (cancel_loses_race): a cancel of one op
// (through its cancellation slot) reaches the kernel only after the op completed. Each round
// a receive waits, is cancelled, then its data arrives, all before the context runs: without
// the fault the cancel finds the receive waiting (operation_aborted); with it the receive
// gets the data first and the late cancel finds nothing. Either way the handler runs once.
// That handler starts another receive (in the same memory: the recycling allocator hands it
// out again), whose data comes only after one more pass through the backend: it was never
// cancelled and must succeed, so a late cancel that named the reused address would show.
// Every byte arrives in order across the rounds; the context ends with no op left.

#include "tcp_pair.hpp"
#include "uring_fault_test.hpp"

#include "common/fault_plan.hpp"

#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/error.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace uring_fault_cancel_race_test {

using UringFaultCancelRace = ringport::test::uring_fault_test;
using ringport::error_code;
using ringport::detail::fault::kind;
namespace fault = ringport::detail::fault;

constexpr int rounds = 100;

std::string chunk(int round, char part) {
  char text[32];
  std::snprintf(text, sizeof text, "[round %03d part %c]", round, part);
  return text;
}

TEST_F(UringFaultCancelRace, CancelledReceiveEndsOnceAndLateCancelHitsNothingElse) {
  ringport::test::tcp_pair pair(ctx());
  // Its send completes in one pass through the backend; its handler then sends the data the
  // second receive waits for.
  ringport::test::tcp_pair relay(ctx());
  fault::scoped_plan plan(fault::only(kind::cancel_loses_race, 1000));
  std::string sent, received;
  int cancelled_but_succeeded = 0, aborted = 0;
  const char tick = 't';
  for (int r = 0; r < rounds; ++r) {
    SCOPED_TRACE("round " + std::to_string(r));
    char first[64], second[64];
    int first_calls = 0, second_calls = 0;
    error_code first_ec, second_ec;
    ringport::cancellation_signal signal;
    pair.server.async_read_some(
        ringport::buffer(first),
        ringport::bind_cancellation_slot(signal.slot(), [&](error_code ec, std::size_t n) {
          ++first_calls;
          first_ec = ec;
          received.append(first, n);
          pair.server.async_read_some(ringport::buffer(second), [&](error_code ec2, std::size_t m) {
            ++second_calls;
            second_ec = ec2;
            received.append(second, m);
          });
          relay.client.async_send(ringport::buffer(&tick, 1), [&](error_code, std::size_t) {
            const std::string b = chunk(r, 'b');
            ringport::write(pair.client, ringport::buffer(b));
            sent += b;
          });
        }));
    signal.emit(ringport::cancellation_type::terminal);
    const std::string a = chunk(r, 'a');
    ringport::write(pair.client, ringport::buffer(a));
    sent += a;
    ctx().restart();
    ctx().run_for(std::chrono::seconds(10));
    ASSERT_TRUE(ctx().stopped());
    ASSERT_EQ(first_calls, 1);
    ASSERT_EQ(second_calls, 1);
    if (!first_ec)
      ++cancelled_but_succeeded;
    else if (first_ec == ringport::error::operation_aborted)
      ++aborted;
    else
      ADD_FAILURE() << "cancelled receive: " << first_ec.message();
    ASSERT_FALSE(second_ec) << "a receive nobody cancelled ended with " << second_ec.message();
    // What the receives left in the stream (a part the second did not take) is read now, so
    // the next round's first receive finds nothing and has to wait.
    std::string rest(sent.size() - received.size(), '\0');
    ringport::read(pair.server, ringport::buffer(rest));
    received += rest;
  }
  EXPECT_EQ(received, sent) << "bytes lost, duplicated or out of order";
  EXPECT_GT(fault::injected(kind::cancel_loses_race), 0u);
  EXPECT_GT(cancelled_but_succeeded, 0) << "no cancel lost its race (" << aborted << " aborted)";
  std::printf("cancel_loses_race: %llu injected, %d cancelled receives succeeded, %d aborted\n",
              static_cast<unsigned long long>(fault::injected(kind::cancel_loses_race)),
              cancelled_but_succeeded, aborted);
}

}  // namespace uring_fault_cancel_race_test
