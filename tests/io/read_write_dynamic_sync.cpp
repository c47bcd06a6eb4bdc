// Synchronous read / write on dynamic buffers: over a TCP pair on loopback a streambuf
// written with an ostream is sent and consumed (then the stream is shut down), and read back into a
// v2 string buffer with transfer_exactly, into a v1 streambuf_ref and a v2 vector buffer; through
// short_io_stream a read to the end reports eof (thrown by the throwing form) with every byte kept,
// and the error_code form of write sends everything.

#include "backend_test.hpp"
#include "short_io_stream.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/error.hpp"
#include "ringport/read.hpp"
#include "ringport/streambuf.hpp"
#include "ringport/write.hpp"

#include <ostream>
#include <string>
#include <system_error>
#include <vector>

namespace read_write_dynamic_sync_test {

using ReadWriteDynamicSync = ringport::test::backend_test;
using ringport::error_code;

TEST_P(ReadWriteDynamicSync, StreambufOverTcpIntoDynamicBuffers) {
  ringport::test::tcp_pair p(ctx());
  ringport::streambuf out;
  std::ostream os(&out);
  os << "header:" << 12345 << ";body";
  EXPECT_EQ(ringport::write(p.client, out), 17u);
  EXPECT_EQ(out.size(), 0u) << "what was sent is consumed";
  p.client.shutdown(ringport::ip::tcp::socket::shutdown_send);

  std::string s;
  EXPECT_EQ(ringport::read(p.server, ringport::dynamic_buffer(s), ringport::transfer_exactly(7)),
            7u);
  EXPECT_EQ(s, "header:");

  ringport::streambuf in;
  error_code ec;
  EXPECT_EQ(ringport::read(p.server, ringport::basic_streambuf_ref<>(in),
                           ringport::transfer_exactly(5), ec),
            5u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(std::string(static_cast<const char*>(in.data().data()), in.size()), "12345");

  std::vector<char> v;
  EXPECT_EQ(ringport::read(p.server, ringport::dynamic_buffer(v), ec), 5u);
  EXPECT_TRUE(ec == ringport::error::eof) << ec.message();
  EXPECT_EQ(std::string(v.begin(), v.end()), ";body");
}

TEST_P(ReadWriteDynamicSync, ShortIoReadToEofThrowsAndKeepsBytes) {
  ringport::test::short_io_stream stream(ctx(), 7);
  stream.input = std::string(600, 'q');
  ringport::streambuf sb;
  try {
    ringport::read(stream, sb);
    ADD_FAILURE() << "no exception";
  } catch (const std::system_error& e) {
    EXPECT_TRUE(e.code() == ringport::error::eof) << e.code().message();
  }
  EXPECT_EQ(sb.size(), 600u);

  std::string s = "written in pieces";
  error_code ec;
  EXPECT_EQ(ringport::write(stream, ringport::dynamic_buffer(s), ec), 17u);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(stream.output, "written in pieces");
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(stream.write_requests.size(), 3u);
}

RINGPORT_INSTANTIATE_BACKENDS(ReadWriteDynamicSync);

}  // namespace read_write_dynamic_sync_test
