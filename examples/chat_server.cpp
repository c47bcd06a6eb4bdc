// Line-based TCP chat server with callbacks, written as for Asio: only the alias below names
// ringport.
// Usage: chat_server <port> [max_participants]
// Listens on 127.0.0.1:<port> (0: an ephemeral port) and prints "listening on <port>". Every
// connection joins one room; each line a participant sends ('\n' ends it) goes to every
// other participant, never back to its sender. A newcomer first gets the room's recent
// lines (at most 100), so it does not matter who joins first. Lines longer than 4096 bytes
// and participants that fall more than 100 lines behind are dropped from the room.
// A participant that shuts down its side leaves the room; the server sends it what is still
// queued and then closes the connection. After max_participants connections (0, the
// default: never) the server stops accepting and exits once the last one has left.
// Exit status 1 if a connection failed with an error other than end-of-file.
// tests/interop compiles this same file against real standalone Asio
// (RINGPORT_EXAMPLE_REAL_ASIO) to check that ringport and Asio programs interoperate.
#if defined(RINGPORT_EXAMPLE_REAL_ASIO)
#include <asio.hpp>
#else
#include <ringport.hpp>
namespace asio = ringport;
#endif

#include <cstddef>
#include <cstdlib>
#include <deque>
#include <exception>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <utility>

using asio::ip::tcp;

constexpr std::size_t max_line_length = 4096;  // including the '\n'
constexpr std::size_t max_queued_lines = 100;  // per participant, and the room's history

class participant {
 public:
  virtual ~participant() = default;
  virtual void deliver(const std::string& line) = 0;
};

using participant_ptr = std::shared_ptr<participant>;

class chat_room {
 public:
  void join(const participant_ptr& p) {
    participants_.insert(p);
    for (const auto& line : recent_)
      p->deliver(line);
  }

  void leave(const participant_ptr& p) { participants_.erase(p); }

  void broadcast(const std::string& line, const participant* sender) {
    recent_.push_back(line);
    if (recent_.size() > max_queued_lines) recent_.pop_front();
    // deliver() may make a participant leave (its queue is full): iterate over a copy.
    auto receivers = participants_;
    for (const auto& p : receivers) {
      if (p.get() != sender) p->deliver(line);
    }
  }

 private:
  std::set<participant_ptr> participants_;
  std::deque<std::string> recent_;
};

class chat_session : public participant, public std::enable_shared_from_this<chat_session> {
 public:
  chat_session(tcp::socket socket, chat_room& room, bool& failed)
      : socket_(std::move(socket)), room_(room), failed_(failed) {}

  void start() {
    in_room_ = true;
    room_.join(shared_from_this());
    do_read();
  }

  void deliver(const std::string& line) override {
    if (!in_room_) return;
    if (queue_.size() >= max_queued_lines) {
      std::cerr << "chat_server: a participant is too slow, dropping it\n";
      return stop();
    }
    queue_.push_back(line);
    if (queue_.size() == 1) do_write();
  }

 private:
  void do_read() {
    auto self = shared_from_this();
    asio::async_read_until(socket_, asio::dynamic_buffer(input_, max_line_length), '\n',
                           [this, self](asio::error_code ec, std::size_t length) {
                             if (!in_room_) return;  // stopped meanwhile
                             if (!ec) {
                               std::string line = input_.substr(0, length);
                               input_.erase(0, length);
                               room_.broadcast(line, this);
                               do_read();
                             } else if (ec == asio::error::eof) {
                               finish();  // the peer is done sending
                             } else if (ec == asio::error::not_found) {
                               std::cerr << "chat_server: line too long, dropping participant\n";
                               stop();
                             } else {
                               fail("read", ec);
                             }
                           });
  }

  void do_write() {
    auto self = shared_from_this();
    asio::async_write(socket_, asio::buffer(queue_.front()),
                      [this, self](asio::error_code ec, std::size_t /*length*/) {
                        if (ec) {
                          if (ec != asio::error::operation_aborted) fail("write", ec);
                          return;
                        }
                        queue_.pop_front();
                        if (!queue_.empty()) {
                          do_write();
                        } else if (finishing_) {
                          close();
                        }
                      });
  }

  // End of file from the peer: leave the room, send what is queued, then close.
  void finish() {
    room_.leave(shared_from_this());
    in_room_ = false;
    finishing_ = true;
    if (queue_.empty()) close();
  }

  void fail(const char* what, const asio::error_code& ec) {
    std::cerr << "chat_server: " << what << ": " << ec.message() << "\n";
    failed_ = true;
    stop();
  }

  // Leave the room at once and drop whatever is queued.
  void stop() {
    if (in_room_) {
      in_room_ = false;
      room_.leave(shared_from_this());
    }
    close();
  }

  void close() {
    asio::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  tcp::socket socket_;
  chat_room& room_;
  bool& failed_;
  std::string input_;
  std::deque<std::string> queue_;
  bool in_room_ = false;
  bool finishing_ = false;
};

class chat_server {
 public:
  chat_server(asio::io_context& io_context, unsigned short port, unsigned long max_participants)
      : acceptor_(io_context, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port)),
        max_participants_(max_participants) {
    std::cout << "listening on " << acceptor_.local_endpoint().port() << std::endl;
    do_accept();
  }

  bool failed() const { return failed_; }

 private:
  // Stops accepting after max_participants: run() returns once the last one has left.
  void do_accept() {
    acceptor_.async_accept([this](asio::error_code ec, tcp::socket socket) {
      if (ec) {
        std::cerr << "chat_server: accept: " << ec.message() << "\n";
        failed_ = true;
        return;
      }
      std::make_shared<chat_session>(std::move(socket), room_, failed_)->start();
      if (max_participants_ == 0 || ++accepted_ < max_participants_) do_accept();
    });
  }

  tcp::acceptor acceptor_;
  chat_room room_;
  unsigned long max_participants_;
  unsigned long accepted_ = 0;
  bool failed_ = false;
};

int main(int argc, char* argv[]) {
  if (argc != 2 && argc != 3) {
    std::cerr << "usage: chat_server <port> [max_participants]\n";
    return 2;
  }
  try {
    asio::io_context io_context;
    chat_server server(io_context, static_cast<unsigned short>(std::strtoul(argv[1], nullptr, 10)),
                       argc == 3 ? std::strtoul(argv[2], nullptr, 10) : 0);
    io_context.run();
    return server.failed() ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "chat_server: " << e.what() << "\n";
    return 1;
  }
}
