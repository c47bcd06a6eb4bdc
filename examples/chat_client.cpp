// Line-based TCP chat client with callbacks, written as for Asio: only the alias below names
// ringport.
// Usage: chat_client <address> <port>
// Connects to <address>:<port> (numeric), sends every line read from standard input and
// prints every line the server sends, each on a line of its own, as it arrives. The network
// runs on a second thread; the main thread reads standard input and hands each line over
// with post(). At the end of the input the client sends what is still queued, shuts down its
// sending side and waits for the server to close the connection. At most 100 lines wait to
// be sent; a line that finds the queue full is dropped with a message.
// Exit status 0 when the server closed the connection after the end of the input, 1 on any
// error (including a server that closes first).
// tests/interop compiles this same file against real standalone Asio
// (RINGPORT_EXAMPLE_REAL_ASIO) to check that ringport and Asio programs interoperate.
#if defined(RINGPORT_EXAMPLE_REAL_ASIO)
#include <asio.hpp>
#else
#include <ringport.hpp>
namespace asio = ringport;
#endif

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <deque>
#include <exception>
#include <iostream>
#include <string>
#include <thread>
#include <utility>

using asio::ip::tcp;

constexpr std::size_t max_queued_lines = 100;
constexpr std::size_t max_line_length = 4096;  // including the '\n'

// Every member function below except the constructor, write() and close() runs on the
// thread that runs the io_context; write() and close() post their work there.
class chat_client {
 public:
  chat_client(asio::io_context& io_context, const tcp::endpoint& server)
      : io_context_(io_context), socket_(io_context) {
    socket_.async_connect(server, [this](asio::error_code ec) {
      if (ec) return fail("connect", ec);
      connected_ = true;
      do_read();
      if (!queue_.empty()) {
        do_write();
      } else if (input_done_) {
        shutdown_send();
      }
    });
  }

  void write(std::string line) {
    asio::post(io_context_, [this, line = std::move(line)]() mutable {
      if (stopped_) return;
      if (queue_.size() >= max_queued_lines) {
        std::cerr << "chat_client: too many lines waiting, dropped one\n";
        return;
      }
      queue_.push_back(std::move(line));
      if (connected_ && queue_.size() == 1) do_write();
    });
  }

  // End of input: send the rest, then shut down the sending side.
  void close() {
    asio::post(io_context_, [this] {
      if (stopped_) return;
      input_done_ = true;
      if (connected_ && queue_.empty()) shutdown_send();
    });
  }

  // True once the connection ended as it should; read after the io_context has stopped.
  bool succeeded() const { return succeeded_; }

  // True when the connection is over (set from the network thread).
  bool stopped() const { return stopped_; }

 private:
  void do_read() {
    asio::async_read_until(socket_, asio::dynamic_buffer(input_, max_line_length), '\n',
                           [this](asio::error_code ec, std::size_t length) {
                             if (!ec) {
                               std::cout << input_.substr(0, length - 1) << std::endl;
                               input_.erase(0, length);
                               do_read();
                             } else if (ec == asio::error::eof && sent_all_) {
                               succeeded_ = true;
                               stop();
                             } else if (ec == asio::error::eof) {
                               std::cerr << "chat_client: the server closed the connection\n";
                               stop();
                             } else if (ec != asio::error::operation_aborted) {
                               fail("read", ec);
                             }
                           });
  }

  void do_write() {
    asio::async_write(socket_, asio::buffer(queue_.front()),
                      [this](asio::error_code ec, std::size_t /*length*/) {
                        if (ec) {
                          if (ec != asio::error::operation_aborted) fail("write", ec);
                          return;
                        }
                        queue_.pop_front();
                        if (!queue_.empty()) {
                          do_write();
                        } else if (input_done_) {
                          shutdown_send();
                        }
                      });
  }

  void shutdown_send() {
    asio::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return fail("shutdown", ec);
    sent_all_ = true;
  }

  void fail(const char* what, const asio::error_code& ec) {
    std::cerr << "chat_client: " << what << ": " << ec.message() << "\n";
    stop();
  }

  void stop() {
    stopped_ = true;
    queue_.clear();
    asio::error_code ignored;
    socket_.close(ignored);
  }

  asio::io_context& io_context_;
  tcp::socket socket_;
  std::string input_;
  std::deque<std::string> queue_;
  bool connected_ = false;
  bool input_done_ = false;
  bool sent_all_ = false;
  bool succeeded_ = false;
  std::atomic<bool> stopped_{false};
};

int main(int argc, char* argv[]) {
  if (argc != 3) {
    std::cerr << "usage: chat_client <address> <port>\n";
    return 2;
  }
  try {
    asio::io_context io_context;
    chat_client client(
        io_context, tcp::endpoint(asio::ip::make_address(argv[1]),
                                  static_cast<unsigned short>(std::strtoul(argv[2], nullptr, 10))));
    std::thread network([&io_context] { io_context.run(); });

    // Reading the console blocks: it stays on this thread. A line that arrives after the
    // connection is over ends the loop (a blocked read cannot be interrupted portably).
    std::string line;
    while (!client.stopped() && std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();  // console line ends
      if (line.size() + 1 > max_line_length) {
        std::cerr << "chat_client: line too long, not sent\n";
        continue;
      }
      client.write(line + "\n");
    }
    client.close();
    network.join();
    return client.succeeded() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "chat_client: " << e.what() << "\n";
    return 1;
  }
}
