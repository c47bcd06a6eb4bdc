// 1 MiB over loopback TCP: async_write from a gather sequence and async_read of exactly
// 1 MiB into a scatter sequence, both looping over the kernel's partial transfers; the
// bytes arrive intact, on every backend.

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <array>
#include <cstddef>
#include <vector>

namespace tcp_async_read_write_large_test {

using TcpAsyncReadWriteLarge = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

constexpr std::size_t total_size = 1024 * 1024;

TEST_P(TcpAsyncReadWriteLarge, OneMebibyteArrivesIntact) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket server(ctx()), client(ctx());

  std::vector<unsigned char> message(total_size);
  for (std::size_t i = 0; i < total_size; ++i)
    message[i] = static_cast<unsigned char>((i * 7 + i / 251) & 0xff);
  // Uneven pieces so that step boundaries fall inside buffers.
  const std::array<ringport::const_buffer, 3> gather{
      ringport::buffer(message.data(), 1000), ringport::buffer(message.data() + 1000, 300000),
      ringport::buffer(message.data() + 301000, total_size - 301000)};
  std::vector<unsigned char> received(total_size);
  const std::array<ringport::mutable_buffer, 4> scatter{
      ringport::buffer(received.data(), 77777), ringport::buffer(received.data() + 77777, 1),
      ringport::buffer(received.data() + 77778, 500000),
      ringport::buffer(received.data() + 577778, total_size - 577778)};

  std::size_t written = 0, read = 0;
  error_code write_ec = ringport::error::eof, read_ec = ringport::error::eof;
  acceptor.async_accept(server, [&](error_code ec) {
    ASSERT_FALSE(ec) << ec.message();
    ringport::async_read(server, scatter, ringport::transfer_exactly(total_size),
                         [&](error_code ec, std::size_t n) {
                           read_ec = ec;
                           read = n;
                         });
  });
  client.async_connect(acceptor.local_endpoint(), [&](error_code ec) {
    ASSERT_FALSE(ec) << ec.message();
    ringport::async_write(client, gather, [&](error_code ec, std::size_t n) {
      write_ec = ec;
      written = n;
    });
  });
  ctx().run();
  EXPECT_FALSE(write_ec) << write_ec.message();
  EXPECT_FALSE(read_ec) << read_ec.message();
  EXPECT_EQ(written, total_size);
  EXPECT_EQ(read, total_size);
  EXPECT_TRUE(received == message);
}

RINGPORT_INSTANTIATE_BACKENDS(TcpAsyncReadWriteLarge);

}  // namespace tcp_async_read_write_large_test
