// read_until on a buffer that reaches max_size() without a match reports not_found with 0
// bytes (the bytes read stay in the buffer), and never reads past max_size(): sync and async,
// on a v2 string buffer, a v2 vector buffer and a (v1) streambuf; a match that ends exactly at
// max_size() is still found.

#include "backend_test.hpp"
#include "short_io_stream.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/error.hpp"
#include "ringport/read_until.hpp"
#include "ringport/streambuf.hpp"
#include "ringport/write.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace read_until_not_found_max_size_test {

using ReadUntilNotFoundMaxSize = ringport::test::backend_test;
using ringport::error_code;

TEST_P(ReadUntilNotFoundMaxSize, SyncOverTcpStringBuffer) {
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string(100, 'x') + "\n"));
  // Ends the stream after these bytes: a missed delimiter ends in eof, not a hang.
  p.client.shutdown(ringport::ip::tcp::socket::shutdown_send);
  std::string data;
  error_code ec;
  const std::size_t n =
      ringport::read_until(p.server, ringport::dynamic_buffer(data, 64), '\n', ec);
  EXPECT_TRUE(ec == ringport::error::not_found) << ec.message();
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(data, std::string(64, 'x')) << "exactly max_size bytes were read";
}

TEST_P(ReadUntilNotFoundMaxSize, AsyncShortReadsVectorBuffer) {
  ringport::test::short_io_stream stream(ctx(), 7);
  stream.input = std::string(50, 'y') + ";";
  std::vector<char> data;
  error_code result;
  std::size_t result_n = 99;
  ringport::async_read_until(stream, ringport::dynamic_buffer(data, 20), ";",
                             [&](error_code ec, std::size_t n) {
                               result = ec;
                               result_n = n;
                             });
  ctx().run();
  EXPECT_TRUE(result == ringport::error::not_found) << result.message();
  EXPECT_EQ(result_n, 0u);
  EXPECT_EQ(data.size(), 20u);
  EXPECT_EQ(stream.read_pos, 20u) << "7 + 7 + 6: the last step asks only for what fits";
  ASSERT_EQ(stream.read_requests.size(), 3u);
  EXPECT_EQ(stream.read_requests[2], 6u);
}

TEST_P(ReadUntilNotFoundMaxSize, StreambufSyncAndMatchAtTheLimit) {
  ringport::test::short_io_stream stream(ctx(), 4);
  stream.input = "0123456789";
  ringport::streambuf small(6);
  error_code ec;
  EXPECT_EQ(ringport::read_until(stream, small, '9', ec), 0u);
  EXPECT_TRUE(ec == ringport::error::not_found) << ec.message();
  EXPECT_EQ(small.size(), 6u);

  // The delimiter is the last byte that fits: found.
  ringport::test::short_io_stream stream2(ctx(), 4);
  stream2.input = "abcdef";
  ringport::streambuf exact(6);
  std::size_t result_n = 0;
  ringport::async_read_until(stream2, exact, 'f', [&](error_code e, std::size_t n) {
    EXPECT_FALSE(e) << e.message();
    result_n = n;
  });
  ctx().run();
  EXPECT_EQ(result_n, 6u);
}

RINGPORT_INSTANTIATE_BACKENDS(ReadUntilNotFoundMaxSize);

}  // namespace read_until_not_found_max_size_test
