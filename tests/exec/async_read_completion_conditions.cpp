// async_read's completion conditions: transfer_at_least stops once the minimum is reached
// (possibly past it, within one step); transfer_exactly never asks for more than is left.
#include "context_test.hpp"
#include "short_io_stream.hpp"

#include "ringport/buffer.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/read.hpp"

#include <string>

namespace async_read_completion_conditions_test {

using AsyncReadCompletionConditions = ringport::test::context_test;
using ringport::error_code;

TEST_F(AsyncReadCompletionConditions, TransferAtLeastStopsAfterTheMinimum) {
  ringport::test::short_io_stream stream(ctx(), 4);
  stream.input = std::string(100, 'x');
  char data[64] = {};
  std::size_t result_n = 0;
  int calls = 0;
  ringport::async_read(stream, ringport::buffer(data), ringport::transfer_at_least(10),
                       [&](error_code ec, std::size_t n) {
                         EXPECT_FALSE(ec) << ec.message();
                         ++calls;
                         result_n = n;
                       });
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(result_n, 12u) << "three 4-byte steps reach the minimum of 10";
  EXPECT_EQ(stream.read_pos, 12u);
}

TEST_F(AsyncReadCompletionConditions, TransferExactlyNeverOvershoots) {
  ringport::test::short_io_stream stream(ctx(), 8);
  stream.input = std::string(100, 'y');
  char data[64] = {};
  std::size_t result_n = 0;
  ringport::async_read(stream, ringport::buffer(data), ringport::transfer_exactly(21),
                       [&](error_code ec, std::size_t n) {
                         EXPECT_FALSE(ec) << ec.message();
                         result_n = n;
                       });
  ctx().run();
  EXPECT_EQ(result_n, 21u);
  EXPECT_EQ(stream.read_pos, 21u);
  ASSERT_EQ(stream.read_requests.size(), 3u);
  EXPECT_EQ(stream.read_requests[0], 21u) << "the first step offers only what is wanted";
  EXPECT_EQ(stream.read_requests[2], 5u) << "the last step offers only what is left";
}

TEST_F(AsyncReadCompletionConditions, CustomBoolConditionIsAccepted) {
  ringport::test::short_io_stream stream(ctx(), 5);
  stream.input = std::string(100, 'z');
  char data[64] = {};
  std::size_t result_n = 0;
  // An old-style condition: returns true when done.
  auto done_after_15 = [](const error_code& ec, std::size_t n) { return !!ec || n >= 15; };
  ringport::async_read(stream, ringport::buffer(data), done_after_15,
                       [&](error_code ec, std::size_t n) {
                         EXPECT_FALSE(ec) << ec.message();
                         result_n = n;
                       });
  ctx().run();
  EXPECT_EQ(result_n, 15u);
}

}  // namespace async_read_completion_conditions_test
