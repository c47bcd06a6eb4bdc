// connect/async_connect with a connect condition of Asio's older form, which gets the
// iterator of the next candidate and returns the iterator to try (end: stop), as Asio 1.22
// still accepts next to the bool(error, endpoint) form. Two listeners; the condition skips
// the first, so the connection must reach the second; a condition that answers end tries
// nothing (not_found).

#include "backend_test.hpp"

#include "ringport/connect.hpp"
#include "ringport/error.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <iterator>
#include <vector>

namespace tcp_connect_iterator_condition_test {

using TcpConnectIteratorCondition = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;
using iterator = std::vector<tcp::endpoint>::const_iterator;

tcp::endpoint loopback_any() {
  return tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0);
}

// Skips the candidate with the given endpoint (by value: async_connect over a sequence walks
// its own copy of it); counts its calls.
struct skip_first {
  tcp::endpoint skip;
  int* calls;
  iterator operator()(const error_code&, iterator next) const {
    ++*calls;
    return *next == skip ? std::next(next) : next;
  }
};

struct listeners {
  explicit listeners(ringport::io_context& ctx)
      : skipped(ctx, loopback_any()),
        wanted(ctx, loopback_any()),
        endpoints{skipped.local_endpoint(), wanted.local_endpoint()} {}
  tcp::acceptor skipped, wanted;
  const std::vector<tcp::endpoint> endpoints;
};

TEST_P(TcpConnectIteratorCondition, SyncIteratorsAndSequence) {
  listeners l(ctx());
  int calls = 0;
  tcp::socket s(ctx());
  iterator it = ringport::connect(s, l.endpoints.begin(), l.endpoints.end(),
                                  skip_first{l.endpoints[0], &calls});
  EXPECT_EQ(it, l.endpoints.begin() + 1);
  EXPECT_EQ(s.remote_endpoint(), l.endpoints[1]);
  EXPECT_EQ(calls, 1);

  tcp::socket t(ctx());
  tcp::endpoint ep = ringport::connect(t, l.endpoints, skip_first{l.endpoints[0], &calls});
  EXPECT_EQ(ep, l.endpoints[1]);
  EXPECT_EQ(t.remote_endpoint(), l.endpoints[1]);

  // The second listener got both connections, the first none.
  tcp::socket in1(ctx()), in2(ctx()), in3(ctx());
  l.wanted.accept(in1);
  l.wanted.accept(in2);
  l.skipped.non_blocking(true);
  error_code ec;
  l.skipped.accept(in3, ec);
  EXPECT_EQ(ec, ringport::error::would_block) << ec.message();
}

TEST_P(TcpConnectIteratorCondition, AsyncIteratorsAndSequence) {
  listeners l(ctx());
  int calls = 0, handlers = 0;
  tcp::socket s(ctx()), t(ctx());
  ringport::async_connect(s, l.endpoints.begin(), l.endpoints.end(),
                          skip_first{l.endpoints[0], &calls}, [&](error_code ec, iterator it) {
                            ++handlers;
                            EXPECT_FALSE(ec) << ec.message();
                            EXPECT_EQ(it, l.endpoints.begin() + 1);
                          });
  ringport::async_connect(t, l.endpoints, skip_first{l.endpoints[0], &calls},
                          [&](error_code ec, const tcp::endpoint& ep) {
                            ++handlers;
                            EXPECT_FALSE(ec) << ec.message();
                            EXPECT_EQ(ep, l.endpoints[1]);
                          });
  ctx().run();
  EXPECT_EQ(handlers, 2);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(s.remote_endpoint(), l.endpoints[1]);
  EXPECT_EQ(t.remote_endpoint(), l.endpoints[1]);
}

TEST_P(TcpConnectIteratorCondition, EndMeansNothingToTry) {
  listeners l(ctx());
  auto stop = [&](const error_code&, iterator) { return l.endpoints.end(); };
  tcp::socket s(ctx());
  error_code ec;
  iterator it = ringport::connect(s, l.endpoints.begin(), l.endpoints.end(), stop, ec);
  EXPECT_EQ(ec, ringport::error::not_found) << ec.message();
  EXPECT_EQ(it, l.endpoints.end());
  int handlers = 0;
  // Over iterators: async_connect over a sequence walks its own copy, whose end a condition
  // cannot name (in Asio either).
  ringport::async_connect(s, l.endpoints.begin(), l.endpoints.end(), stop,
                          [&](error_code e, iterator it) {
                            ++handlers;
                            EXPECT_EQ(e, ringport::error::not_found) << e.message();
                            EXPECT_EQ(it, l.endpoints.end());
                          });
  ctx().run();
  EXPECT_EQ(handlers, 1);
}

RINGPORT_INSTANTIATE_BACKENDS(TcpConnectIteratorCondition);

}  // namespace tcp_connect_iterator_condition_test
