// HTTP/1.1 server with C++20 coroutines, written as for Asio: only the alias below names
// ringport.
// Usage: http_server <port> [max_connections [idle_timeout_ms]]
// Listens on 127.0.0.1:<port> (0: an ephemeral port) and prints "listening on <port>". One
// coroutine per connection reads each request's header block with async_read_until on a
// size-limited dynamic buffer and answers with async_write:
// - GET or HEAD of any path ("/..."): 200 with a short text/plain body that names the path;
// - another method: 405 (with Allow), then the connection is closed (its body, if any, is
//   not read, so the stream cannot be trusted any further);
// - a malformed request line or header, or a target that is not a path: 400, then close;
// - a header block over 8 KiB: 431, then close.
// Connections stay open for further requests (pipelined ones included) unless the client
// says "Connection: close", or speaks HTTP/1.0 without "Connection: keep-alive". A
// steady_timer closes a connection that stays idle (or trickles a request) for
// idle_timeout_ms (default 10000), so a stuck client cannot hold its coroutine forever.
// After max_connections connections (0, the default: never) the server stops accepting
// and exits once the last one has finished. Exit status 1 if a connection failed (an
// idle timeout or a peer that goes away is not a failure).
// tests/interop compiles this same file against real standalone Asio
// (RINGPORT_EXAMPLE_REAL_ASIO) to check that ringport and Asio programs interoperate.
#if defined(RINGPORT_EXAMPLE_REAL_ASIO)
#include <asio.hpp>
#else
#include <ringport.hpp>
namespace asio = ringport;
#endif

#include <cctype>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

using asio::awaitable;
using asio::co_spawn;
using asio::detached;
using asio::use_awaitable;
using asio::ip::tcp;

namespace {

constexpr std::size_t max_header_bytes = 8192;

bool failed = false;  // only touched on the io_context's one thread

struct request {
  std::string method;
  std::string target;
  int minor_version = 1;    // HTTP/1.<minor_version>
  bool close = false;       // "Connection: close"
  bool keep_alive = false;  // "Connection: keep-alive"
  bool has_body = false;    // a Content-Length other than 0, or a Transfer-Encoding
};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c <= ' ' || c >= 127 || std::string_view("()<>@,;:\\\"/[]?={}").find(c) != s.npos)
      return false;
  }
  return true;
}

// Parses a header block (request line, header lines, each ending in CRLF, then an empty
// line). False when it is malformed.
bool parse(std::string_view block, request& req) {
  auto next_line = [&block](std::string_view& line) {
    std::size_t end = block.find("\r\n");
    if (end == block.npos) return false;
    line = block.substr(0, end);
    block.remove_prefix(end + 2);
    return true;
  };

  // Request line: method SP request-target SP HTTP/1.x
  std::string_view line;
  if (!next_line(line)) return false;
  std::size_t sp1 = line.find(' ');
  if (sp1 == line.npos) return false;
  std::size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == line.npos || line.find(' ', sp2 + 1) != line.npos) return false;
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  if (!is_token(method) || target.empty() || version.size() != 8 ||
      version.substr(0, 7) != "HTTP/1." || (version[7] != '0' && version[7] != '1'))
    return false;
  for (char c : target) {
    if (c <= ' ' || c >= 127) return false;
  }
  req.method = method;
  req.target = target;
  req.minor_version = version[7] - '0';

  // Header fields up to the empty line.
  while (next_line(line) && !line.empty()) {
    std::size_t colon = line.find(':');
    if (colon == line.npos || !is_token(line.substr(0, colon))) return false;
    std::string_view name = line.substr(0, colon);
    std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "Connection")) {
      // A comma-separated list of options.
      while (!value.empty()) {
        std::size_t comma = value.find(',');
        std::string_view option = trim(value.substr(0, comma));
        if (iequals(option, "close")) req.close = true;
        if (iequals(option, "keep-alive")) req.keep_alive = true;
        value = comma == value.npos ? std::string_view() : value.substr(comma + 1);
      }
    } else if (iequals(name, "Content-Length")) {
      if (value != "0") req.has_body = true;
    } else if (iequals(name, "Transfer-Encoding")) {
      req.has_body = true;
    }
  }
  return true;
}

std::string response(int status, std::string_view reason, bool keep_alive, std::string_view body,
                     bool send_body = true, std::string_view extra_headers = {}) {
  std::string r = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
  r += "Content-Type: text/plain\r\n";
  r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  r += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  r += extra_headers;
  r += "\r\n";
  if (send_body) r += body;
  return r;
}

// One connection: the socket and its idle timer. The timer's handler holds a shared_ptr to
// it, so a wait that expired just as the session ended still finds a live socket.
struct connection {
  explicit connection(tcp::socket s) : socket(std::move(s)), timer(socket.get_executor()) {}
  tcp::socket socket;
  asio::steady_timer timer;
  bool timed_out = false;
};

// Closes the socket when the deadline passes: that makes the coroutine's pending read or
// write complete with operation_aborted. Re-arming (expires_after) cancels the previous wait;
// a wait that had already expired and whose handler is queued sees the new, later expiry and
// leaves the socket alone.
void arm_idle_timer(const std::shared_ptr<connection>& conn, std::chrono::milliseconds timeout) {
  conn->timer.expires_after(timeout);
  conn->timer.async_wait([conn](asio::error_code ec) {
    if (ec || conn->timer.expiry() > asio::steady_timer::clock_type::now()) return;
    conn->timed_out = true;
    asio::error_code ignored;
    conn->socket.close(ignored);
  });
}

awaitable<void> session(std::shared_ptr<connection> conn, std::chrono::milliseconds idle_timeout) {
  tcp::socket& socket = conn->socket;
  std::string input;
  try {
    for (;;) {
      // The deadline covers the wait for the next request and the writing of its answer.
      arm_idle_timer(conn, idle_timeout);
      asio::error_code ec;
      std::size_t n =
          co_await asio::async_read_until(socket, asio::dynamic_buffer(input, max_header_bytes),
                                          "\r\n\r\n", asio::redirect_error(use_awaitable, ec));
      if (ec == asio::error::not_found) {
        // The buffer is full and still no empty line: answer, then drop the connection.
        std::string r = response(431, "Request Header Fields Too Large", false,
                                 "request header fields too large\n");
        co_await asio::async_write(socket, asio::buffer(r), use_awaitable);
        break;
      }
      if (ec) throw std::system_error(ec);

      request req;
      std::string r;
      bool keep_alive = false;
      if (!parse(std::string_view(input).substr(0, n), req) || req.target.front() != '/') {
        r = response(400, "Bad Request", false, "bad request\n");
      } else if (req.method != "GET" && req.method != "HEAD") {
        r = response(405, "Method Not Allowed", false, "method not allowed\n", true,
                     "Allow: GET, HEAD\r\n");
      } else {
        // HTTP/1.1 keeps the connection unless told otherwise; HTTP/1.0 only when asked.
        keep_alive = !req.close && !req.has_body && (req.minor_version == 1 || req.keep_alive);
        r = response(200, "OK", keep_alive, "hello from " + req.target + "\n", req.method == "GET");
      }
      input.erase(0, n);  // what follows belongs to the next (pipelined) request
      co_await asio::async_write(socket, asio::buffer(r), use_awaitable);
      if (!keep_alive) break;
    }
    // We close. First only our side, then read (and drop) what the client still sends until
    // it closes too, within one more idle timeout: closing with unread data would reset the
    // connection, and the client could lose the answer it has not read yet.
    socket.shutdown(tcp::socket::shutdown_send);
    arm_idle_timer(conn, idle_timeout);
    char discard[1024];
    for (;;)
      co_await socket.async_read_some(asio::buffer(discard), use_awaitable);
  } catch (const std::system_error& e) {
    // The peer going away (with or without a partial request) and the idle timeout are the
    // normal ends of a keep-alive connection.
    const auto& ec = e.code();
    if (!conn->timed_out && ec != asio::error::eof && ec != asio::error::connection_reset &&
        ec != asio::error::broken_pipe && ec != asio::error::not_connected) {
      std::cerr << "http_server: " << e.what() << "\n";
      failed = true;
    }
  }
  conn->timer.cancel();
}

awaitable<void> listener(tcp::acceptor acceptor, unsigned long max_connections,
                         std::chrono::milliseconds idle_timeout) {
  auto executor = co_await asio::this_coro::executor;
  for (unsigned long accepted = 0; max_connections == 0 || accepted < max_connections; ++accepted) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    co_spawn(executor, session(std::make_shared<connection>(std::move(socket)), idle_timeout),
             detached);
  }
}

}  // namespace

int main(int argc, char* argv[]) {
  if (argc < 2 || argc > 4) {
    std::cerr << "usage: http_server <port> [max_connections [idle_timeout_ms]]\n";
    return 2;
  }
  try {
    asio::io_context io_context;
    tcp::acceptor acceptor(
        io_context, tcp::endpoint(asio::ip::make_address("127.0.0.1"),
                                  static_cast<unsigned short>(std::strtoul(argv[1], nullptr, 10))));
    std::cout << "listening on " << acceptor.local_endpoint().port() << std::endl;
    unsigned long max_connections = argc >= 3 ? std::strtoul(argv[2], nullptr, 10) : 0;
    std::chrono::milliseconds idle_timeout(argc == 4 ? std::strtol(argv[3], nullptr, 10) : 10000);
    co_spawn(io_context, listener(std::move(acceptor), max_connections, idle_timeout),
             [](std::exception_ptr e) {
               if (!e) return;
               try {
                 std::rethrow_exception(e);
               } catch (const std::exception& ex) {
                 std::cerr << "http_server: accept: " << ex.what() << "\n";
               }
               failed = true;
             });
    io_context.run();
    return failed ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "http_server: " << e.what() << "\n";
    return 1;
  }
}
