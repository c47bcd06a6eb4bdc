// IPv4 multicast sender and receiver on the loopback interface, written as for Asio: only
// the alias below names ringport.
// Usage: multicast receive <listen_address> <group> <port> <count>
//        multicast send <group> <port> <count> [interval_ms]
// receive: opens a UDP socket with reuse_address (so several receivers can share the
//   port), binds <listen_address>:<port> (port 0: an ephemeral one; the address is the
//   group itself on Linux, which then delivers only that group's datagrams to it, or
//   0.0.0.0 where binding a group address is not allowed, as on Windows), joins <group> on
//   the interface 127.0.0.1, prints "listening on <port>", then prints <count> datagrams and
//   exits 0. If they do not all come within 30 s it says "timed out" and exits 1.
// send: sends <count> datagrams "message 1", "message 2", ... to <group>:<port>, one every
//   interval_ms (default 10) paced by a steady_timer, out of the interface 127.0.0.1 with
//   multicast loopback on and a hop limit of 1, so nothing leaves the machine.
// The group must be an IPv4 multicast address, e.g. 239.255.0.1 (administratively scoped).
// Multicast on loopback needs an interface that takes it: Linux's lo does here, which the
// test checks first (see multicast_test.sh).
// tests/interop compiles this same file against real standalone Asio
// (RINGPORT_EXAMPLE_REAL_ASIO) to check that ringport and Asio programs interoperate.
#if defined(RINGPORT_EXAMPLE_REAL_ASIO)
#include <asio.hpp>
#else
#include <ringport.hpp>
namespace asio = ringport;
#endif

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

using asio::ip::udp;

namespace {

// Both ends use the loopback interface: the receiver joins there, the sender sends there.
const asio::ip::address_v4 loopback_interface = asio::ip::make_address_v4("127.0.0.1");

class receiver {
 public:
  receiver(asio::io_context& io_context, const asio::ip::address& listen_address,
           const asio::ip::address& group, unsigned short port, unsigned long count)
      : socket_(io_context), deadline_(io_context), count_(count) {
    udp::endpoint listen_endpoint(listen_address, port);
    socket_.open(listen_endpoint.protocol());
    socket_.set_option(udp::socket::reuse_address(true));
    socket_.bind(listen_endpoint);
    socket_.set_option(asio::ip::multicast::join_group(group.to_v4(), loopback_interface));
    std::cout << "listening on " << socket_.local_endpoint().port() << std::endl;

    // Bounds the whole run: closing the socket ends the pending receive.
    deadline_.expires_after(std::chrono::seconds(30));
    deadline_.async_wait([this](asio::error_code ec) {
      if (ec) return;  // cancelled: everything arrived
      timed_out_ = true;
      socket_.close();
    });
    if (count_ == 0) {
      finish();
    } else {
      do_receive();
    }
  }

  bool succeeded() const { return succeeded_; }

 private:
  void do_receive() {
    socket_.async_receive_from(asio::buffer(data_), sender_,
                               [this](asio::error_code ec, std::size_t length) {
                                 if (timed_out_) {
                                   std::cerr << "multicast: timed out after " << received_ << " of "
                                             << count_ << " datagrams\n";
                                   return;
                                 }
                                 if (ec) {
                                   std::cerr << "multicast: receive: " << ec.message() << "\n";
                                   deadline_.cancel();
                                   return;
                                 }
                                 std::cout << std::string(data_.data(), length) << std::endl;
                                 if (++received_ == count_) return finish();
                                 do_receive();
                               });
  }

  void finish() {
    succeeded_ = true;
    deadline_.cancel();
  }

  udp::socket socket_;
  asio::steady_timer deadline_;
  udp::endpoint sender_;
  std::array<char, 1024> data_;
  unsigned long count_;
  unsigned long received_ = 0;
  bool timed_out_ = false;
  bool succeeded_ = false;
};

class sender {
 public:
  sender(asio::io_context& io_context, const asio::ip::address& group, unsigned short port,
         unsigned long count, std::chrono::milliseconds interval)
      : endpoint_(group, port),
        socket_(io_context, endpoint_.protocol()),
        timer_(io_context),
        count_(count),
        interval_(interval) {
    socket_.set_option(asio::ip::multicast::outbound_interface(loopback_interface));
    socket_.set_option(asio::ip::multicast::enable_loopback(true));  // receivers on this host
    socket_.set_option(asio::ip::multicast::hops(1));                // and no router further
    do_send();
  }

  bool succeeded() const { return succeeded_; }

 private:
  void do_send() {
    if (sent_ == count_) {
      succeeded_ = true;
      return;
    }
    message_ = "message " + std::to_string(++sent_);
    socket_.async_send_to(asio::buffer(message_), endpoint_,
                          [this](asio::error_code ec, std::size_t /*length*/) {
                            if (ec) {
                              std::cerr << "multicast: send: " << ec.message() << "\n";
                              return;
                            }
                            timer_.expires_after(interval_);
                            timer_.async_wait([this](asio::error_code ec) {
                              if (!ec) do_send();
                            });
                          });
  }

  udp::endpoint endpoint_;
  udp::socket socket_;
  asio::steady_timer timer_;
  unsigned long count_;
  std::chrono::milliseconds interval_;
  unsigned long sent_ = 0;
  std::string message_;
  bool succeeded_ = false;
};

int usage() {
  std::cerr << "usage: multicast receive <listen_address> <group> <port> <count>\n"
               "       multicast send <group> <port> <count> [interval_ms]\n";
  return 2;
}

unsigned short port_number(const char* text) {
  return static_cast<unsigned short>(std::strtoul(text, nullptr, 10));
}

}  // namespace

int main(int argc, char* argv[]) {
  if (argc < 2) return usage();
  const std::string mode = argv[1];
  try {
    asio::io_context io_context;
    if (mode == "receive" && argc == 6) {
      receiver r(io_context, asio::ip::make_address(argv[2]), asio::ip::make_address(argv[3]),
                 port_number(argv[4]), std::strtoul(argv[5], nullptr, 10));
      io_context.run();
      return r.succeeded() ? 0 : 1;
    }
    if (mode == "send" && (argc == 5 || argc == 6)) {
      sender s(io_context, asio::ip::make_address(argv[2]), port_number(argv[3]),
               std::strtoul(argv[4], nullptr, 10),
               std::chrono::milliseconds(argc == 6 ? std::strtol(argv[5], nullptr, 10) : 10));
      io_context.run();
      return s.succeeded() ? 0 : 1;
    }
    return usage();
  } catch (const std::exception& e) {
    std::cerr << "multicast: " << e.what() << "\n";
    return 1;
  }
}
