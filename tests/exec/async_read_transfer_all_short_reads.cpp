// async_read with transfer_all loops over short reads until a scatter buffer sequence is
// full, reports the total, and never completes inside the initiating call.
#include "context_test.hpp"
#include "short_io_stream.hpp"

#include "ringport/buffer.hpp"
#include "ringport/read.hpp"

#include <array>
#include <string>

namespace async_read_transfer_all_short_reads_test {

using AsyncReadTransferAllShortReads = ringport::test::context_test;
using ringport::error_code;

TEST_F(AsyncReadTransferAllShortReads, FillsEveryBufferInOrder) {
  ringport::test::short_io_stream stream(ctx(), 7);
  for (int i = 0; i < 300; ++i)
    stream.input.push_back(static_cast<char>('a' + i % 26));
  std::string a(50, '\0'), b(1, '\0'), c(149, '\0');
  std::array<ringport::mutable_buffer, 4> buffers{ringport::buffer(a), ringport::mutable_buffer(),
                                                  ringport::buffer(b), ringport::buffer(c)};
  int calls = 0;
  error_code result_ec = ringport::error::eof;
  std::size_t result_n = 0;
  ringport::async_read(stream, buffers, [&](error_code ec, std::size_t n) {
    ++calls;
    result_ec = ec;
    result_n = n;
  });
  EXPECT_EQ(calls, 0) << "the handler never runs inside async_read";
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result_ec) << result_ec.message();
  EXPECT_EQ(result_n, 200u);
  EXPECT_EQ(a + b + c, stream.input.substr(0, 200));
  EXPECT_EQ(stream.read_pos, 200u) << "no byte read beyond the buffers";
  EXPECT_EQ(stream.read_requests.size(), 29u) << "ceil(200 / 7) steps";
}

TEST_F(AsyncReadTransferAllShortReads, DefaultConditionIsTransferAll) {
  ringport::test::short_io_stream stream(ctx(), 3);
  stream.input = "0123456789";
  char data[10] = {};
  std::size_t result_n = 0;
  ringport::async_read(stream, ringport::buffer(data), ringport::transfer_all(),
                       [&](error_code ec, std::size_t n) {
                         EXPECT_FALSE(ec);
                         result_n = n;
                       });
  ctx().run();
  EXPECT_EQ(result_n, 10u);
  EXPECT_EQ(std::string(data, 10), stream.input);
}

}  // namespace async_read_transfer_all_short_reads_test
