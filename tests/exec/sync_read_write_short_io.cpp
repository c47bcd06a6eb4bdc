// Synchronous read/write loop over short transfers; the error_code& overloads report eof
// with the partial count, the throwing overloads throw system_error.
#include "context_test.hpp"
#include "short_io_stream.hpp"

#include "ringport/buffer.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <array>
#include <string>
#include <system_error>

namespace sync_read_write_short_io_test {

using SyncReadWriteShortIo = ringport::test::context_test;
using ringport::error_code;

TEST_F(SyncReadWriteShortIo, WriteSendsEverything) {
  ringport::test::short_io_stream stream(ctx(), 5);
  const std::string data(123, 'q');
  EXPECT_EQ(ringport::write(stream, ringport::buffer(data)), 123u);
  error_code ec = ringport::error::eof;
  EXPECT_EQ(ringport::write(stream, ringport::buffer(data), ec), 123u);
  EXPECT_FALSE(ec);
  EXPECT_EQ(ringport::write(stream, ringport::buffer(data), ringport::transfer_at_least(1)), 5u);
  EXPECT_EQ(ringport::write(stream, ringport::buffer(data), ringport::transfer_exactly(12), ec),
            12u);
  EXPECT_EQ(stream.output, data + data + data.substr(0, 5) + data.substr(0, 12));
}

TEST_F(SyncReadWriteShortIo, ReadFillsTheBuffers) {
  ringport::test::short_io_stream stream(ctx(), 5);
  for (int i = 0; i < 64; ++i)
    stream.input.push_back(static_cast<char>('A' + i % 26));
  char a[20], b[13];
  const std::array<ringport::mutable_buffer, 2> buffers{ringport::buffer(a), ringport::buffer(b)};
  EXPECT_EQ(ringport::read(stream, buffers), 33u);
  EXPECT_EQ(std::string(a, 20) + std::string(b, 13), stream.input.substr(0, 33));
  EXPECT_EQ(ringport::read(stream, ringport::buffer(a), ringport::transfer_exactly(7)), 7u);
  EXPECT_EQ(stream.read_pos, 40u);
}

TEST_F(SyncReadWriteShortIo, ReadReportsEofWithThePartialCount) {
  ringport::test::short_io_stream stream(ctx(), 4);
  stream.input = "0123456789";
  char data[32];
  error_code ec;
  EXPECT_EQ(ringport::read(stream, ringport::buffer(data), ec), 10u);
  EXPECT_EQ(ec, ringport::error::eof);
  stream.read_pos = 0;
  EXPECT_THROW(ringport::read(stream, ringport::buffer(data)), std::system_error);
}

}  // namespace sync_read_write_short_io_test
