// resolve("localhost", "80") finds the loopback address with port 80, every entry naming the
// host and service it was resolved from; async_resolve gives the same entries.

#include "backend_test.hpp"

#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <algorithm>
#include <iterator>
#include <vector>

namespace resolver_localhost_test {

using ResolverLocalhost = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;

std::vector<tcp::endpoint> endpoints_of(const tcp::resolver::results_type& results) {
  std::vector<tcp::endpoint> out;
  for (const auto& entry : results)
    out.push_back(entry.endpoint());
  return out;
}

void expect_localhost_80(const tcp::resolver::results_type& results) {
  ASSERT_FALSE(results.empty());
  EXPECT_EQ(results.size(),
            static_cast<std::size_t>(std::distance(results.begin(), results.end())));
  bool loopback = false;
  for (const auto& entry : results) {
    EXPECT_EQ(entry.endpoint().port(), 80);
    EXPECT_EQ(entry.host_name(), "localhost");
    EXPECT_EQ(entry.service_name(), "80");
    tcp::endpoint converted = entry;
    EXPECT_EQ(converted, entry.endpoint());
    if (entry.endpoint().address() == ringport::ip::make_address("127.0.0.1") ||
        entry.endpoint().address() == ringport::ip::make_address("::1"))
      loopback = true;
  }
  EXPECT_TRUE(loopback) << "no 127.0.0.1 or ::1 among the results";
}

TEST_P(ResolverLocalhost, SyncFindsLoopback) {
  tcp::resolver resolver(ctx());
  tcp::resolver::results_type results = resolver.resolve("localhost", "80");
  expect_localhost_80(results);

  error_code ec = ringport::error::operation_aborted;
  auto again = resolver.resolve("localhost", "80", ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(endpoints_of(again), endpoints_of(results));
}

TEST_P(ResolverLocalhost, AsyncGivesSameEntries) {
  tcp::resolver resolver(ctx());
  auto expected = endpoints_of(resolver.resolve("localhost", "80"));

  int calls = 0;
  error_code result_ec = ringport::error::operation_aborted;
  tcp::resolver::results_type results;
  resolver.async_resolve("localhost", "80", [&](error_code ec, tcp::resolver::results_type r) {
    ++calls;
    result_ec = ec;
    results = std::move(r);
  });
  EXPECT_EQ(calls, 0);  // never inside async_resolve
  ctx().run();          // the pending resolve keeps run() going until it completes
  ASSERT_EQ(calls, 1);
  EXPECT_FALSE(result_ec) << result_ec.message();
  expect_localhost_80(results);
  EXPECT_EQ(endpoints_of(results), expected);
}

TEST_P(ResolverLocalhost, AsyncWithFlagsAndProtocol) {
  tcp::resolver resolver(ctx());
  int calls = 0;
  tcp::resolver::results_type results;
  resolver.async_resolve(tcp::v4(), "localhost", "80", tcp::resolver::flags(),
                         [&](error_code ec, tcp::resolver::results_type r) {
                           EXPECT_FALSE(ec) << ec.message();
                           ++calls;
                           results = std::move(r);
                         });
  ctx().run();
  ASSERT_EQ(calls, 1);
  ASSERT_FALSE(results.empty());
  for (const auto& entry : results) {
    EXPECT_TRUE(entry.endpoint().address().is_v4());
    EXPECT_EQ(entry.endpoint(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 80));
  }
}

RINGPORT_INSTANTIATE_BACKENDS(ResolverLocalhost);

}  // namespace resolver_localhost_test
