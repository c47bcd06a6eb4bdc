// TCP echo server with C++20 coroutines, written as for Asio: only the alias below names
// ringport.
// Usage: coro_echo_server <port> [max_connections]
// Listens on 127.0.0.1:<port> (0: an ephemeral port) and prints "listening on <port>". A
// listener coroutine accepts connections and co_spawns one echo coroutine per connection
// (detached); each echoes until the peer shuts down. After max_connections connections (0,
// the default: never) the listener returns, and the server exits once the last connection
// has finished. Exit status 1 if a connection failed.
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
#include <exception>
#include <iostream>
#include <system_error>
#include <utility>

using asio::awaitable;
using asio::co_spawn;
using asio::detached;
using asio::use_awaitable;
using asio::ip::tcp;

bool failed = false;  // only touched on the io_context's one thread

awaitable<void> echo(tcp::socket socket) {
  try {
    char data[4096];
    for (;;) {
      std::size_t n = co_await socket.async_read_some(asio::buffer(data), use_awaitable);
      co_await asio::async_write(socket, asio::buffer(data, n), use_awaitable);
    }
  } catch (const std::system_error& e) {
    if (e.code() != asio::error::eof) {
      std::cerr << "coro_echo_server: " << e.what() << "\n";
      failed = true;
    }
  }
}

awaitable<void> listener(tcp::acceptor acceptor, unsigned long max_connections) {
  auto executor = co_await asio::this_coro::executor;
  for (unsigned long accepted = 0; max_connections == 0 || accepted < max_connections; ++accepted) {
    tcp::socket socket = co_await acceptor.async_accept(use_awaitable);
    co_spawn(executor, echo(std::move(socket)), detached);
  }
}

int main(int argc, char* argv[]) {
  if (argc != 2 && argc != 3) {
    std::cerr << "usage: coro_echo_server <port> [max_connections]\n";
    return 2;
  }
  try {
    asio::io_context io_context;
    tcp::acceptor acceptor(
        io_context, tcp::endpoint(asio::ip::make_address("127.0.0.1"),
                                  static_cast<unsigned short>(std::strtoul(argv[1], nullptr, 10))));
    std::cout << "listening on " << acceptor.local_endpoint().port() << std::endl;
    co_spawn(io_context,
             listener(std::move(acceptor), argc == 3 ? std::strtoul(argv[2], nullptr, 10) : 0),
             [](std::exception_ptr e) {
               if (!e) return;
               try {
                 std::rethrow_exception(e);
               } catch (const std::exception& ex) {
                 std::cerr << "coro_echo_server: accept: " << ex.what() << "\n";
               }
               failed = true;
             });
    io_context.run();
    return failed ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "coro_echo_server: " << e.what() << "\n";
    return 1;
  }
}
