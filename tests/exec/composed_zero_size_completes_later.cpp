// async_read/async_write on buffers of total size 0 complete with no error and 0 bytes,
// never inside the initiating call, and through the handler's associated executor.
#include "context_test.hpp"
#include "short_io_stream.hpp"

#include "ringport/bind_executor.hpp"
#include "ringport/buffer.hpp"
#include "ringport/read.hpp"
#include "ringport/strand.hpp"
#include "ringport/write.hpp"

#include <array>
#include <string>

namespace composed_zero_size_completes_later_test {

using ComposedZeroSizeCompletesLater = ringport::test::context_test;
using ringport::error_code;

TEST_F(ComposedZeroSizeCompletesLater, ReadAndWriteCompleteAfterReturning) {
  ringport::test::short_io_stream stream(ctx(), 4);
  stream.input = "data that must not be read";
  std::array<ringport::mutable_buffer, 2> empty_read{};
  const std::string nothing;
  int reads = 0, writes = 0;
  ringport::async_read(stream, empty_read, [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(n, 0u);
    ++reads;
  });
  ringport::async_write(stream, ringport::buffer(nothing), [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(n, 0u);
    ++writes;
  });
  EXPECT_EQ(reads + writes, 0) << "no completion inside the initiating calls";
  ctx().run();
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(writes, 1);
  EXPECT_EQ(stream.read_pos, 0u);
  EXPECT_TRUE(stream.output.empty());
}

TEST_F(ComposedZeroSizeCompletesLater, RunsThroughTheHandlersExecutor) {
  ringport::test::short_io_stream stream(ctx(), 4);
  auto strand = ringport::make_strand(ctx());
  char data[1];
  bool in_strand = false;
  ringport::async_read(stream, ringport::buffer(data, 0),
                       ringport::bind_executor(strand, [&](error_code, std::size_t) {
                         in_strand = strand.running_in_this_thread();
                       }));
  ctx().run();
  EXPECT_TRUE(in_strand);
}

TEST_F(ComposedZeroSizeCompletesLater, StepsRunThroughTheHandlersExecutor) {
  ringport::test::short_io_stream stream(ctx(), 2);
  stream.input = "abcdefgh";
  auto strand = ringport::make_strand(ctx());
  char data[8];
  bool in_strand = false;
  std::size_t result_n = 0;
  ringport::async_read(stream, ringport::buffer(data),
                       ringport::bind_executor(strand, [&](error_code, std::size_t n) {
                         in_strand = strand.running_in_this_thread();
                         result_n = n;
                       }));
  ctx().run();
  EXPECT_TRUE(in_strand);
  EXPECT_EQ(result_n, 8u);
}

}  // namespace composed_zero_size_completes_later_test
