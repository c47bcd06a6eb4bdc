// const_buffer/mutable_buffer: construction, offsets clamped to the size, mutable→const.
#include <gtest/gtest.h>

#include "ringport/buffer.hpp"

#include <type_traits>

namespace buffer_construction_offsets_test {

TEST(BufferConstructionOffsets, DefaultIsNullAndEmpty) {
  ringport::mutable_buffer m;
  ringport::const_buffer c;
  EXPECT_EQ(m.data(), nullptr);
  EXPECT_EQ(m.size(), 0u);
  EXPECT_EQ(c.data(), nullptr);
  EXPECT_EQ(c.size(), 0u);
}

TEST(BufferConstructionOffsets, PlusEqualsAdvancesAndClamps) {
  char raw[10] = {};
  ringport::mutable_buffer m(raw, sizeof(raw));
  m += 3;
  EXPECT_EQ(m.data(), raw + 3);
  EXPECT_EQ(m.size(), 7u);
  m += 100;  // past the end: stops at the end, never beyond
  EXPECT_EQ(m.data(), raw + 10);
  EXPECT_EQ(m.size(), 0u);

  ringport::const_buffer c(raw, sizeof(raw));
  c += 4;
  EXPECT_EQ(c.data(), raw + 4);
  EXPECT_EQ(c.size(), 6u);
  c += 6;
  EXPECT_EQ(c.data(), raw + 10);
  EXPECT_EQ(c.size(), 0u);
}

TEST(BufferConstructionOffsets, PlusWorksOnEitherSideAndLeavesTheOperandAlone) {
  const char raw[8] = {};
  const ringport::const_buffer c(raw, sizeof(raw));
  const ringport::const_buffer a = c + 5;
  const ringport::const_buffer b = 5 + c;
  EXPECT_EQ(a.data(), raw + 5);
  EXPECT_EQ(a.size(), 3u);
  EXPECT_EQ(b.data(), a.data());
  EXPECT_EQ(b.size(), a.size());
  EXPECT_EQ(c.data(), raw);
  EXPECT_EQ(c.size(), 8u);
  EXPECT_EQ((c + 9).size(), 0u);
  EXPECT_EQ((c + 9).data(), raw + 8);

  char wraw[4] = {};
  const ringport::mutable_buffer m(wraw, sizeof(wraw));
  EXPECT_EQ((m + 1).data(), wraw + 1);
  EXPECT_EQ((2 + m).size(), 2u);
  EXPECT_EQ((m + 4).size(), 0u);
  EXPECT_EQ((m + 5).data(), wraw + 4);
}

TEST(BufferConstructionOffsets, MutableConvertsToConstButNotBack) {
  static_assert(std::is_convertible_v<ringport::mutable_buffer, ringport::const_buffer>);
  static_assert(!std::is_convertible_v<ringport::const_buffer, ringport::mutable_buffer>);
  char raw[6] = {};
  const ringport::mutable_buffer m(raw, sizeof(raw));
  const ringport::const_buffer c = m;
  EXPECT_EQ(c.data(), raw);
  EXPECT_EQ(c.size(), 6u);
}

TEST(BufferConstructionOffsets, AccessorsAreUsableInConstantExpressions) {
  constexpr ringport::const_buffer c(nullptr, 0);
  static_assert(c.size() == 0);
  static_assert(c.data() == nullptr);
  SUCCEED();
}

}  // namespace buffer_construction_offsets_test
