// Numeric hosts resolve to themselves with numeric_host; a named service ("http") resolves
// through the services database; a protocol argument restricts the results to its family.

#include "backend_test.hpp"

#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/ip/udp.hpp"

#if defined(_WIN32)
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <netdb.h>
#endif

namespace resolver_numeric_test {

using ResolverNumeric = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::make_address;
using ringport::ip::resolver_base;
using ringport::ip::tcp;
using ringport::ip::udp;

TEST_P(ResolverNumeric, NumericV4Host) {
  tcp::resolver resolver(ctx());
  auto results = resolver.resolve("127.0.0.1", "8080", resolver_base::numeric_host);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results.begin()->endpoint(), tcp::endpoint(make_address("127.0.0.1"), 8080));
  EXPECT_EQ(results.begin()->host_name(), "127.0.0.1");
  EXPECT_EQ(results.begin()->service_name(), "8080");
}

TEST_P(ResolverNumeric, NumericV6Host) {
  tcp::resolver resolver(ctx());
  auto results =
      resolver.resolve("::1", "443", resolver_base::numeric_host | resolver_base::numeric_service);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results.begin()->endpoint(), tcp::endpoint(make_address("::1"), 443));
}

TEST_P(ResolverNumeric, NamedServiceHttpIsPort80) {
  tcp::resolver resolver(ctx());  // first: on Windows it starts Winsock for getservbyname
  if (::getservbyname("http", "tcp") == nullptr)
    GTEST_SKIP() << "no 'http' entry in the services database";
  auto results = resolver.resolve("127.0.0.1", "http", resolver_base::numeric_host);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results.begin()->endpoint().port(), 80);
  EXPECT_EQ(results.begin()->service_name(), "http");
}

TEST_P(ResolverNumeric, ProtocolV4OnlyGivesV4) {
  tcp::resolver resolver(ctx());
  auto results = resolver.resolve(tcp::v4(), "localhost", "80");
  ASSERT_FALSE(results.empty());
  for (const auto& entry : results) {
    EXPECT_TRUE(entry.endpoint().address().is_v4()) << entry.endpoint();
    EXPECT_EQ(entry.endpoint().protocol(), tcp::v4());
  }
  // A v6 literal cannot be had as v4.
  error_code ec;
  auto none = resolver.resolve(tcp::v4(), "::1", "80", resolver_base::numeric_host, ec);
  EXPECT_TRUE(ec) << "a v6 literal resolved for tcp::v4()";
  EXPECT_TRUE(none.empty());
}

TEST_P(ResolverNumeric, ProtocolV6OnlyGivesV6) {
  udp::resolver resolver(ctx());
  auto results = resolver.resolve(udp::v6(), "::1", "53", resolver_base::numeric_host);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results.begin()->endpoint(), udp::endpoint(make_address("::1"), 53));
}

TEST_P(ResolverNumeric, EmptyHostPassiveIsUnspecified) {
  tcp::resolver resolver(ctx());
  auto results = resolver.resolve(tcp::v4(), "", "80", resolver_base::passive);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results.begin()->endpoint(), tcp::endpoint(tcp::v4(), 80));
}

TEST_P(ResolverNumeric, FlagsAreAIValuesAndCombine) {
  EXPECT_EQ(resolver_base::passive, AI_PASSIVE);
  EXPECT_EQ(resolver_base::canonical_name, AI_CANONNAME);
  EXPECT_EQ(resolver_base::numeric_host, AI_NUMERICHOST);
  EXPECT_EQ(resolver_base::numeric_service, AI_NUMERICSERV);
  EXPECT_EQ(resolver_base::v4_mapped, AI_V4MAPPED);
  EXPECT_EQ(resolver_base::all_matching, AI_ALL);
  EXPECT_EQ(resolver_base::address_configured, AI_ADDRCONFIG);
  resolver_base::flags f = resolver_base::passive | resolver_base::numeric_host;
  EXPECT_EQ(f & resolver_base::passive, resolver_base::passive);
  f &= ~resolver_base::passive;
  EXPECT_EQ(f, resolver_base::numeric_host);
  f ^= resolver_base::numeric_host;
  EXPECT_EQ(static_cast<int>(f), 0);
  f |= tcp::resolver::v4_mapped;  // the flags are reachable through the resolver too
  EXPECT_EQ(f, resolver_base::v4_mapped);
}

RINGPORT_INSTANTIATE_BACKENDS(ResolverNumeric);

}  // namespace resolver_numeric_test
