// read_until with a char delimiter, sync and async: over a TCP pair on loopback with the line
// sent in two writes and the delimiter arriving in the second one (the async call must
// take a second read step), and through short_io_stream (3-byte reads) on a v2 string
// buffer, a v2 vector buffer and a (v1) streambuf. The result counts the bytes up to and
// including the delimiter; what was read past it stays in the buffer for the next call.

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

namespace read_until_char_test {

using ReadUntilChar = ringport::test::backend_test;
using ringport::error_code;

TEST_P(ReadUntilChar, SyncOverTcp) {
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string_view("first line")));
  ringport::write(p.client, ringport::buffer(std::string_view("\nsecond\n")));
  // Ends the stream after these bytes: a missed delimiter ends in eof, not a hang.
  p.client.shutdown(ringport::ip::tcp::socket::shutdown_send);
  std::string data;
  const std::size_t n = ringport::read_until(p.server, ringport::dynamic_buffer(data), '\n');
  EXPECT_EQ(n, 11u);
  EXPECT_EQ(data.substr(0, n), "first line\n");
  ringport::dynamic_buffer(data).consume(n);
  error_code ec;
  const std::size_t m = ringport::read_until(p.server, ringport::dynamic_buffer(data), '\n', ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(data.substr(0, m), "second\n");
}

TEST_P(ReadUntilChar, AsyncOverTcpDelimiterInSecondWrite) {
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string_view("abc")));
  std::string data;
  int calls = 0;
  error_code result;
  std::size_t result_n = 0;
  ringport::async_read_until(p.server, ringport::dynamic_buffer(data), ';',
                             [&](error_code ec, std::size_t n) {
                               ++calls;
                               result = ec;
                               result_n = n;
                             });
  ctx().run_one_for(std::chrono::seconds(10));  // the first read step: "abc", no delimiter yet
  EXPECT_EQ(calls, 0);
  ringport::write(p.client, ringport::buffer(std::string_view("de;fg")));
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result) << result.message();
  EXPECT_EQ(result_n, 6u);
  EXPECT_EQ(data.substr(0, result_n), "abcde;");
}

TEST_P(ReadUntilChar, SyncShortReadsOnStringVectorAndStreambuf) {
  ringport::test::short_io_stream stream(ctx(), 3);
  stream.input = "alpha,beta,gamma,";
  std::string s;
  EXPECT_EQ(ringport::read_until(stream, ringport::dynamic_buffer(s), ','), 6u);
  EXPECT_EQ(s, "alpha,");  // 6 bytes in two 3-byte reads
  EXPECT_EQ(stream.read_requests.size(), 2u);

  std::vector<char> v;
  EXPECT_EQ(ringport::read_until(stream, ringport::dynamic_buffer(v), ','), 5u);
  EXPECT_EQ(std::string(v.begin(), v.begin() + 5), "beta,");

  ringport::streambuf sb;
  // What the vector read past "beta," is not in the streambuf: it starts after it.
  const std::size_t n = ringport::read_until(stream, sb, ',');
  std::istream is(&sb);
  std::string word;
  std::getline(is, word, ',');
  EXPECT_EQ(std::string(v.begin() + 5, v.end()) + word, "gamma");
  EXPECT_EQ(n, word.size() + 1);
}

TEST_P(ReadUntilChar, AsyncShortReadsTakeManySteps) {
  ringport::test::short_io_stream stream(ctx(), 2);
  stream.input = "0123456789X tail";
  ringport::streambuf sb;
  std::size_t result_n = 0;
  int calls = 0;
  ringport::async_read_until(stream, sb, 'X', [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    ++calls;
    result_n = n;
  });
  EXPECT_EQ(calls, 0) << "never completes inside the initiating call";
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(result_n, 11u);
  EXPECT_EQ(stream.read_requests.size(), 6u) << "six 2-byte steps reach the X";
  EXPECT_EQ(sb.size(), 12u);

  // A delimiter already in the buffer completes without reading (still not inline).
  ctx().restart();
  sb.consume(11);
  ringport::async_read_until(stream, sb, ' ', [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    ++calls;
    result_n = n;
  });
  EXPECT_EQ(calls, 1);
  ctx().run();
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(result_n, 1u) << "the space was already in the streambuf";
  EXPECT_EQ(stream.read_requests.size(), 6u);
}

RINGPORT_INSTANTIATE_BACKENDS(ReadUntilChar);

}  // namespace read_until_char_test
