// Line-based TCP client with timeouts, written as for Asio: only the alias below names
// ringport.
// Usage: line_client <address> <port> <timeout_ms> <line>...
// Connects to <address>:<port> (numeric), then for each <line>: sends it with a '\n',
// reads one line back and prints it. Each step (the connect, and each line's write and
// reply) must finish within <timeout_ms> milliseconds: a steady_timer bounds it, and when it
// expires first the client closes the socket, which cancels the pending operation. Then the
// client shuts down its sending side and closes. Exit status 0 when every reply came in
// time; 1 with a message on standard error on a timeout or any other error.
// Against an echo server it prints its lines back; against a server that never answers
// it says "timed out" and exits 1.
// tests/interop compiles this same file against real standalone Asio
// (RINGPORT_EXAMPLE_REAL_ASIO) to check that ringport and Asio programs interoperate.
#if defined(RINGPORT_EXAMPLE_REAL_ASIO)
#include <asio.hpp>
#else
#include <ringport.hpp>
namespace asio = ringport;
#endif

#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

using asio::ip::tcp;

class line_client {
 public:
  line_client(asio::io_context& io_context, std::chrono::milliseconds timeout,
              std::vector<std::string> lines)
      : socket_(io_context), deadline_(io_context), timeout_(timeout), lines_(std::move(lines)) {}

  void start(const tcp::endpoint& server) {
    step_ = "connect";
    arm_deadline();
    socket_.async_connect(server, [this](asio::error_code ec) {
      if (!step_done(ec)) return;
      do_write();
    });
  }

  bool succeeded() const { return succeeded_; }

 private:
  // One deadline for the step that is running: when it expires before the step completes,
  // closing the socket makes the step's pending operation finish with operation_aborted.
  // A wait that expired just as its step completed may still run: the step number tells.
  void arm_deadline() {
    deadline_.expires_after(timeout_);
    deadline_.async_wait([this, step = ++step_number_](asio::error_code ec) {
      if (ec || step != step_number_) return;  // the step finished in time
      timed_out_ = true;
      asio::error_code ignored;
      socket_.close(ignored);
    });
  }

  // Called by every step's handler: false (and the reason printed) if the client must stop.
  bool step_done(const asio::error_code& ec) {
    ++step_number_;
    deadline_.cancel();
    if (timed_out_) {
      std::cerr << "line_client: " << step_ << ": timed out after " << timeout_.count() << " ms\n";
      return false;
    }
    if (ec) {
      std::cerr << "line_client: " << step_ << ": " << ec.message() << "\n";
      return false;
    }
    return true;
  }

  void do_write() {
    if (next_ == lines_.size()) return do_finish();
    step_ = "waiting for the reply to line " + std::to_string(next_ + 1);
    arm_deadline();
    output_ = lines_[next_] + "\n";
    asio::async_write(socket_, asio::buffer(output_), [this](asio::error_code ec, std::size_t) {
      if (ec || timed_out_) {
        step_done(ec);
        return;
      }
      do_read();  // the deadline keeps running: it bounds the write and the reply
    });
  }

  void do_read() {
    asio::async_read_until(socket_, asio::dynamic_buffer(input_), '\n',
                           [this](asio::error_code ec, std::size_t length) {
                             if (!step_done(ec)) return;
                             std::cout << input_.substr(0, length - 1) << std::endl;
                             input_.erase(0, length);
                             ++next_;
                             do_write();
                           });
  }

  void do_finish() {
    asio::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    if (!ec) socket_.close(ec);
    if (ec) {
      std::cerr << "line_client: closing: " << ec.message() << "\n";
      return;
    }
    succeeded_ = true;
  }

  tcp::socket socket_;
  asio::steady_timer deadline_;
  std::chrono::milliseconds timeout_;
  std::vector<std::string> lines_;
  std::size_t next_ = 0;
  unsigned long step_number_ = 0;
  std::string step_;
  std::string output_;
  std::string input_;
  bool timed_out_ = false;
  bool succeeded_ = false;
};

int main(int argc, char* argv[]) {
  if (argc < 5) {
    std::cerr << "usage: line_client <address> <port> <timeout_ms> <line>...\n";
    return 2;
  }
  try {
    asio::io_context io_context;
    line_client client(io_context, std::chrono::milliseconds(std::strtol(argv[3], nullptr, 10)),
                       std::vector<std::string>(argv + 4, argv + argc));
    client.start(tcp::endpoint(asio::ip::make_address(argv[1]),
                               static_cast<unsigned short>(std::strtoul(argv[2], nullptr, 10))));
    io_context.run();
    return client.succeeded() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "line_client: " << e.what() << "\n";
    return 1;
  }
}
