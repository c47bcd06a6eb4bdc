// Each buffer() overload: which buffer type it makes, and its data pointer and size.
#include <gtest/gtest.h>

#include "ringport/buffer.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace buffer_overloads_test {

template <typename Expected, typename Actual>
void expect_type(const Actual&) {
  static_assert(std::is_same_v<Expected, Actual>);
}

TEST(BufferOverloads, RawPointerAndSize) {
  char raw[16];
  const char* craw = raw;
  auto m = ringport::buffer(static_cast<void*>(raw), 16);
  auto c = ringport::buffer(static_cast<const void*>(craw), 12);
  expect_type<ringport::mutable_buffer>(m);
  expect_type<ringport::const_buffer>(c);
  EXPECT_EQ(m.data(), raw);
  EXPECT_EQ(m.size(), 16u);
  EXPECT_EQ(c.data(), raw);
  EXPECT_EQ(c.size(), 12u);
}

TEST(BufferOverloads, ExistingBuffersWithMaxSize) {
  char raw[16];
  const ringport::mutable_buffer m(raw, 16);
  const ringport::const_buffer c(raw, 16);
  expect_type<ringport::mutable_buffer>(ringport::buffer(m));
  expect_type<ringport::const_buffer>(ringport::buffer(c));
  EXPECT_EQ(ringport::buffer(m).size(), 16u);
  EXPECT_EQ(ringport::buffer(m, 5).size(), 5u);
  EXPECT_EQ(ringport::buffer(m, 50).size(), 16u);
  EXPECT_EQ(ringport::buffer(m, 5).data(), raw);
  EXPECT_EQ(ringport::buffer(c, 7).size(), 7u);
  EXPECT_EQ(ringport::buffer(c, 70).size(), 16u);
  EXPECT_EQ(ringport::buffer(c, 7).data(), raw);
}

TEST(BufferOverloads, CArraysCountBytesNotElements) {
  std::uint32_t words[4] = {};
  const std::uint16_t halves[3] = {};
  auto m = ringport::buffer(words);
  auto c = ringport::buffer(halves);
  expect_type<ringport::mutable_buffer>(m);
  expect_type<ringport::const_buffer>(c);
  EXPECT_EQ(m.data(), words);
  EXPECT_EQ(m.size(), 16u);
  EXPECT_EQ(c.data(), halves);
  EXPECT_EQ(c.size(), 6u);
  EXPECT_EQ(ringport::buffer(words, 10).size(), 10u);
  EXPECT_EQ(ringport::buffer(halves, 100).size(), 6u);
  // A string literal is a const char array: its size includes the terminating NUL.
  EXPECT_EQ(ringport::buffer("abc").size(), 4u);
}

TEST(BufferOverloads, StdArrayConstnessPicksTheBufferType) {
  std::array<std::uint16_t, 5> a{};
  std::array<const char, 3> ca{'x', 'y', 'z'};
  const std::array<char, 2> a_const{};
  expect_type<ringport::mutable_buffer>(ringport::buffer(a));
  expect_type<ringport::const_buffer>(ringport::buffer(ca));
  expect_type<ringport::const_buffer>(ringport::buffer(a_const));
  EXPECT_EQ(ringport::buffer(a).data(), a.data());
  EXPECT_EQ(ringport::buffer(a).size(), 10u);
  EXPECT_EQ(ringport::buffer(a, 3).size(), 3u);
  EXPECT_EQ(ringport::buffer(ca).data(), ca.data());
  EXPECT_EQ(ringport::buffer(ca).size(), 3u);
  EXPECT_EQ(ringport::buffer(ca, 1).size(), 1u);
  EXPECT_EQ(ringport::buffer(a_const).size(), 2u);
  EXPECT_EQ(ringport::buffer(a_const, 9).size(), 2u);
}

TEST(BufferOverloads, VectorUsesSizeNotCapacity) {
  std::vector<std::int32_t> v(3);
  v.reserve(100);
  const std::vector<std::int32_t>& cv = v;
  expect_type<ringport::mutable_buffer>(ringport::buffer(v));
  expect_type<ringport::const_buffer>(ringport::buffer(cv));
  EXPECT_EQ(ringport::buffer(v).data(), v.data());
  EXPECT_EQ(ringport::buffer(v).size(), 12u);
  EXPECT_EQ(ringport::buffer(v, 5).size(), 5u);
  EXPECT_EQ(ringport::buffer(cv).size(), 12u);
  EXPECT_EQ(ringport::buffer(cv, 50).size(), 12u);

  std::vector<char> empty;
  EXPECT_EQ(ringport::buffer(empty).data(), nullptr);
  EXPECT_EQ(ringport::buffer(empty).size(), 0u);
}

TEST(BufferOverloads, StringsAndWideStrings) {
  std::string s = "hello";
  const std::string cs = "constant";
  std::wstring ws = L"wide";
  expect_type<ringport::mutable_buffer>(ringport::buffer(s));
  expect_type<ringport::const_buffer>(ringport::buffer(cs));
  EXPECT_EQ(ringport::buffer(s).data(), s.data());
  EXPECT_EQ(ringport::buffer(s).size(), 5u);
  EXPECT_EQ(ringport::buffer(s, 2).size(), 2u);
  EXPECT_EQ(ringport::buffer(cs).data(), cs.data());
  EXPECT_EQ(ringport::buffer(cs).size(), 8u);
  EXPECT_EQ(ringport::buffer(cs, 3).size(), 3u);
  EXPECT_EQ(ringport::buffer(ws).size(), 4 * sizeof(wchar_t));
  EXPECT_EQ(ringport::buffer(ws, 1).size(), 1u);

  std::string empty;
  EXPECT_EQ(ringport::buffer(empty).data(), nullptr);
}

TEST(BufferOverloads, StringViewIsConstOnly) {
  std::string_view sv = "view of text";
  expect_type<ringport::const_buffer>(ringport::buffer(sv));
  EXPECT_EQ(ringport::buffer(sv).data(), sv.data());
  EXPECT_EQ(ringport::buffer(sv).size(), sv.size());
  EXPECT_EQ(ringport::buffer(sv, 4).size(), 4u);
  EXPECT_EQ(ringport::buffer(sv, 400).size(), sv.size());
  EXPECT_EQ(ringport::buffer(std::string_view()).data(), nullptr);
}

}  // namespace buffer_overloads_test
