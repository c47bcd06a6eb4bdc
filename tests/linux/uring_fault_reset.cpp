// The io_uring backend's injected reset (reset): a stream receive or send that completed is
// turned into the end of a reset connection: the connection is really shut both ways and the
// op reports connection_reset (receive) or broken_pipe (send), once. The socket is really
// shut: a later receive sees the end of the stream.

#include "tcp_pair.hpp"
#include "uring_fault_test.hpp"

#include "common/fault_plan.hpp"

#include "ringport/buffer.hpp"
#include "ringport/error.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <chrono>
#include <cstddef>
#include <string>

namespace uring_fault_reset_test {

using UringFaultReset = ringport::test::uring_fault_test;
using ringport::error_code;
using ringport::detail::fault::kind;
namespace fault = ringport::detail::fault;

struct outcome {
  int calls = 0;
  error_code ec;
};

TEST_F(UringFaultReset, ReceiveReportsConnectionReset) {
  ringport::test::tcp_pair pair(ctx());
  const std::string message = "lost in the reset";
  ringport::write(pair.client, ringport::buffer(message));
  std::string got(64, '\0');
  outcome received;
  {
    fault::scoped_plan plan(fault::only(kind::reset, 1000));
    pair.server.async_read_some(ringport::buffer(got), [&](error_code ec, std::size_t) {
      ++received.calls;
      received.ec = ec;
    });
    ctx().run_for(std::chrono::seconds(10));
    EXPECT_GT(fault::injected(kind::reset), 0u);
  }
  EXPECT_TRUE(ctx().stopped());
  EXPECT_EQ(received.calls, 1);
  EXPECT_EQ(received.ec, ringport::error::connection_reset) << received.ec.message();
  // Really shut: the next receive ends the stream at once (a live one would block).
  pair.server.non_blocking(true);
  error_code ec;
  pair.server.read_some(ringport::buffer(got), ec);
  EXPECT_EQ(ec, ringport::error::eof) << ec.message();
}

TEST_F(UringFaultReset, SendReportsBrokenPipe) {
  ringport::test::tcp_pair pair(ctx());
  const std::string message = "sent into a reset";
  outcome sent;
  {
    fault::scoped_plan plan(fault::only(kind::reset, 1000));
    ringport::async_write(pair.client, ringport::buffer(message), [&](error_code ec, std::size_t) {
      ++sent.calls;
      sent.ec = ec;
    });
    ctx().run_for(std::chrono::seconds(10));
    EXPECT_GT(fault::injected(kind::reset), 0u);
  }
  EXPECT_TRUE(ctx().stopped());
  EXPECT_EQ(sent.calls, 1);
  EXPECT_EQ(sent.ec, ringport::error::broken_pipe) << sent.ec.message();
  // Really shut: the next send fails too.
  error_code ec;
  pair.client.write_some(ringport::buffer(message), ec);
  EXPECT_EQ(ec, ringport::error::broken_pipe) << ec.message();
}

}  // namespace uring_fault_reset_test
