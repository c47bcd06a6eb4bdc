// buffer_copy: copies across buffer boundaries that differ on each side, honours max_size,
// and stops at the smaller total.
#include <gtest/gtest.h>

#include "ringport/buffer.hpp"

#include <array>
#include <string>
#include <vector>

namespace buffer_copy_sequences_test {

TEST(BufferCopySequences, SingleToSingleCopiesTheSmallerSize) {
  const std::string src = "abcdefgh";
  char dst[5] = {};
  EXPECT_EQ(ringport::buffer_copy(ringport::buffer(dst), ringport::buffer(src)), 5u);
  EXPECT_EQ(std::string(dst, 5), "abcde");

  char big[20] = {};
  EXPECT_EQ(ringport::buffer_copy(ringport::buffer(big), ringport::buffer(src)), 8u);
  EXPECT_EQ(std::string(big, 8), "abcdefgh");
  EXPECT_EQ(big[8], 0);
}

TEST(BufferCopySequences, UnevenBoundariesOnBothSides) {
  // Source pieces of 3, 0, 5, 2 bytes into targets of 4, 1, 0, 6 bytes.
  const std::string s1 = "ABC", s3 = "DEFGH", s4 = "IJ";
  std::vector<ringport::const_buffer> source{ringport::buffer(s1), ringport::const_buffer(),
                                             ringport::buffer(s3), ringport::buffer(s4)};
  char t1[4], t2[1], t4[6] = {};
  std::array<ringport::mutable_buffer, 4> target{ringport::buffer(t1), ringport::buffer(t2),
                                                 ringport::mutable_buffer(), ringport::buffer(t4)};
  EXPECT_EQ(ringport::buffer_copy(target, source), 10u);
  EXPECT_EQ(std::string(t1, 4), "ABCD");
  EXPECT_EQ(std::string(t2, 1), "E");
  EXPECT_EQ(std::string(t4, 5), "FGHIJ");
  EXPECT_EQ(t4[5], 0);  // the target was larger: its tail is untouched
}

TEST(BufferCopySequences, MaxSizeStopsMidBuffer) {
  const std::string s1 = "0123", s2 = "4567";
  std::vector<ringport::const_buffer> source{ringport::buffer(s1), ringport::buffer(s2)};
  char t1[3] = {}, t2[3] = {}, t3[3] = {};
  std::vector<ringport::mutable_buffer> target{ringport::buffer(t1), ringport::buffer(t2),
                                               ringport::buffer(t3)};
  EXPECT_EQ(ringport::buffer_copy(target, source, 5), 5u);
  EXPECT_EQ(std::string(t1, 3), "012");
  EXPECT_EQ(std::string(t2, 2), "34");
  EXPECT_EQ(t2[2], 0);
  EXPECT_EQ(t3[0], 0);

  EXPECT_EQ(ringport::buffer_copy(target, source, 0), 0u);
  EXPECT_EQ(ringport::buffer_copy(target, source, 1000), 8u);
}

TEST(BufferCopySequences, MutableSourcesAndSingleTargets) {
  char a[3] = {'x', 'y', 'z'}, b[2] = {'1', '2'};
  std::vector<ringport::mutable_buffer> source{ringport::buffer(a), ringport::buffer(b)};
  char dst[4] = {};
  EXPECT_EQ(ringport::buffer_copy(ringport::buffer(dst), source), 4u);
  EXPECT_EQ(std::string(dst, 4), "xyz1");

  char one[2] = {};
  std::vector<ringport::mutable_buffer> targets{ringport::buffer(one)};
  EXPECT_EQ(ringport::buffer_copy(targets, ringport::buffer(a)), 2u);
  EXPECT_EQ(std::string(one, 2), "xy");
}

TEST(BufferCopySequences, EmptySidesCopyNothing) {
  char dst[4] = {};
  std::vector<ringport::const_buffer> none;
  EXPECT_EQ(ringport::buffer_copy(ringport::buffer(dst), none), 0u);
  std::vector<ringport::mutable_buffer> no_targets;
  EXPECT_EQ(ringport::buffer_copy(no_targets, ringport::buffer("abc")), 0u);
  EXPECT_EQ(ringport::buffer_copy(ringport::mutable_buffer(), ringport::const_buffer()), 0u);
}

}  // namespace buffer_copy_sequences_test
