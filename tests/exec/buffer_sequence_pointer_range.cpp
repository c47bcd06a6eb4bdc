// A class whose begin() and end() return pointers to buffers, with no value_type or
// const_iterator, is a buffer sequence (Asio's rule looks only at what begin() points at):
// the traits say so and the buffer functions and composed reads and writes take it.

#include "context_test.hpp"
#include "short_io_stream.hpp"

#include "ringport/buffer.hpp"
#include "ringport/buffers_iterator.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace buffer_sequence_pointer_range_test {

using BufferSequencePointerRange = ringport::test::context_test;
using ringport::error_code;

// Two buffers, exposed only through begin()/end().
template <typename Buffer>
class two_buffers {
 public:
  two_buffers(Buffer a, Buffer b) : buffers_{a, b} {}
  const Buffer* begin() const { return buffers_.data(); }
  const Buffer* end() const { return buffers_.data() + buffers_.size(); }

 private:
  std::array<Buffer, 2> buffers_;
};

using const_pair = two_buffers<ringport::const_buffer>;
using mutable_pair = two_buffers<ringport::mutable_buffer>;

static_assert(ringport::is_const_buffer_sequence<const_pair>::value);
static_assert(!ringport::is_mutable_buffer_sequence<const_pair>::value);
static_assert(ringport::is_mutable_buffer_sequence<mutable_pair>::value);
static_assert(ringport::is_const_buffer_sequence<mutable_pair>::value);
// Not a sequence: what begin() points at is not a buffer.
struct ints {
  const int* begin() const { return nullptr; }
  const int* end() const { return nullptr; }
};
static_assert(!ringport::is_const_buffer_sequence<ints>::value);

TEST_F(BufferSequencePointerRange, BufferFunctionsTakeIt) {
  const std::string head = "hello ", tail = "world";
  const const_pair source(ringport::buffer(head), ringport::buffer(tail));
  EXPECT_EQ(ringport::buffer_size(source), 11u);
  std::string joined(ringport::buffers_begin(source), ringport::buffers_end(source));
  EXPECT_EQ(joined, "hello world");

  char a[4] = {}, b[16] = {};
  const mutable_pair target(ringport::buffer(a), ringport::buffer(b));
  EXPECT_EQ(ringport::buffer_copy(target, source), 11u);
  EXPECT_EQ(std::string(a, 4) + std::string(b, 7), "hello world");
}

TEST_F(BufferSequencePointerRange, ComposedReadsAndWritesTakeIt) {
  ringport::test::short_io_stream stream(ctx(), 3);  // three bytes per call: several steps
  const std::string head = "pointer ", tail = "range";
  const const_pair source(ringport::buffer(head), ringport::buffer(tail));
  EXPECT_EQ(ringport::write(stream, source), 13u);
  std::optional<error_code> write_ec;
  ringport::async_write(stream, source, [&](error_code ec, std::size_t n) {
    write_ec = ec;
    EXPECT_EQ(n, 13u);
  });
  ctx().run();
  ASSERT_TRUE(write_ec.has_value());
  EXPECT_FALSE(*write_ec);
  EXPECT_EQ(stream.output, "pointer rangepointer range");

  stream.input = "abcdefghij";
  char a[4] = {}, b[6] = {};
  const mutable_pair target(ringport::buffer(a), ringport::buffer(b));
  std::optional<error_code> read_ec;
  ctx().restart();
  ringport::async_read(stream, target, [&](error_code ec, std::size_t n) {
    read_ec = ec;
    EXPECT_EQ(n, 10u);
  });
  ctx().run();
  ASSERT_TRUE(read_ec.has_value());
  EXPECT_FALSE(*read_ec);
  EXPECT_EQ(std::string(a, 4) + std::string(b, 6), "abcdefghij");
}

}  // namespace buffer_sequence_pointer_range_test
