// TCP echo server, written as for Asio: only the alias below names ringport.
// Usage: echo_server <port> [max_connections]
// Listens on 127.0.0.1:<port> (0: an ephemeral port), prints "listening on <port>", echoes
// every connection until the peer shuts down, and exits once max_connections connections
// have finished (0, the default: serve forever). Exit status 1 if a connection failed.
// tests/interop compiles this same file against real standalone Asio
// (RINGPORT_EXAMPLE_REAL_ASIO) to check that ringport and Asio programs interoperate.
#if defined(RINGPORT_EXAMPLE_REAL_ASIO)
#include <asio.hpp>
#else
#include <ringport.hpp>
namespace asio = ringport;
#endif

#include <array>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <utility>

using asio::ip::tcp;

class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket socket, bool& failed) : socket_(std::move(socket)), failed_(failed) {}

  void start() { do_read(); }

 private:
  void do_read() {
    auto self = shared_from_this();
    socket_.async_read_some(asio::buffer(data_),
                            [this, self](asio::error_code ec, std::size_t length) {
                              if (!ec) {
                                do_write(length);
                              } else if (ec != asio::error::eof) {
                                fail("read", ec);
                              }
                            });
  }

  void do_write(std::size_t length) {
    auto self = shared_from_this();
    asio::async_write(socket_, asio::buffer(data_, length),
                      [this, self](asio::error_code ec, std::size_t /*length*/) {
                        if (!ec) {
                          do_read();
                        } else {
                          fail("write", ec);
                        }
                      });
  }

  void fail(const char* what, const asio::error_code& ec) {
    std::cerr << "echo_server: " << what << ": " << ec.message() << "\n";
    failed_ = true;
  }

  tcp::socket socket_;
  bool& failed_;
  std::array<char, 4096> data_;
};

class server {
 public:
  server(asio::io_context& io_context, unsigned short port, unsigned long max_connections)
      : acceptor_(io_context, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port)),
        max_connections_(max_connections) {
    std::cout << "listening on " << acceptor_.local_endpoint().port() << std::endl;
    do_accept();
  }

  bool failed() const { return failed_; }

 private:
  // Stops accepting after max_connections: run() returns once the last session is done.
  void do_accept() {
    acceptor_.async_accept([this](asio::error_code ec, tcp::socket socket) {
      if (ec) {
        std::cerr << "echo_server: accept: " << ec.message() << "\n";
        failed_ = true;
        return;
      }
      std::make_shared<session>(std::move(socket), failed_)->start();
      if (max_connections_ == 0 || ++accepted_ < max_connections_) do_accept();
    });
  }

  tcp::acceptor acceptor_;
  unsigned long max_connections_;
  unsigned long accepted_ = 0;
  bool failed_ = false;
};

int main(int argc, char* argv[]) {
  if (argc != 2 && argc != 3) {
    std::cerr << "usage: echo_server <port> [max_connections]\n";
    return 2;
  }
  try {
    asio::io_context io_context;
    server s(io_context, static_cast<unsigned short>(std::strtoul(argv[1], nullptr, 10)),
             argc == 3 ? std::strtoul(argv[2], nullptr, 10) : 0);
    io_context.run();
    return s.failed() ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "echo_server: " << e.what() << "\n";
    return 1;
  }
}
