// async_read / async_write on dynamic buffers (v2 string and vector buffers, a v1 streambuf)
// through short_io_stream, so every operation takes many steps: transfer_exactly never
// over-reads, transfer_at_least stops after the minimum, the default transfer_all reads to
// the end of the stream and reports eof with every byte kept, a read stops without error at
// max_size(); async_write sends the readable bytes (or as many as the condition allows) and
// consumes what it sent.
#include "context_test.hpp"
#include "short_io_stream.hpp"

#include "ringport/buffer.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/error.hpp"
#include "ringport/read.hpp"
#include "ringport/streambuf.hpp"
#include "ringport/write.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace read_write_dynamic_async_conditions_test {

using ReadWriteDynamicAsyncConditions = ringport::test::context_test;
using ringport::error_code;

TEST_F(ReadWriteDynamicAsyncConditions, ReadTransferExactlyIntoString) {
  ringport::test::short_io_stream stream(ctx(), 8);
  stream.input = std::string(100, 'a');
  std::string s = "pre:";
  std::size_t result_n = 0;
  int calls = 0;
  ringport::async_read(stream, ringport::dynamic_buffer(s), ringport::transfer_exactly(21),
                       [&](error_code ec, std::size_t n) {
                         EXPECT_FALSE(ec) << ec.message();
                         ++calls;
                         result_n = n;
                       });
  EXPECT_EQ(calls, 0);
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(result_n, 21u);
  EXPECT_EQ(s, "pre:" + std::string(21, 'a')) << "appended after what the buffer held";
  ASSERT_EQ(stream.read_requests.size(), 3u);
  EXPECT_EQ(stream.read_requests[0], 21u);
  EXPECT_EQ(stream.read_requests[2], 5u) << "the last step asks only for what is left";
}

TEST_F(ReadWriteDynamicAsyncConditions, ReadTransferAtLeastIntoStreambuf) {
  ringport::test::short_io_stream stream(ctx(), 4);
  stream.input = std::string(100, 'b');
  ringport::streambuf sb;
  std::size_t result_n = 0;
  ringport::async_read(stream, sb, ringport::transfer_at_least(10),
                       [&](error_code ec, std::size_t n) {
                         EXPECT_FALSE(ec) << ec.message();
                         result_n = n;
                       });
  ctx().run();
  EXPECT_EQ(result_n, 12u) << "three 4-byte steps reach the minimum of 10";
  EXPECT_EQ(sb.size(), 12u);
}

TEST_F(ReadWriteDynamicAsyncConditions, ReadAllUntilEofKeepsEveryByte) {
  ringport::test::short_io_stream stream(ctx(), 100);
  stream.input = std::string(1500, 'c');
  std::vector<char> v;
  error_code result;
  std::size_t result_n = 0;
  ringport::async_read(stream, ringport::dynamic_buffer(v), [&](error_code ec, std::size_t n) {
    result = ec;
    result_n = n;
  });
  ctx().run();
  EXPECT_TRUE(result == ringport::error::eof) << result.message();
  EXPECT_EQ(result_n, 1500u);
  EXPECT_EQ(v, std::vector<char>(1500, 'c'));
  EXPECT_EQ(stream.read_requests.size(), 16u);
}

TEST_F(ReadWriteDynamicAsyncConditions, ReadStopsAtMaxSize) {
  ringport::test::short_io_stream stream(ctx(), 3);
  stream.input = std::string(100, 'd');
  std::string s;
  error_code result = ringport::error::eof;
  std::size_t result_n = 0;
  ringport::async_read(stream, ringport::dynamic_buffer(s, 10), [&](error_code ec, std::size_t n) {
    result = ec;
    result_n = n;
  });
  ctx().run();
  EXPECT_FALSE(result) << result.message();
  EXPECT_EQ(result_n, 10u);
  EXPECT_EQ(s.size(), 10u);
  EXPECT_EQ(stream.read_pos, 10u);
}

TEST_F(ReadWriteDynamicAsyncConditions, WriteConsumesWhatWasSent) {
  ringport::test::short_io_stream stream(ctx(), 5);
  std::string s = "0123456789abcdefghij";
  std::size_t result_n = 0;
  ringport::async_write(stream, ringport::dynamic_buffer(s), ringport::transfer_exactly(12),
                        [&](error_code ec, std::size_t n) {
                          EXPECT_FALSE(ec) << ec.message();
                          result_n = n;
                        });
  ctx().run();
  EXPECT_EQ(result_n, 12u);
  EXPECT_EQ(stream.output, "0123456789ab");
  EXPECT_EQ(s, "cdefghij") << "the written bytes were consumed";
  EXPECT_EQ(stream.write_requests.size(), 3u);

  ctx().restart();
  ringport::streambuf sb;
  std::ostream os(&sb);
  os << "streambuf says hello";
  ringport::async_write(stream, sb, [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    result_n = n;
  });
  ctx().run();
  EXPECT_EQ(result_n, 20u);
  EXPECT_EQ(stream.output, "0123456789abstreambuf says hello");
  EXPECT_EQ(sb.size(), 0u);
  EXPECT_EQ(stream.write_requests.size(), 7u);
}

}  // namespace read_write_dynamic_async_conditions_test
