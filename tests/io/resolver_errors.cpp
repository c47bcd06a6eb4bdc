// getaddrinfo's failures arrive as Asio's error values: an unknown host is host_not_found
// (sync, throwing and async forms), an unknown service service_not_found, and a host name
// with numeric_host host_not_found. Failed resolves give empty results.

#include "backend_test.hpp"

#include "ringport/ip/tcp.hpp"

#include <string>

namespace resolver_errors_test {

using ResolverErrors = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::resolver_base;
using ringport::ip::tcp;

// ".invalid" never resolves (RFC 6761); this sandbox's getaddrinfo answers EAI_NONAME for it,
// as it does with working DNS.
constexpr const char* no_such_host = "no-such-host.invalid";

TEST_P(ResolverErrors, UnknownHostSync) {
  tcp::resolver resolver(ctx());
  error_code ec;
  auto results = resolver.resolve(no_such_host, "80", ec);
  EXPECT_EQ(ec, ringport::error::host_not_found) << ec.message();
  EXPECT_EQ(ec.category(), ringport::error::netdb_category);
#if defined(_WIN32)
  EXPECT_EQ(ec.value(), 11001);  // WSAHOST_NOT_FOUND, getaddrinfo's EAI_NONAME, as in Asio
#endif
  EXPECT_TRUE(results.empty());
}

TEST_P(ResolverErrors, UnknownHostThrows) {
  tcp::resolver resolver(ctx());
  try {
    resolver.resolve(no_such_host, "80");
    ADD_FAILURE() << "resolve did not throw";
  } catch (const ringport::system_error& e) {
    EXPECT_EQ(e.code(), ringport::error::host_not_found) << e.what();
  }
}

TEST_P(ResolverErrors, UnknownHostAsync) {
  tcp::resolver resolver(ctx());
  int calls = 0;
  error_code result;
  std::size_t size = 99;
  resolver.async_resolve(no_such_host, "80", [&](error_code ec, tcp::resolver::results_type r) {
    ++calls;
    result = ec;
    size = r.size();
  });
  ctx().run();
  ASSERT_EQ(calls, 1);
  EXPECT_EQ(result, ringport::error::host_not_found) << result.message();
  EXPECT_EQ(size, 0u);
}

TEST_P(ResolverErrors, UnknownServiceSyncAndAsync) {
  tcp::resolver resolver(ctx());
  error_code ec;
  auto results = resolver.resolve("127.0.0.1", "no-such-service-xyz", ec);
  EXPECT_EQ(ec, ringport::error::service_not_found) << ec.message();
  EXPECT_EQ(ec.category(), ringport::error::addrinfo_category);
#if defined(_WIN32)
  EXPECT_EQ(ec.value(), 10109);  // WSATYPE_NOT_FOUND, getaddrinfo's EAI_SERVICE, as in Asio
#endif
  EXPECT_TRUE(results.empty());

  error_code async_ec;
  resolver.async_resolve("127.0.0.1", "no-such-service-xyz",
                         [&](error_code e, tcp::resolver::results_type) { async_ec = e; });
  ctx().run();
  EXPECT_EQ(async_ec, ringport::error::service_not_found) << async_ec.message();
}

TEST_P(ResolverErrors, NumericHostFlagWithName) {
  tcp::resolver resolver(ctx());
  error_code ec;
  auto results = resolver.resolve("localhost", "80", resolver_base::numeric_host, ec);
  EXPECT_EQ(ec, ringport::error::host_not_found) << ec.message();
  EXPECT_TRUE(results.empty());
}

TEST_P(ResolverErrors, NothingToResolve) {
  tcp::resolver resolver(ctx());
  error_code ec;
  auto results = resolver.resolve("", "", ec);  // both passed as null: EAI_NONAME
  EXPECT_EQ(ec, ringport::error::host_not_found) << ec.message();
  EXPECT_TRUE(results.empty());
}

RINGPORT_INSTANTIATE_BACKENDS(ResolverErrors);

}  // namespace resolver_errors_test
