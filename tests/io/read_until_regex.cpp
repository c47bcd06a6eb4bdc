// read_until with a std::regex, sync and async: over a TCP pair on loopback with a match
// split between two writes (the async call must take a second read step), and through
// short_io_stream with the match split between short reads, on v2 string/vector buffers and
// a (v1) streambuf. The result ends at the end of the first match; the regex passed to
// async_read_until may die right after the call.

#include "backend_test.hpp"
#include "short_io_stream.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/read_until.hpp"
#include "ringport/streambuf.hpp"
#include "ringport/write.hpp"

#include <regex>
#include <chrono>
#include <string>
#include <vector>

namespace read_until_regex_test {

using ReadUntilRegex = ringport::test::backend_test;
using ringport::error_code;

TEST_P(ReadUntilRegex, SyncOverTcp) {
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string_view("id=12")));
  ringport::write(p.client, ringport::buffer(std::string_view("34;next")));
  // Ends the stream after these bytes: a missed delimiter ends in eof, not a hang.
  p.client.shutdown(ringport::ip::tcp::socket::shutdown_send);
  std::string data;
  const std::regex re("id=[0-9]+;");
  error_code ec;
  const std::size_t n = ringport::read_until(p.server, ringport::dynamic_buffer(data), re, ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(data.substr(0, n), "id=1234;");
}

TEST_P(ReadUntilRegex, AsyncOverTcpMatchSplitAcrossWrites) {
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string_view("xxEN")));
  std::string data;
  int calls = 0;
  error_code result;
  std::size_t result_n = 0;
  {
    const std::regex re("END[0-9]+;");  // gone before the operation ends
    ringport::async_read_until(p.server, ringport::dynamic_buffer(data), re,
                               [&](error_code ec, std::size_t n) {
                                 ++calls;
                                 result = ec;
                                 result_n = n;
                               });
  }
  ctx().run_one_for(std::chrono::seconds(10));  // the first read step: "xxEN", no match yet
  EXPECT_EQ(calls, 0);
  ringport::write(p.client, ringport::buffer(std::string_view("D42;yy")));
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result) << result.message();
  EXPECT_EQ(result_n, 8u);
  EXPECT_EQ(data.substr(0, result_n), "xxEND42;");
}

TEST_P(ReadUntilRegex, SyncShortReadsOnVectorAndStreambuf) {
  ringport::test::short_io_stream stream(ctx(), 3);
  stream.input = "a  b\n\nc d\r\n\r\n";
  std::vector<char> v;
  const std::regex blank_line("\r?\n\r?\n");
  const std::size_t n = ringport::read_until(stream, ringport::dynamic_buffer(v), blank_line);
  EXPECT_EQ(std::string(v.begin(), v.begin() + n), "a  b\n\n");
  ringport::streambuf sb;
  const std::size_t m = ringport::read_until(stream, sb, blank_line);
  EXPECT_EQ(std::string(v.begin() + n, v.end()) +
                std::string(static_cast<const char*>(sb.data().data()), m),
            "c d\r\n\r\n");
}

TEST_P(ReadUntilRegex, AsyncShortReadsTakeManySteps) {
  ringport::test::short_io_stream stream(ctx(), 2);
  stream.input = "....ab123cd....";
  ringport::streambuf sb;
  std::size_t result_n = 0;
  int calls = 0;
  ringport::async_read_until(stream, sb, std::regex("[0-9]+c"), [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    ++calls;
    result_n = n;
  });
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(result_n, 10u);
  EXPECT_EQ(stream.read_requests.size(), 5u);
}

RINGPORT_INSTANTIATE_BACKENDS(ReadUntilRegex);

}  // namespace read_until_regex_test
