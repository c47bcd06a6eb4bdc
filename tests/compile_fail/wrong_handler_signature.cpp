// Must not compile: each CASE passes a handler whose parameters do not fit the operation's
// completion signature. check_compile_fail.cmake compiles it once per case and checks that
// the first error is on the line marked `// error here` (the call, not a frame inside the
// library) and that the diagnostics name the signature the operation expected.
#include <ringport/basic_waitable_timer.hpp>
#include <ringport/io_context.hpp>
#include <ringport/ip/tcp.hpp>
#include <ringport/post.hpp>
#include <ringport/steady_timer.hpp>
#include <ringport/write.hpp>

#include <cstddef>

int main() {
  ringport::io_context ctx;
  ringport::ip::tcp::socket socket(ctx);
  ringport::ip::tcp::acceptor acceptor(ctx);
  ringport::steady_timer timer(ctx);
  char data[4] = {};
  (void)data;
#if CASE == 1
  socket.async_read_some(ringport::buffer(data), [](int) {});  // error here
#elif CASE == 2
  ringport::async_write(socket, ringport::buffer(data), [] {});  // error here
#elif CASE == 3
  timer.async_wait([](ringport::error_code, std::size_t) {});  // error here
#elif CASE == 4
  ringport::post(ctx, [](int) {});  // error here
#elif CASE == 5
  acceptor.async_accept([](ringport::error_code) {});  // error here
#else
#error "CASE must be 1 to 5"
#endif
}
