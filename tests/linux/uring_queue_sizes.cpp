// The io_uring ring's queues: 256 submission and 4,096 completion entries, as ringport-info
// reports them. A completion queue size the kernel refuses (here one beyond its maximum, which
// it answers with EINVAL as an older kernel answers the flag, or ENOMEM a low locked-memory
// limit before Linux 5.12) leaves the kernel's default queue, and the context still runs on
// io_uring.

#include "backend_test.hpp"
#include "uring_cq_entries.hpp"

#include "ringport/buffer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/local/connect_pair.hpp"
#include "ringport/local/stream_protocol.hpp"
#include "ringport/platform_report.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <string>

namespace uring_queue_sizes_test {

using ringport::error_code;
using ringport::local::stream_protocol;

std::string reported_queues() {
  for (const ringport::platform_fact& fact : ringport::describe_platform())
    if (fact.name == "io_uring queues") return fact.value;
  return "(not reported)";
}

class UringQueueSizes : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why = ringport::test::unavailable_reason(ringport::backend_kind::io_uring);
    if (!why.empty()) GTEST_SKIP() << "io_uring unavailable: " << why;
  }
};

TEST_F(UringQueueSizes, TheRingHoldsFourThousandCompletions) {
  EXPECT_EQ(reported_queues(), "256 submission, 4096 completion entries");
}

TEST_F(UringQueueSizes, ARefusedCompletionQueueSizeLeavesTheKernelDefault) {
  ringport::test::uring_cq_entries refused(1u << 20);  // beyond IORING_MAX_CQ_ENTRIES
  EXPECT_EQ(reported_queues(), "256 submission, 512 completion entries");

  ringport::io_context ctx(ringport::backend_kind::io_uring);
  EXPECT_EQ(ctx.backend(), ringport::backend_kind::io_uring);
  EXPECT_TRUE(ctx.backend_fallback_reason().empty()) << ctx.backend_fallback_reason();
  // And the ring works: a message crosses a socket pair through it.
  stream_protocol::socket a(ctx), b(ctx);
  ringport::local::connect_pair(a, b);
  const std::string sent = "through the default-sized ring";
  std::string got(sent.size(), '\0');
  error_code write_ec = ringport::error::operation_aborted;
  error_code read_ec = ringport::error::operation_aborted;
  ringport::async_write(a, ringport::buffer(sent),
                        [&](error_code ec, std::size_t) { write_ec = ec; });
  ringport::async_read(b, ringport::buffer(got), [&](error_code ec, std::size_t) { read_ec = ec; });
  ctx.run_for(std::chrono::seconds(10));
  EXPECT_FALSE(write_ec) << write_ec.message();
  EXPECT_FALSE(read_ec) << read_ec.message();
  EXPECT_EQ(got, sent);
}

}  // namespace uring_queue_sizes_test
