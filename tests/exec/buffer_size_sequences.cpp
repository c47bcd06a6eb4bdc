// buffer_size over a single buffer and over sequences of mutable and const buffers.
#include <gtest/gtest.h>

#include "ringport/buffer.hpp"

#include <array>
#include <list>
#include <vector>

namespace buffer_size_sequences_test {

TEST(BufferSizeSequences, SingleBuffers) {
  char raw[10];
  EXPECT_EQ(ringport::buffer_size(ringport::mutable_buffer(raw, 10)), 10u);
  EXPECT_EQ(ringport::buffer_size(ringport::const_buffer(raw, 3)), 3u);
  EXPECT_EQ(ringport::buffer_size(ringport::const_buffer()), 0u);
}

TEST(BufferSizeSequences, SumsEveryElement) {
  char a[5], b[7], c[11];
  std::vector<ringport::mutable_buffer> v{ringport::buffer(a), ringport::buffer(b),
                                          ringport::mutable_buffer(), ringport::buffer(c)};
  EXPECT_EQ(ringport::buffer_size(v), 23u);

  const std::array<ringport::const_buffer, 2> arr{ringport::buffer("xy"), ringport::buffer(b)};
  EXPECT_EQ(ringport::buffer_size(arr), 10u);

  // Any container with a const_iterator works, not only contiguous ones.
  std::list<ringport::const_buffer> l{ringport::buffer(a), ringport::buffer(c, 4)};
  EXPECT_EQ(ringport::buffer_size(l), 9u);

  std::vector<ringport::const_buffer> empty;
  EXPECT_EQ(ringport::buffer_size(empty), 0u);
}

}  // namespace buffer_size_sequences_test
