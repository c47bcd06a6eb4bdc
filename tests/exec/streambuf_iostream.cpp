// streambuf is a std::streambuf and a v1 dynamic buffer over the same bytes: what an
// ostream writes is readable through data() and an istream; prepare()/commit() add bytes an
// istream then extracts; consume() drops them; max_size() bounds both (length_error from
// prepare(), a failed ostream).
#include <gtest/gtest.h>

#include "ringport/buffer.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/streambuf.hpp"

#include <cstring>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace streambuf_iostream_test {

static_assert(ringport::is_dynamic_buffer_v1<ringport::streambuf>::value);
static_assert(ringport::is_dynamic_buffer_v1<ringport::basic_streambuf_ref<>>::value);
static_assert(!ringport::is_dynamic_buffer_v2<ringport::basic_streambuf_ref<>>::value);

std::string_view view(ringport::const_buffer b) {
  return std::string_view(static_cast<const char*>(b.data()), b.size());
}

TEST(StreambufIostream, OstreamThenDataThenIstream) {
  ringport::streambuf sb;
  std::ostream os(&sb);
  os << "hello " << 42 << '\n' << std::string(300, 'z');  // past the first 128-byte block
  ASSERT_TRUE(os.good());
  EXPECT_EQ(sb.size(), 9u + 300u);
  EXPECT_EQ(view(sb.data()).substr(0, 9), "hello 42\n");

  std::istream is(&sb);
  std::string word;
  int number = 0;
  is >> word >> number;
  EXPECT_EQ(word, "hello");
  EXPECT_EQ(number, 42);
  EXPECT_EQ(sb.size(), 301u) << "extraction consumes";
  std::string rest;
  std::getline(is, rest);  // the end of the first line
  EXPECT_TRUE(rest.empty());
  // The z's run past the get area the last growth left: the streambuf must extend it.
  std::getline(is, rest);
  EXPECT_EQ(rest, std::string(300, 'z'));
  EXPECT_EQ(sb.size(), 0u);
  EXPECT_TRUE(is.eof());
}

TEST(StreambufIostream, PrepareCommitThenIstream) {
  ringport::streambuf sb;
  ringport::mutable_buffer out = sb.prepare(1000);
  ASSERT_EQ(out.size(), 1000u);
  std::memcpy(out.data(), "line one\nline two\n", 18);
  sb.commit(18);
  EXPECT_EQ(sb.size(), 18u);
  std::istream is(&sb);
  std::string line;
  std::getline(is, line);
  EXPECT_EQ(line, "line one");
  EXPECT_EQ(view(sb.data()), "line two\n");
  // Interleave: more committed bytes after a partial extraction.
  std::memcpy(sb.prepare(6).data(), "three\n", 6);
  sb.commit(6);
  std::getline(is, line);
  EXPECT_EQ(line, "line two");
  std::getline(is, line);
  EXPECT_EQ(line, "three");
  EXPECT_EQ(sb.size(), 0u);
}

TEST(StreambufIostream, MaxSizeBoundsPrepareAndOstream) {
  ringport::streambuf sb(16);
  EXPECT_EQ(sb.max_size(), 16u);
  EXPECT_THROW(sb.prepare(17), std::length_error);
  std::ostream os(&sb);
  os << "0123456789abcdef";
  EXPECT_TRUE(os.good());
  EXPECT_EQ(sb.size(), 16u);
  os << 'x';
  EXPECT_TRUE(os.bad()) << "a write past max_size fails the stream";
  EXPECT_EQ(sb.size(), 16u);
  // Consuming makes room again: the input sequence moves to the front.
  sb.consume(10);
  EXPECT_EQ(sb.prepare(10).size(), 10u);
  EXPECT_THROW(sb.prepare(11), std::length_error);
  EXPECT_EQ(view(sb.data()), "abcdef");
}

}  // namespace streambuf_iostream_test
