// read_until that meets the end of the stream before the delimiter reports eof with 0 bytes,
// and the bytes read before the end stay in the buffer: sync and async, over a TCP pair whose
// client shuts down its sending side, and through short_io_stream on a streambuf.

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
#include <system_error>

namespace read_until_eof_partial_test {

using ReadUntilEofPartial = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

TEST_P(ReadUntilEofPartial, SyncOverTcp) {
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string_view("no newline")));
  p.client.shutdown(tcp::socket::shutdown_send);
  std::string data;
  error_code ec;
  const std::size_t n = ringport::read_until(p.server, ringport::dynamic_buffer(data), '\n', ec);
  EXPECT_TRUE(ec == ringport::error::eof) << ec.message();
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(data, "no newline");
  // The throwing form throws the same error.
  try {
    ringport::read_until(p.server, ringport::dynamic_buffer(data), "\r\n");
    ADD_FAILURE() << "no exception";
  } catch (const std::system_error& e) {
    EXPECT_TRUE(e.code() == ringport::error::eof) << e.code().message();
  }
}

TEST_P(ReadUntilEofPartial, AsyncOverTcp) {
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string_view("partial")));
  std::string data;
  int calls = 0;
  error_code result;
  std::size_t result_n = 99;
  ringport::async_read_until(p.server, ringport::dynamic_buffer(data), "END",
                             [&](error_code ec, std::size_t n) {
                               ++calls;
                               result = ec;
                               result_n = n;
                             });
  ctx().run_one_for(std::chrono::seconds(10));  // "partial" arrives
  EXPECT_EQ(calls, 0);
  p.client.shutdown(tcp::socket::shutdown_send);
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(result == ringport::error::eof) << result.message();
  EXPECT_EQ(result_n, 0u);
  EXPECT_EQ(data, "partial");
}

TEST_P(ReadUntilEofPartial, AsyncShortReadsOnStreambuf) {
  ringport::test::short_io_stream stream(ctx(), 2);
  stream.input = "abcde";
  ringport::streambuf sb;
  error_code result;
  std::size_t result_n = 99;
  ringport::async_read_until(stream, sb, std::regex("e;"), [&](error_code ec, std::size_t n) {
    result = ec;
    result_n = n;
  });
  ctx().run();
  EXPECT_TRUE(result == ringport::error::eof) << result.message();
  EXPECT_EQ(result_n, 0u);
  EXPECT_EQ(std::string(static_cast<const char*>(sb.data().data()), sb.size()), "abcde");
  EXPECT_EQ(stream.read_requests.size(), 4u) << "three reads of data, one that finds the end";
}

RINGPORT_INSTANTIATE_BACKENDS(ReadUntilEofPartial);

}  // namespace read_until_eof_partial_test
