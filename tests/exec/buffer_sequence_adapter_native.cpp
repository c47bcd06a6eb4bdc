// buffer_sequence_adapter: native scatter/gather entries with the right pointers and
// lengths, the 64-entry cap, and (on POSIX) an array the kernel accepts as is.
#include <gtest/gtest.h>

#include "ringport/buffer.hpp"
#include "ringport/detail/buffer_sequence_adapter.hpp"

#include <array>
#include <string>
#include <vector>

#if !defined(_WIN32)
#include <sys/uio.h>
#include <unistd.h>
#endif

namespace buffer_sequence_adapter_native_test {

using ringport::detail::buffer_sequence_adapter;
using ringport::detail::native_buffer_data;
using ringport::detail::native_buffer_size;

TEST(BufferSequenceAdapterNative, ThreeBuffersGiveThreeEntries) {
  char a[3], b[5], c[7];
  const std::array<ringport::mutable_buffer, 3> bufs{ringport::buffer(a), ringport::buffer(b),
                                                     ringport::buffer(c)};
  buffer_sequence_adapter<ringport::mutable_buffer, std::array<ringport::mutable_buffer, 3>>
      adapter(bufs);
  ASSERT_EQ(adapter.count(), 3u);
  EXPECT_EQ(native_buffer_data(adapter.buffers()[0]), a);
  EXPECT_EQ(native_buffer_size(adapter.buffers()[0]), 3u);
  EXPECT_EQ(native_buffer_data(adapter.buffers()[1]), b);
  EXPECT_EQ(native_buffer_size(adapter.buffers()[1]), 5u);
  EXPECT_EQ(native_buffer_data(adapter.buffers()[2]), c);
  EXPECT_EQ(native_buffer_size(adapter.buffers()[2]), 7u);
  EXPECT_EQ(adapter.total_size(), 15u);
  EXPECT_FALSE(adapter.all_empty());
  EXPECT_FALSE(adapter.truncated());
}

TEST(BufferSequenceAdapterNative, SingleBufferTakesOneEntry) {
  const std::string s = "payload";
  const ringport::const_buffer cb = ringport::buffer(s);
  buffer_sequence_adapter<ringport::const_buffer, ringport::const_buffer> adapter(cb);
  static_assert(decltype(adapter)::max_buffers == 1);
  ASSERT_EQ(adapter.count(), 1u);
  EXPECT_EQ(native_buffer_data(adapter.buffers()[0]), s.data());
  EXPECT_EQ(adapter.total_size(), s.size());

  // A mutable buffer handed to a send is a single buffer as well.
  char raw[4];
  const ringport::mutable_buffer mb = ringport::buffer(raw);
  buffer_sequence_adapter<ringport::const_buffer, ringport::mutable_buffer> send_adapter(mb);
  static_assert(decltype(send_adapter)::max_buffers == 1);
  EXPECT_EQ(send_adapter.total_size(), 4u);
}

TEST(BufferSequenceAdapterNative, HundredBuffersAreCappedAndReported) {
  std::vector<char> storage(100);
  std::vector<ringport::const_buffer> bufs;
  for (std::size_t i = 0; i < 100; ++i)
    bufs.push_back(ringport::const_buffer(&storage[i], 1));
  buffer_sequence_adapter<ringport::const_buffer, std::vector<ringport::const_buffer>> adapter(
      bufs);
  EXPECT_EQ(decltype(adapter)::max_buffers, 64u);
  EXPECT_EQ(adapter.count(), 64u);
  EXPECT_EQ(adapter.total_size(), 64u);
  EXPECT_TRUE(adapter.truncated());
  EXPECT_EQ(native_buffer_data(adapter.buffers()[63]), &storage[63]);

  bufs.resize(64);
  buffer_sequence_adapter<ringport::const_buffer, std::vector<ringport::const_buffer>> exact(bufs);
  EXPECT_EQ(exact.count(), 64u);
  EXPECT_FALSE(exact.truncated());
}

TEST(BufferSequenceAdapterNative, EmptyBuffersAndFirst) {
  char raw[6];
  std::vector<ringport::mutable_buffer> bufs{ringport::mutable_buffer(),
                                             ringport::mutable_buffer(raw, 0)};
  using adapter_type =
      buffer_sequence_adapter<ringport::mutable_buffer, std::vector<ringport::mutable_buffer>>;
  adapter_type empty(bufs);
  EXPECT_EQ(empty.count(), 2u);  // empty entries are kept
  EXPECT_TRUE(empty.all_empty());
  EXPECT_TRUE(adapter_type::all_empty(bufs));
  EXPECT_EQ(adapter_type::first(bufs).size(), 0u);

  bufs.push_back(ringport::mutable_buffer(raw + 1, 5));
  EXPECT_FALSE(adapter_type::all_empty(bufs));
  EXPECT_EQ(adapter_type::first(bufs).data(), raw + 1);
  EXPECT_EQ(adapter_type::first(bufs).size(), 5u);
}

#if !defined(_WIN32)
TEST(BufferSequenceAdapterNative, KernelAcceptsTheArrayInWritevAndReadv) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const std::string a = "gather", b = "-", c = "write";
  const std::array<ringport::const_buffer, 3> out{ringport::buffer(a), ringport::buffer(b),
                                                  ringport::buffer(c)};
  buffer_sequence_adapter<ringport::const_buffer, std::array<ringport::const_buffer, 3>> writer(
      out);
  EXPECT_EQ(::writev(fds[1], writer.buffers(), static_cast<int>(writer.count())),
            static_cast<ssize_t>(writer.total_size()));

  char x[4] = {}, y[8] = {};
  const std::array<ringport::mutable_buffer, 2> in{ringport::buffer(x), ringport::buffer(y)};
  buffer_sequence_adapter<ringport::mutable_buffer, std::array<ringport::mutable_buffer, 2>> reader(
      in);
  EXPECT_EQ(::readv(fds[0], reader.buffers(), static_cast<int>(reader.count())), 12);
  EXPECT_EQ(std::string(x, 4), "gath");
  EXPECT_EQ(std::string(y, 8), "er-write");
  ::close(fds[0]);
  ::close(fds[1]);
}
#endif

}  // namespace buffer_sequence_adapter_native_test
