// buffers_iterator: walks the bytes of a buffer sequence as one range, skipping empty
// buffers, with random access in both directions.
#include <gtest/gtest.h>

#include "ringport/buffer.hpp"
#include "ringport/buffers_iterator.hpp"

#include <algorithm>
#include <iterator>
#include <list>
#include <string>
#include <vector>

namespace buffers_iterator_walk_test {

using ringport::const_buffer;
using ringport::mutable_buffer;

static_assert(std::random_access_iterator<ringport::buffers_iterator<std::vector<const_buffer>>>);
static_assert(
    std::is_same_v<ringport::buffers_iterator<std::vector<const_buffer>>::reference, const char&>);
static_assert(
    std::is_same_v<ringport::buffers_iterator<std::vector<mutable_buffer>>::reference, char&>);

TEST(BuffersIteratorWalk, ReadsAcrossBuffersAndSkipsEmptyOnes) {
  const std::string a = "hel", c = "lo, ", d = "world";
  const std::vector<const_buffer> bufs{const_buffer(),      ringport::buffer(a), const_buffer(),
                                       ringport::buffer(c), ringport::buffer(d), const_buffer()};
  auto b = ringport::buffers_begin(bufs);
  auto e = ringport::buffers_end(bufs);
  EXPECT_EQ(e - b, 12);
  EXPECT_EQ(std::string(b, e), "hello, world");

  const std::string needle = "o, w";
  auto hit = std::search(b, e, needle.begin(), needle.end());
  EXPECT_EQ(hit - b, 4);

  std::string backwards;
  for (auto it = e; it != b;)
    backwards.push_back(*--it);
  EXPECT_EQ(backwards, "dlrow ,olleh");
}

TEST(BuffersIteratorWalk, RandomAccessBothWays) {
  const std::string a = "abc", b2 = "de", c = "fghij";
  const std::vector<const_buffer> bufs{ringport::buffer(a), ringport::buffer(b2),
                                       ringport::buffer(c)};
  auto b = ringport::buffers_begin(bufs);
  auto e = ringport::buffers_end(bufs);
  EXPECT_EQ(*(b + 3), 'd');
  EXPECT_EQ(b[9], 'j');
  EXPECT_EQ(*(e - 1), 'j');
  EXPECT_EQ(*(e - 10), 'a');
  auto mid = b + 7;
  EXPECT_EQ(*mid, 'h');
  mid -= 5;
  EXPECT_EQ(*mid, 'c');
  mid += 0;
  EXPECT_EQ(*mid, 'c');
  EXPECT_EQ(b + 10, e);
  EXPECT_TRUE(b < mid && mid < e);
  const std::vector<const_buffer> none;
  EXPECT_EQ(ringport::buffers_begin(none), ringport::buffers_end(none));
}

TEST(BuffersIteratorWalk, WritesThroughMutableBuffersAndSingleBuffers) {
  char x[2] = {}, y[3] = {};
  std::list<mutable_buffer> bufs{ringport::buffer(x), ringport::buffer(y)};
  const std::string text = "12345";
  std::copy(text.begin(), text.end(), ringport::buffers_begin(bufs));
  EXPECT_EQ(std::string(x, 2), "12");
  EXPECT_EQ(std::string(y, 3), "345");

  const const_buffer one = ringport::buffer(text);
  EXPECT_EQ(std::string(ringport::buffers_begin(one), ringport::buffers_end(one)), "12345");
}

}  // namespace buffers_iterator_walk_test
