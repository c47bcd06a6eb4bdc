// UDP request/response client with a timeout and bounded retries, written as for Asio: only
// the alias below names ringport.
// Usage: udp_client <address> <port> <timeout_ms> <retries> <message>...
// For each <message>: sends it as one datagram to <address>:<port> (numeric) and waits for
// a datagram back from there, which it prints. A steady_timer bounds each wait: when it
// expires first, the client cancels the receive (operation_aborted) and sends the message
// again, at most <retries> times; when the last attempt gets no answer either it prints
// "timed out" on standard error and exits 1. Exit status 0 when every message got an
// answer; 1 on a timeout or any other error.
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
#include <utility>
#include <vector>

using asio::ip::udp;

class udp_client {
 public:
  udp_client(asio::io_context& io_context, const udp::endpoint& server,
             std::chrono::milliseconds timeout, unsigned long retries,
             std::vector<std::string> messages)
      : socket_(io_context, udp::endpoint(server.protocol(), 0)),
        deadline_(io_context),
        server_(server),
        timeout_(timeout),
        retries_(retries),
        messages_(std::move(messages)) {}

  void start() { send_next(); }

  bool succeeded() const { return succeeded_; }

 private:
  void send_next() {
    if (next_ == messages_.size()) {
      succeeded_ = true;
      return;
    }
    attempt_ = 0;
    send_attempt();
  }

  void send_attempt() {
    ++attempt_;
    socket_.async_send_to(asio::buffer(messages_[next_]), server_,
                          [this](asio::error_code ec, std::size_t /*length*/) {
                            if (ec) return fail("send", ec);
                            arm_deadline();
                            do_receive();
                          });
  }

  // When the deadline passes before an answer came, cancel() makes the pending receive
  // complete with operation_aborted. A wait that expired just as the answer came may still
  // run: the wait number tells it is stale.
  void arm_deadline() {
    deadline_.expires_after(timeout_);
    deadline_.async_wait([this, wait = ++wait_number_](asio::error_code ec) {
      if (ec || wait != wait_number_) return;
      timed_out_ = true;
      socket_.cancel();
    });
  }

  void do_receive() {
    socket_.async_receive_from(
        asio::buffer(data_), sender_, [this](asio::error_code ec, std::size_t length) {
          if (ec == asio::error::operation_aborted && timed_out_) return retry();
          // Windows reports an ICMP "port unreachable" for the datagram sent as
          // connection_reset on an unconnected socket; Linux does not report it at all.
          // Either way it is no answer: keep waiting until the deadline.
          if (ec == asio::error::connection_reset || ec == asio::error::connection_refused) {
            return do_receive();
          }
          if (ec) return fail("receive", ec);
          if (sender_ != server_) return do_receive();  // not from the server: ignore it
          ++wait_number_;
          deadline_.cancel();
          timed_out_ = false;  // the deadline may have expired as the answer came
          std::cout << std::string(data_.data(), length) << std::endl;
          ++next_;
          send_next();
        });
  }

  void retry() {
    timed_out_ = false;
    if (attempt_ > retries_) {
      std::cerr << "udp_client: timed out: no answer to message " << next_ + 1 << " after "
                << attempt_ << " attempts of " << timeout_.count() << " ms\n";
      return;
    }
    std::cerr << "udp_client: no answer in " << timeout_.count() << " ms, sending again\n";
    send_attempt();
  }

  void fail(const char* what, const asio::error_code& ec) {
    std::cerr << "udp_client: " << what << ": " << ec.message() << "\n";
  }

  udp::socket socket_;
  asio::steady_timer deadline_;
  udp::endpoint server_;
  udp::endpoint sender_;
  std::chrono::milliseconds timeout_;
  unsigned long retries_;
  std::vector<std::string> messages_;
  std::size_t next_ = 0;
  unsigned long attempt_ = 0;
  unsigned long wait_number_ = 0;
  std::array<char, 65536> data_;
  bool timed_out_ = false;
  bool succeeded_ = false;
};

int main(int argc, char* argv[]) {
  if (argc < 6) {
    std::cerr << "usage: udp_client <address> <port> <timeout_ms> <retries> <message>...\n";
    return 2;
  }
  try {
    asio::io_context io_context;
    udp_client client(
        io_context,
        udp::endpoint(asio::ip::make_address(argv[1]),
                      static_cast<unsigned short>(std::strtoul(argv[2], nullptr, 10))),
        std::chrono::milliseconds(std::strtol(argv[3], nullptr, 10)),
        std::strtoul(argv[4], nullptr, 10), std::vector<std::string>(argv + 5, argv + argc));
    client.start();
    io_context.run();
    return client.succeeded() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "udp_client: " << e.what() << "\n";
    return 1;
  }
}
