// resolve(endpoint) is a reverse lookup (getnameinfo): one entry whose endpoint is the input,
// with the host and service names found for it; async_resolve(endpoint) gives the same.

#include "backend_test.hpp"

#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/ip/udp.hpp"

namespace resolver_reverse_test {

using ResolverReverse = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::make_address;
using ringport::ip::tcp;
using ringport::ip::udp;

TEST_P(ResolverReverse, SyncLoopback) {
  tcp::resolver resolver(ctx());
  const tcp::endpoint input(make_address("127.0.0.1"), 80);
  auto results = resolver.resolve(input);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results.begin()->endpoint(), input);
  EXPECT_FALSE(results.begin()->host_name().empty());
  EXPECT_FALSE(results.begin()->service_name().empty());
}

TEST_P(ResolverReverse, AsyncMatchesSync) {
  udp::resolver resolver(ctx());
  const udp::endpoint input(make_address("127.0.0.1"), 53);
  auto expected = resolver.resolve(input);
  ASSERT_EQ(expected.size(), 1u);

  int calls = 0;
  udp::resolver::results_type results;
  resolver.async_resolve(input, [&](error_code ec, udp::resolver::results_type r) {
    EXPECT_FALSE(ec) << ec.message();
    ++calls;
    results = std::move(r);
  });
  ctx().run();
  ASSERT_EQ(calls, 1);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results.begin()->endpoint(), input);
  EXPECT_EQ(results.begin()->host_name(), expected.begin()->host_name());
  EXPECT_EQ(results.begin()->service_name(), expected.begin()->service_name());
}

TEST_P(ResolverReverse, V6Loopback) {
  tcp::resolver resolver(ctx());
  const tcp::endpoint input(make_address("::1"), 8080);
  error_code ec;
  auto results = resolver.resolve(input, ec);
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results.begin()->endpoint(), input);
  EXPECT_FALSE(results.begin()->host_name().empty());
}

RINGPORT_INSTANTIATE_BACKENDS(ResolverReverse);

}  // namespace resolver_reverse_test
