// Built against the installed package (find_package or pkg-config): checks that the version
// the package files report is the headers' own, that the installed build counts no live
// operations (a testing aid), and runs a handler and a loopback TCP exchange.
#include <ringport/io_context.hpp>
#include <ringport/ip/tcp.hpp>
#include <ringport/post.hpp>
#include <ringport/read.hpp>
#include <ringport/version.hpp>
#include <ringport/write.hpp>

#include <cstdio>
#include <cstring>

#ifndef EXPECTED_VERSION
#error "build with -DEXPECTED_VERSION=\"<the version the package files report>\""
#endif
#ifdef EXPECTED_CPLUSPLUS_ABOVE
static_assert(__cplusplus > EXPECTED_CPLUSPLUS_ABOVE,
              "the package's flags changed the consumer's language standard");
#endif

int main() {
  int failures = 0;
  if (std::strcmp(RINGPORT_VERSION_STRING, EXPECTED_VERSION) != 0) {
    std::printf("version: headers say %s, the package files %s\n", RINGPORT_VERSION_STRING,
                EXPECTED_VERSION);
    ++failures;
  }
  if (RINGPORT_TRACK_OPS != 0) {
    std::printf("the installed build counts live operations (RINGPORT_TRACK_OPS=%d)\n",
                RINGPORT_TRACK_OPS);
    ++failures;
  }

  ringport::io_context ctx;
  int ran = 0;
  ringport::post(ctx, [&] { ++ran; });

  using ringport::ip::tcp;
  tcp::acceptor acceptor(ctx, tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket server(ctx), client(ctx);
  char in[5] = {};
  acceptor.async_accept(server, [&](std::error_code ec) {
    if (!ec)
      ringport::async_read(server, ringport::buffer(in), [](std::error_code, std::size_t) {});
  });
  client.async_connect(acceptor.local_endpoint(), [&](std::error_code ec) {
    if (!ec)
      ringport::async_write(client, ringport::buffer("hello", 5),
                            [](std::error_code, std::size_t) {});
  });
  ctx.run();
  if (ran != 1 || std::memcmp(in, "hello", 5) != 0) {
    std::printf("the handler ran %d times, the server read \"%.5s\"\n", ran, in);
    ++failures;
  }
  std::printf("consumer: ringport %s on %s, %s\n", RINGPORT_VERSION_STRING,
              ringport::to_string(ctx.backend()), failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
