// async_read that meets end of file after k bytes completes with error::eof and k: the
// bytes already read are reported, not lost.
#include "context_test.hpp"
#include "short_io_stream.hpp"

#include "ringport/buffer.hpp"
#include "ringport/read.hpp"

#include <string>

namespace async_read_eof_reports_partial_test {

using AsyncReadEofReportsPartial = ringport::test::context_test;
using ringport::error_code;

TEST_F(AsyncReadEofReportsPartial, ReportsEofAndTheBytesRead) {
  ringport::test::short_io_stream stream(ctx(), 4);
  stream.input = "only eleven";
  char data[64] = {};
  int calls = 0;
  error_code result_ec;
  std::size_t result_n = 0;
  ringport::async_read(stream, ringport::buffer(data), [&](error_code ec, std::size_t n) {
    ++calls;
    result_ec = ec;
    result_n = n;
  });
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(result_ec, ringport::error::eof) << result_ec.message();
  EXPECT_EQ(result_n, 11u);
  EXPECT_EQ(std::string(data, 11), stream.input);
}

}  // namespace async_read_eof_reports_partial_test
