// The v2 dynamic buffer model on std::string and std::vector: grow() appends bytes,
// data(pos, n) views any part (clipped to the size), shrink() drops bytes from the end,
// consume() from the front; the container's size is the buffer's size.
#include <gtest/gtest.h>

#include "ringport/buffer.hpp"
#include "ringport/dynamic_buffer.hpp"

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace dynamic_buffer_v2_operations_test {

std::string_view view(ringport::const_buffer b) {
  return std::string_view(static_cast<const char*>(b.data()), b.size());
}

TEST(DynamicBufferV2, StringGrowDataShrinkConsume) {
  std::string s = "ab";
  auto b = ringport::dynamic_buffer(s);
  EXPECT_EQ(b.size(), 2u);
  b.grow(4);
  EXPECT_EQ(b.size(), 6u);
  EXPECT_EQ(s.size(), 6u);
  ringport::mutable_buffer tail = b.data(2, 4);
  ASSERT_EQ(tail.size(), 4u);
  std::memcpy(tail.data(), "cdef", 4);
  EXPECT_EQ(s, "abcdef");

  const auto& cb = b;
  EXPECT_EQ(view(cb.data(1, 3)), "bcd");
  EXPECT_EQ(view(cb.data(4, 100)), "ef") << "data(pos, n) is clipped to the size";
  EXPECT_EQ(cb.data(6, 1).size(), 0u);
  EXPECT_EQ(cb.data(60, 1).size(), 0u);

  b.shrink(2);
  EXPECT_EQ(s, "abcd");
  b.consume(1);
  EXPECT_EQ(s, "bcd");
  EXPECT_EQ(b.size(), 3u);
  b.shrink(10);
  EXPECT_TRUE(s.empty()) << "shrinking by more than the size empties it";
  b.consume(5);
  EXPECT_EQ(b.size(), 0u);
}

TEST(DynamicBufferV2, VectorGrowDataShrinkConsume) {
  std::vector<unsigned char> v{1, 2, 3};
  auto b = ringport::dynamic_buffer(v, 10);
  EXPECT_EQ(b.max_size(), 10u);
  b.grow(7);
  EXPECT_EQ(v.size(), 10u);
  static_cast<unsigned char*>(b.data(9, 1).data())[0] = 42;
  EXPECT_EQ(v[9], 42);
  b.consume(2);
  EXPECT_EQ(v.size(), 8u);
  EXPECT_EQ(v[0], 3);
  b.shrink(7);
  EXPECT_EQ(v, (std::vector<unsigned char>{3}));
  EXPECT_LE(b.capacity(), 10u);
}

}  // namespace dynamic_buffer_v2_operations_test
