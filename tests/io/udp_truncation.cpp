// A 100-byte datagram received into a 10-byte buffer: as Asio on Linux, the receive succeeds
// with 10 bytes (the buffer's size) and no error; the other 90 bytes are lost (the kernel
// flags MSG_TRUNC, which Asio does not surface). The next datagram arrives whole.

#include "backend_test.hpp"
#include "ringport/buffer.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/udp.hpp"

#include <cstddef>
#include <string>

namespace udp_truncation_test {

using ringport::error_code;
using ringport::ip::udp;
using UdpTruncation = ringport::test::backend_test;

TEST_P(UdpTruncation, LongDatagramIsCutAndNextIsIntact) {
  udp::endpoint any(ringport::ip::make_address("127.0.0.1"), 0);
  udp::socket sender(ctx(), any);
  udp::socket receiver(ctx(), any);
  const udp::endpoint to = receiver.local_endpoint();

  std::string big(100, '\0');
  for (std::size_t i = 0; i < big.size(); ++i)
    big[i] = static_cast<char>('a' + i % 26);
  const std::string next = "next datagram";
  // Two datagrams queued in order before any receive starts.
  ASSERT_EQ(sender.send_to(ringport::buffer(big), to), big.size());
  ASSERT_EQ(sender.send_to(ringport::buffer(next), to), next.size());

  char small[10] = {};
  char whole[64] = {};
  udp::endpoint from;
  error_code first_ec, second_ec;
  std::size_t first = 0, second = 0;
  int done = 0;
  receiver.async_receive_from(ringport::buffer(small), from, [&](error_code ec, std::size_t n) {
    first_ec = ec;
    first = n;
    ++done;
    receiver.async_receive_from(ringport::buffer(whole), from, [&](error_code ec2, std::size_t m) {
      second_ec = ec2;
      second = m;
      ++done;
    });
  });
  ctx().run();

  ASSERT_EQ(done, 2);
  EXPECT_FALSE(first_ec) << first_ec.message();
  EXPECT_EQ(first, sizeof small);
  EXPECT_EQ(std::string(small, sizeof small), big.substr(0, sizeof small));
  ASSERT_FALSE(second_ec) << second_ec.message();
  EXPECT_EQ(std::string(whole, second), next);

  // The synchronous form reports the same.
  ASSERT_EQ(sender.send_to(ringport::buffer(big), to), big.size());
  error_code ec;
  EXPECT_EQ(receiver.receive_from(ringport::buffer(small), from, 0, ec), sizeof small);
  EXPECT_FALSE(ec) << ec.message();
}

RINGPORT_INSTANTIATE_BACKENDS(UdpTruncation);

}  // namespace udp_truncation_test
