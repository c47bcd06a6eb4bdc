// The v1 dynamic buffer model on std::string and std::vector: prepare() offers exactly the
// asked-for writable area after the readable bytes, commit() moves bytes into the readable
// area (never more than were prepared) and drops the rest, consume() drops bytes from the
// front, data() shows the readable bytes; a buffer never prepared reads the whole container.
#include <gtest/gtest.h>

#include "ringport/buffer.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/dynamic_buffer.hpp"

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace dynamic_buffer_v1_operations_test {

using string_buffer =
    ringport::dynamic_string_buffer<char, std::char_traits<char>, std::allocator<char>>;
using vector_buffer = ringport::dynamic_vector_buffer<char, std::allocator<char>>;

static_assert(ringport::is_dynamic_buffer_v1<string_buffer>::value);
static_assert(ringport::is_dynamic_buffer_v2<string_buffer>::value);
static_assert(ringport::is_dynamic_buffer_v1<vector_buffer>::value);
static_assert(ringport::is_dynamic_buffer_v2<vector_buffer>::value);
static_assert(std::is_same_v<decltype(ringport::dynamic_buffer(std::declval<std::string&>())),
                             string_buffer>);
static_assert(
    std::is_same_v<decltype(ringport::dynamic_buffer(std::declval<std::vector<char>&>(), 5)),
                   vector_buffer>);

std::string_view view(ringport::const_buffer b) {
  return std::string_view(static_cast<const char*>(b.data()), b.size());
}

TEST(DynamicBufferV1, StringPrepareCommitConsume) {
  std::string s = "abc";
  auto b = ringport::dynamic_buffer(s);
  EXPECT_EQ(b.size(), 3u) << "a buffer never prepared reads the whole string";
  EXPECT_EQ(view(b.data()), "abc");

  ringport::mutable_buffer out = b.prepare(10);
  EXPECT_EQ(out.size(), 10u);
  EXPECT_EQ(b.size(), 3u) << "prepared bytes are not readable yet";
  std::memcpy(out.data(), "defgh", 5);
  b.commit(5);
  EXPECT_EQ(b.size(), 8u);
  EXPECT_EQ(view(b.data()), "abcdefgh");
  EXPECT_EQ(s, "abcdefgh") << "commit drops the unused part of the prepared area";

  // Committing more than was prepared keeps only what was prepared.
  out = b.prepare(2);
  std::memcpy(out.data(), "ij", 2);
  b.commit(100);
  EXPECT_EQ(view(b.data()), "abcdefghij");

  b.consume(4);
  EXPECT_EQ(b.size(), 6u);
  EXPECT_EQ(view(b.data()), "efghij");
  EXPECT_EQ(s, "efghij");
  b.consume(100);
  EXPECT_EQ(b.size(), 0u);
  EXPECT_TRUE(s.empty());
  EXPECT_GE(b.capacity(), b.size());
}

TEST(DynamicBufferV1, VectorPrepareCommitConsume) {
  std::vector<char> v;
  auto b = ringport::dynamic_buffer(v, 64);
  EXPECT_EQ(b.size(), 0u);
  EXPECT_EQ(b.max_size(), 64u);
  ringport::mutable_buffer out = b.prepare(4);
  ASSERT_EQ(out.size(), 4u);
  std::memcpy(out.data(), "wxyz", 4);
  b.commit(3);
  EXPECT_EQ(view(b.data()), "wxy");
  EXPECT_EQ(v, (std::vector<char>{'w', 'x', 'y'}));
  b.consume(1);
  EXPECT_EQ(view(b.data()), "xy");
  EXPECT_LE(b.capacity(), 64u) << "capacity never exceeds max_size";
}

TEST(DynamicBufferV1, CopiesShareTheContainer) {
  std::string s;
  auto b = ringport::dynamic_buffer(s);
  auto c = b;
  std::memcpy(c.prepare(3).data(), "xyz", 3);
  c.commit(3);
  EXPECT_EQ(s, "xyz");
  EXPECT_EQ(b.size(), 3u) << "the unprepared copy reads the string as it is now";
}

}  // namespace dynamic_buffer_v1_operations_test
