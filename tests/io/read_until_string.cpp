// read_until with a string delimiter, sync and async: over a TCP pair on loopback with
// "\r\n" split between two writes (the async call must take a second read step), and
// through short_io_stream with the delimiter split between short reads, including a false
// start ("\r\r\n") that a resumed search must not miss, on v2 string/vector buffers and a
// (v1) streambuf. The delimiter passed to async_read_until may die right after the call.

#include "backend_test.hpp"
#include "short_io_stream.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/read_until.hpp"
#include "ringport/streambuf.hpp"
#include "ringport/write.hpp"

#include <istream>
#include <chrono>
#include <string>
#include <vector>

namespace read_until_string_test {

using ReadUntilString = ringport::test::backend_test;
using ringport::error_code;

TEST_P(ReadUntilString, SyncOverTcp) {
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string_view("GET / HTTP/1.0\r")));
  ringport::write(p.client, ringport::buffer(std::string_view("\nHost: x\r\n\r\n")));
  // Ends the stream after these bytes: a missed delimiter ends in eof, not a hang.
  p.client.shutdown(ringport::ip::tcp::socket::shutdown_send);
  std::string data;
  std::size_t n = ringport::read_until(p.server, ringport::dynamic_buffer(data), "\r\n");
  EXPECT_EQ(data.substr(0, n), "GET / HTTP/1.0\r\n");
  ringport::dynamic_buffer(data).consume(n);
  error_code ec;
  n = ringport::read_until(p.server, ringport::dynamic_buffer(data), std::string("\r\n\r\n"), ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(data.substr(0, n), "Host: x\r\n\r\n");
}

TEST_P(ReadUntilString, AsyncOverTcpDelimiterSplitAcrossWrites) {
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string_view("hello\r")));
  std::vector<char> data;
  int calls = 0;
  error_code result;
  std::size_t result_n = 0;
  {
    const std::string delim = "\r\n";  // gone before the operation ends
    ringport::async_read_until(p.server, ringport::dynamic_buffer(data), delim,
                               [&](error_code ec, std::size_t n) {
                                 ++calls;
                                 result = ec;
                                 result_n = n;
                               });
  }
  ctx().run_one_for(std::chrono::seconds(10));  // the first read step: "hello\r", half a delimiter
  EXPECT_EQ(calls, 0);
  ringport::write(p.client, ringport::buffer(std::string_view("\nworld")));
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result) << result.message();
  EXPECT_EQ(result_n, 7u);
  EXPECT_EQ(std::string(data.begin(), data.begin() + 7), "hello\r\n");
}

TEST_P(ReadUntilString, SyncShortReadsSplitTheDelimiter) {
  ringport::test::short_io_stream stream(ctx(), 2);
  stream.input = "x\r\r\nyz--a-b---";
  std::string s;
  // "x\r" then "\r\n": the partial match at offset 1 is a false start.
  EXPECT_EQ(ringport::read_until(stream, ringport::dynamic_buffer(s), "\r\n"), 4u);
  EXPECT_EQ(s, "x\r\r\n");
  s.clear();
  // "yz" "--" "a-" "b-" "--": "---" is split between the last two reads.
  ringport::streambuf sb;
  const std::size_t n = ringport::read_until(stream, sb, "---");
  EXPECT_EQ(n, 10u);
  std::istream is(&sb);
  std::string got(n, '\0');
  is.read(got.data(), static_cast<std::streamsize>(n));
  EXPECT_EQ(got, "yz--a-b---");
}

TEST_P(ReadUntilString, AsyncShortReadsTakeManySteps) {
  ringport::test::short_io_stream stream(ctx(), 3);
  stream.input = std::string(40, 'a') + "<END>" + "rest";
  std::string s;
  std::size_t result_n = 0;
  int calls = 0;
  ringport::async_read_until(stream, ringport::dynamic_buffer(s), "<END>",
                             [&](error_code ec, std::size_t n) {
                               EXPECT_FALSE(ec) << ec.message();
                               ++calls;
                               result_n = n;
                             });
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(result_n, 45u);
  EXPECT_EQ(stream.read_requests.size(), 15u) << "3-byte steps up to byte 45";
  EXPECT_EQ(s, std::string(40, 'a') + "<END>");
}

RINGPORT_INSTANTIATE_BACKENDS(ReadUntilString);

}  // namespace read_until_string_test
