// TCP echo client, written as for Asio: only the alias below names ringport.
// Usage: echo_client <address> <port> <message> [count]
// Connects to <address>:<port> (numeric), sends <message> count times (default 1), reads
// each echo back, checks it and prints it on a line of its own. Then it shuts down its
// sending side and expects the server to close. Exit status 0 on success, 1 otherwise.
// tests/interop compiles this same file against real standalone Asio
// (RINGPORT_EXAMPLE_REAL_ASIO) to check that ringport and Asio programs interoperate.
#if defined(RINGPORT_EXAMPLE_REAL_ASIO)
#include <asio.hpp>
#else
#include <ringport.hpp>
namespace asio = ringport;
#endif

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <utility>

using asio::ip::tcp;

class client {
 public:
  client(asio::io_context& io_context, std::string message, unsigned long count)
      : socket_(io_context), message_(std::move(message)), count_(count) {}

  void start(const tcp::endpoint& server) {
    socket_.async_connect(server, [this](asio::error_code ec) {
      if (ec) return fail("connect", ec);
      do_write();
    });
  }

  bool succeeded() const { return done_; }

 private:
  void do_write() {
    if (sent_ == count_) return do_finish();
    asio::async_write(socket_, asio::buffer(message_),
                      [this](asio::error_code ec, std::size_t /*length*/) {
                        if (ec) return fail("write", ec);
                        do_read();
                      });
  }

  void do_read() {
    reply_.assign(message_.size(), '\0');
    asio::async_read(socket_, asio::buffer(reply_), [this](asio::error_code ec, std::size_t) {
      if (ec) return fail("read", ec);
      if (reply_ != message_) {
        std::cerr << "echo_client: wrong echo: \"" << reply_ << "\"\n";
        return;
      }
      std::cout << reply_ << "\n";
      ++sent_;
      do_write();
    });
  }

  // All echoes are back: the server must now see eof and close without sending more.
  void do_finish() {
    socket_.shutdown(tcp::socket::shutdown_send);
    socket_.async_read_some(asio::buffer(extra_), [this](asio::error_code ec, std::size_t n) {
      if (ec == asio::error::eof) {
        done_ = true;
      } else if (ec) {
        fail("waiting for the server to close", ec);
      } else {
        std::cerr << "echo_client: " << n << " unexpected bytes after the last echo\n";
      }
    });
  }

  void fail(const char* what, const asio::error_code& ec) {
    std::cerr << "echo_client: " << what << ": " << ec.message() << "\n";
  }

  tcp::socket socket_;
  std::string message_;
  std::string reply_;
  char extra_[64];
  unsigned long count_;
  unsigned long sent_ = 0;
  bool done_ = false;
};

int main(int argc, char* argv[]) {
  if (argc != 4 && argc != 5) {
    std::cerr << "usage: echo_client <address> <port> <message> [count]\n";
    return 2;
  }
  try {
    asio::io_context io_context;
    client c(io_context, argv[3], argc == 5 ? std::strtoul(argv[4], nullptr, 10) : 1);
    c.start(tcp::endpoint(asio::ip::make_address(argv[1]),
                          static_cast<unsigned short>(std::strtoul(argv[2], nullptr, 10))));
    io_context.run();
    return c.succeeded() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "echo_client: " << e.what() << "\n";
    return 1;
  }
}
