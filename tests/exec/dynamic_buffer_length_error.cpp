// Growing a dynamic buffer past its max_size() throws std::length_error and leaves the
// buffer as it was: v1 prepare() and v2 grow(), on strings and vectors; growing right up to
// max_size() is allowed.
#include <gtest/gtest.h>

#include "ringport/buffer.hpp"
#include "ringport/dynamic_buffer.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace dynamic_buffer_length_error_test {

TEST(DynamicBufferLengthError, V1PrepareOnString) {
  std::string s = "abcd";
  auto b = ringport::dynamic_buffer(s, 8);
  EXPECT_THROW(b.prepare(5), std::length_error);
  EXPECT_EQ(s, "abcd");
  EXPECT_EQ(b.prepare(4).size(), 4u) << "up to max_size is fine";
  b.commit(4);
  EXPECT_EQ(b.size(), 8u);
  EXPECT_THROW(b.prepare(1), std::length_error);
  EXPECT_EQ(b.size(), 8u);
}

TEST(DynamicBufferLengthError, V2GrowOnVector) {
  std::vector<char> v(3, 'x');
  auto b = ringport::dynamic_buffer(v, 5);
  EXPECT_THROW(b.grow(3), std::length_error);
  EXPECT_EQ(v.size(), 3u);
  b.grow(2);
  EXPECT_EQ(v.size(), 5u);
  EXPECT_THROW(b.grow(1), std::length_error);
  EXPECT_EQ(v.size(), 5u);
}

TEST(DynamicBufferLengthError, V2GrowOnStringWithoutLimitOverflow) {
  std::string s = "ab";
  auto b = ringport::dynamic_buffer(s);
  EXPECT_THROW(b.grow(static_cast<std::size_t>(-1)), std::length_error)
      << "size + n would overflow";
  EXPECT_EQ(s, "ab");
}

}  // namespace dynamic_buffer_length_error_test
