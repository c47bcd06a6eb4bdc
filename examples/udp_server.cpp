// UDP server that answers each datagram with the same bytes upper-cased, written as for
// Asio: only the alias below names ringport.
// Usage: udp_server <port> [max_datagrams]
// Binds 127.0.0.1:<port> (0: an ephemeral port), prints "listening on <port>", and answers
// every datagram to its sender. Exits after answering max_datagrams datagrams (0, the
// default: never). Exit status 1 on a receive or send error.
// tests/interop compiles this same file against real standalone Asio
// (RINGPORT_EXAMPLE_REAL_ASIO) to check that ringport and Asio programs interoperate.
#if defined(RINGPORT_EXAMPLE_REAL_ASIO)
#include <asio.hpp>
#else
#include <ringport.hpp>
namespace asio = ringport;
#endif

#include <array>
#include <cctype>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <iostream>

using asio::ip::udp;

class server {
 public:
  server(asio::io_context& io_context, unsigned short port, unsigned long max_datagrams)
      : socket_(io_context, udp::endpoint(asio::ip::make_address("127.0.0.1"), port)),
        max_datagrams_(max_datagrams) {
    std::cout << "listening on " << socket_.local_endpoint().port() << std::endl;
    do_receive();
  }

  bool failed() const { return failed_; }

 private:
  void do_receive() {
    socket_.async_receive_from(
        asio::buffer(data_), sender_, [this](asio::error_code ec, std::size_t length) {
          // A Windows UDP socket reports an ICMP "port unreachable" for an earlier answer
          // (its client had gone) as connection_reset on the next receive: not our error.
          if (ec == asio::error::connection_reset || ec == asio::error::connection_refused) {
            do_receive();
            return;
          }
          if (ec) {
            std::cerr << "udp_server: receive: " << ec.message() << "\n";
            failed_ = true;
            return;
          }
          for (std::size_t i = 0; i < length; ++i) {
            data_[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(data_[i])));
          }
          do_send(length);
        });
  }

  void do_send(std::size_t length) {
    socket_.async_send_to(asio::buffer(data_, length), sender_,
                          [this](asio::error_code ec, std::size_t /*length*/) {
                            if (ec) {
                              std::cerr << "udp_server: send: " << ec.message() << "\n";
                              failed_ = true;
                              return;
                            }
                            // Stop after max_datagrams: run() returns, nothing is pending.
                            if (max_datagrams_ == 0 || ++answered_ < max_datagrams_) do_receive();
                          });
  }

  udp::socket socket_;
  udp::endpoint sender_;
  std::array<char, 65536> data_;
  unsigned long max_datagrams_;
  unsigned long answered_ = 0;
  bool failed_ = false;
};

int main(int argc, char* argv[]) {
  if (argc != 2 && argc != 3) {
    std::cerr << "usage: udp_server <port> [max_datagrams]\n";
    return 2;
  }
  try {
    asio::io_context io_context;
    server s(io_context, static_cast<unsigned short>(std::strtoul(argv[1], nullptr, 10)),
             argc == 3 ? std::strtoul(argv[2], nullptr, 10) : 0);
    io_context.run();
    return s.failed() ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "udp_server: " << e.what() << "\n";
    return 1;
  }
}
