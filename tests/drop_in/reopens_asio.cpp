// A program written for Asio the way libraries built on it are: it includes <asio.hpp> and
// <asio/...> headers, checks ASIO_VERSION, and reopens namespace asio to specialise
// is_match_condition, async_result (a token of its own) and associated_executor. Built only
// in the drop-in build, where it must compile and run unchanged.
#include <asio.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/read_until.hpp>
#include <asio/version.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#if !defined(ASIO_VERSION) || ASIO_VERSION < 102200
#error "ASIO_VERSION is missing or too old"
#endif
#if !defined(ASIO_HAS_CO_AWAIT)
#error "ASIO_HAS_CO_AWAIT should be defined"
#endif

namespace app {

// A match condition: the end of a line.
struct line_end {
  template <typename Iterator>
  std::pair<Iterator, bool> operator()(Iterator begin, Iterator end) const {
    for (Iterator i = begin; i != end; ++i)
      if (*i == '\n') return {++i, true};
    return {end, false};
  }
};

// A completion token of the program's own: the operation returns its result as a value.
struct sync_token_t {};
constexpr sync_token_t sync_token{};

// A handler type whose executor comes from a specialisation, not a member.
struct counted_handler {
  int* calls;
  void operator()(asio::error_code, std::size_t) { ++*calls; }
};

}  // namespace app

namespace asio {

template <>
struct is_match_condition<app::line_end> : std::true_type {};

// The token runs the context until the operation completes and returns the byte count.
template <>
class async_result<app::sync_token_t, void(asio::error_code, std::size_t)> {
 public:
  using return_type = std::size_t;
  template <typename Initiation, typename... Args>
  static return_type initiate(Initiation&& initiation, app::sync_token_t, asio::io_context* ctx,
                              Args&&... args) {
    std::size_t result = 0;
    bool done = false;
    std::move(initiation)(
        [&](asio::error_code ec, std::size_t n) {
          if (ec) throw asio::system_error(ec);
          result = n;
          done = true;
        },
        std::forward<Args>(args)...);
    ctx->restart();
    while (!done && ctx->run_one() != 0) {
    }
    return result;
  }
};

template <typename Executor>
struct associated_executor<app::counted_handler, Executor> {
  using type = asio::io_context::executor_type;
  static type get(const app::counted_handler&, const Executor& = Executor()) noexcept {
    return context->get_executor();
  }
  static inline asio::io_context* context = nullptr;
};

}  // namespace asio

int main() {
  asio::io_context ctx;
  asio::associated_executor<app::counted_handler, asio::any_io_executor>::context = &ctx;
  asio::ip::tcp::acceptor acceptor(ctx, {asio::ip::make_address("127.0.0.1"), 0});
  asio::ip::tcp::socket client(ctx), server(ctx);
  client.connect(acceptor.local_endpoint());
  acceptor.accept(server);
  asio::write(client, asio::buffer(std::string("hello\n")));

  std::string data;
  const std::size_t first = asio::read_until(server, asio::dynamic_buffer(data), app::line_end());
  if (first != 6 || data.substr(0, first) != "hello\n") {
    std::printf("FAIL: read_until with the specialised match condition gave %zu\n", first);
    return EXIT_FAILURE;
  }
  // Sent only now, so that read_until cannot have taken it into `data`.
  asio::write(client, asio::buffer(std::string("world\n")));

  // The program's own token, through async_initiate.
  char buf[6];
  const std::size_t n =
      asio::async_initiate<const app::sync_token_t&, void(asio::error_code, std::size_t)>(
          [&](auto handler) { asio::async_read(server, asio::buffer(buf), std::move(handler)); },
          app::sync_token, &ctx);
  if (n != 6 || std::string(buf, 6) != "world\n") {
    std::printf("FAIL: the program's own async_result gave %zu\n", n);
    return EXIT_FAILURE;
  }

  int calls = 0;
  asio::write(client, asio::buffer("!", 1));
  server.async_read_some(asio::buffer(buf, 1), app::counted_handler{&calls});
  ctx.restart();
  ctx.run();
  if (calls != 1) {
    std::printf("FAIL: handler with a specialised associated_executor ran %d times\n", calls);
    return EXIT_FAILURE;
  }
  std::printf("drop-in: namespace asio reopened and specialised; ASIO_VERSION %d\n", ASIO_VERSION);
  return EXIT_SUCCESS;
}
