// read_until with a match condition, sync and async: an Asio-style function object (with a
// result_type), a lambda and a function pointer are accepted (is_match_condition), a
// partial match returned as (start, false) makes the next search resume there; over a TCP
// pair on loopback with the match split between two writes (the async call must take a
// second read step), and through short_io_stream (many short reads) on string buffers and
// a (v1) streambuf.

#include "backend_test.hpp"
#include "short_io_stream.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/buffers_iterator.hpp"
#include "ringport/read_until.hpp"
#include "ringport/streambuf.hpp"
#include "ringport/write.hpp"

#include <regex>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace read_until_match_condition_test {

using ReadUntilMatchCondition = ringport::test::backend_test;
using ringport::error_code;
using iterator = ringport::buffers_iterator<ringport::const_buffer>;

// Matches "##"; a '#' at the very end is a partial match.
class match_hashes {
 public:
  using result_type = bool;  // how Asio recognises a match condition class

  template <typename Iterator>
  std::pair<Iterator, bool> operator()(Iterator begin, Iterator end) const {
    for (Iterator i = begin; i != end; ++i) {
      if (*i != '#') continue;
      Iterator j = i;
      ++j;
      if (j == end) return {i, false};
      if (*j == '#') return {++j, true};
    }
    return {end, false};
  }
};

std::pair<iterator, bool> match_digit(iterator begin, iterator end) {
  for (iterator i = begin; i != end; ++i)
    if (*i >= '0' && *i <= '9') return {++i, true};
  return {end, false};
}

static_assert(ringport::is_match_condition<match_hashes>::value);
static_assert(ringport::is_match_condition<decltype(&match_digit)>::value);
static_assert(!ringport::is_match_condition<char>::value);
static_assert(!ringport::is_match_condition<std::string>::value);
static_assert(!ringport::is_match_condition<std::regex>::value);

TEST_P(ReadUntilMatchCondition, SyncOverTcp) {
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string_view("ab#")));
  ringport::write(p.client, ringport::buffer(std::string_view("#cd7")));
  // Ends the stream after these bytes: a missed delimiter ends in eof, not a hang.
  p.client.shutdown(ringport::ip::tcp::socket::shutdown_send);
  std::string data;
  const std::size_t n =
      ringport::read_until(p.server, ringport::dynamic_buffer(data), match_hashes());
  EXPECT_EQ(data.substr(0, n), "ab##");
  ringport::dynamic_buffer(data).consume(n);
  error_code ec;
  const std::size_t m =
      ringport::read_until(p.server, ringport::dynamic_buffer(data), &match_digit, ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(data.substr(0, m), "cd7");
}

TEST_P(ReadUntilMatchCondition, AsyncOverTcpMatchSplitAcrossWrites) {
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string_view("xyz#")));
  std::string data;
  int calls = 0;
  error_code result;
  std::size_t result_n = 0;
  ringport::async_read_until(p.server, ringport::dynamic_buffer(data), match_hashes(),
                             [&](error_code ec, std::size_t n) {
                               ++calls;
                               result = ec;
                               result_n = n;
                             });
  ctx().run_one_for(std::chrono::seconds(10));  // the first read step: "xyz#", a partial match
  EXPECT_EQ(calls, 0);
  ringport::write(p.client, ringport::buffer(std::string_view("#tail")));
  ctx().run_for(std::chrono::seconds(10));
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result) << result.message();
  EXPECT_EQ(result_n, 5u);
  EXPECT_EQ(data.substr(0, result_n), "xyz##");
}

TEST_P(ReadUntilMatchCondition, PartialMatchResumesThere) {
  ringport::test::short_io_stream stream(ctx(), 3);
  stream.input = "abcdefgh#ij#";
  // A stateful lambda: records where each search starts, relative to the first byte.
  std::vector<std::ptrdiff_t> starts;
  bool have_origin = false;
  iterator origin;
  auto cond = [&](iterator begin, iterator end) -> std::pair<iterator, bool> {
    if (!have_origin) {
      origin = begin;
      have_origin = true;
    }
    starts.push_back(begin - origin);
    return match_hashes()(begin, end);
  };
  static_assert(ringport::is_match_condition<decltype(cond)>::value);
  std::string s;
  error_code ec;
  const std::size_t n = ringport::read_until(stream, ringport::dynamic_buffer(s), cond, ec);
  EXPECT_TRUE(ec == ringport::error::eof) << "no \"##\" before the end of the stream";
  EXPECT_EQ(n, 0u);
  EXPECT_EQ(s, "abcdefgh#ij#") << "the bytes read stay in the buffer";
  // Reads: "" (empty buffer searched first), "abc", "def", "gh#", "ij#".
  EXPECT_EQ(starts, (std::vector<std::ptrdiff_t>{0, 0, 3, 6, 8}))
      << "after \"gh#\" the search resumes at the '#'";
}

TEST_P(ReadUntilMatchCondition, AsyncShortReadsTakeManySteps) {
  ringport::test::short_io_stream stream(ctx(), 1);
  stream.input = "one#two##three";
  ringport::streambuf sb;
  int calls = 0;
  std::size_t result_n = 0;
  ringport::async_read_until(stream, sb, match_hashes(), [&](error_code ec, std::size_t n) {
    EXPECT_FALSE(ec) << ec.message();
    ++calls;
    result_n = n;
  });
  ctx().run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(result_n, 9u);
  EXPECT_EQ(stream.read_requests.size(), 9u) << "one byte per step";
  EXPECT_EQ(sb.size(), 9u);
}

RINGPORT_INSTANTIATE_BACKENDS(ReadUntilMatchCondition);

}  // namespace read_until_match_condition_test
