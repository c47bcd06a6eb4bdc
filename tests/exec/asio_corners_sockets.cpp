// Corners of Asio's socket API that existing Asio code relies on, each included through its
// own header as such code does: ip::host_name(), basic_socket::at_mark(), the acceptor
// constructor from (context, protocol, native handle), send/receive buffer sizes that read
// back as set (Linux doubles them in the kernel), and an is_match_condition specialisation
// written as Asio's documentation shows it (`enum { value = true }`).

#include "context_test.hpp"
#include "portable_socket.hpp"
#include "tcp_pair.hpp"

#include "ringport/buffer.hpp"
#include "ringport/buffers_iterator.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/host_name.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read_until.hpp"
#include "ringport/socket_base.hpp"
#include "ringport/streambuf.hpp"
#include "ringport/write.hpp"

#include <chrono>
#include <string>
#include <thread>
#include <utility>

namespace asio_corners_sockets_test {

using AsioCornersSockets = ringport::test::context_test;
using ringport::error_code;
using ringport::socket_base;
using ringport::ip::tcp;

// A match condition as Asio's documentation writes one: a class with a call operator, made a
// match condition by a specialisation whose value is an enumerator.
class match_char {
 public:
  explicit match_char(char c) : c_(c) {}
  template <typename Iterator>
  std::pair<Iterator, bool> operator()(Iterator begin, Iterator end) const {
    for (Iterator i = begin; i != end; ++i)
      if (*i == c_) return {++i, true};
    return {end, false};
  }

 private:
  char c_;
};

}  // namespace asio_corners_sockets_test

template <>
struct ringport::is_match_condition<asio_corners_sockets_test::match_char> {
  enum { value = true };
};

namespace asio_corners_sockets_test {

TEST_F(AsioCornersSockets, HostNameIsTheMachinesName) {
  error_code ec;
  const std::string name = ringport::ip::host_name(ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_FALSE(name.empty());
  EXPECT_EQ(name.find('\0'), std::string::npos);
  EXPECT_EQ(ringport::ip::host_name(), name);
}

TEST_F(AsioCornersSockets, AtMarkFollowsOutOfBandData) {
  ringport::test::tcp_pair p(ctx());
  error_code ec;
  const bool before = p.server.at_mark(ec);
  ASSERT_FALSE(ec) << ec.message();
#if defined(__linux__)
  // Two ordinary bytes, then one urgent byte: the mark is after the ordinary ones.
  EXPECT_FALSE(before);
  p.client.send(ringport::buffer("ab", 2));
  p.client.send(ringport::buffer("X", 1), socket_base::message_out_of_band);
  char buf[2];
  std::size_t got = 0;
  for (int i = 0; i < 100 && got < 2; ++i)
    got += p.server.receive(ringport::buffer(buf + got, 2 - got));
  ASSERT_EQ(got, 2u);
  EXPECT_TRUE(p.server.at_mark());
  char urgent = 0;
  EXPECT_EQ(p.server.receive(ringport::buffer(&urgent, 1), socket_base::message_out_of_band), 1u);
  EXPECT_EQ(urgent, 'X');
#else
  (void)before;  // Winsock's own meaning (true while no urgent data waits), as in Asio
#endif
  p.server.close();
  p.server.at_mark(ec);
  EXPECT_EQ(ec, ringport::error::bad_descriptor) << ec.message();
  EXPECT_THROW(p.server.at_mark(), std::system_error);
}

TEST_F(AsioCornersSockets, AcceptorFromContextProtocolAndNativeHandle) {
  // A listening socket made outside the acceptor, adopted by the constructor. (The first
  // socket object makes the context's socket service, which starts Winsock on Windows.)
  tcp::socket client(ctx()), server(ctx());
  ringport::test::raw_socket raw = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_NE(raw, static_cast<ringport::test::raw_socket>(-1));
  tcp::acceptor adopted(ctx(), tcp::v4(), raw);
  ASSERT_TRUE(adopted.is_open());
  EXPECT_EQ(adopted.native_handle(), raw);
  adopted.bind(tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  adopted.listen();
  client.connect(adopted.local_endpoint());
  adopted.accept(server);
  EXPECT_EQ(server.remote_endpoint(), client.local_endpoint());
}

TEST_F(AsioCornersSockets, BufferSizesReadBackAsSet) {
  ringport::test::tcp_pair p(ctx());
  p.client.set_option(socket_base::send_buffer_size(65536));
  p.client.set_option(socket_base::receive_buffer_size(98304));
  socket_base::send_buffer_size send_size;
  socket_base::receive_buffer_size receive_size;
  p.client.get_option(send_size);
  p.client.get_option(receive_size);
  EXPECT_EQ(send_size.value(), 65536);
  EXPECT_EQ(receive_size.value(), 98304);
#if defined(__linux__)
  // What the kernel itself reports: twice the value (room for its bookkeeping).
  int raw = 0;
  ASSERT_TRUE(ringport::test::raw_int_option(p.client.native_handle(), SOL_SOCKET, SO_SNDBUF, raw));
  EXPECT_EQ(raw, 2 * 65536);
#endif
}

TEST_F(AsioCornersSockets, MatchConditionWithEnumValue) {
  static_assert(ringport::is_match_condition<match_char>::value);
  ringport::test::tcp_pair p(ctx());
  ringport::write(p.client, ringport::buffer(std::string("first;second;")));
  ringport::streambuf sb;
  const std::size_t n = ringport::read_until(p.server, sb, match_char(';'));
  EXPECT_EQ(n, 6u);
  std::string line(ringport::buffers_begin(sb.data()), ringport::buffers_begin(sb.data()) + n);
  EXPECT_EQ(line, "first;");
}

}  // namespace asio_corners_sockets_test
