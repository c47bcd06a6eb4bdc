// The older resolver style Asio 1.22 still accepts: a resolver::query holding host, service,
// flags and protocol; the results used as an iterator (`resolver::iterator it =
// resolver.resolve(q)`, `*resolver.resolve(q)`); and connect/async_connect from a single
// iterator whose end is a default-constructed one.

#include "backend_test.hpp"

#include "ringport/connect.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

#include <optional>
#include <vector>

namespace resolver_query_iterator_forms_test {

using ResolverQueryIteratorForms = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::make_address;
using ringport::ip::tcp;

TEST_P(ResolverQueryIteratorForms, QueryFormsResolveAsTheirParts) {
  tcp::resolver resolver(ctx());
  tcp::resolver::query q("127.0.0.1", "8080", tcp::resolver::query::numeric_host);
  EXPECT_EQ(q.host_name(), "127.0.0.1");
  EXPECT_EQ(q.service_name(), "8080");

  // The results object is itself an iterator at the first entry.
  tcp::resolver::iterator it = resolver.resolve(q);
  ASSERT_NE(it, tcp::resolver::iterator());
  EXPECT_EQ(it->endpoint(), tcp::endpoint(make_address("127.0.0.1"), 8080));
  ++it;
  EXPECT_EQ(it, tcp::resolver::iterator());
  const tcp::endpoint first = *resolver.resolve(q);
  EXPECT_EQ(first.port(), 8080);

  // With a protocol, only that family; without a host, a passive (bind-ready) query.
  tcp::resolver::query v6(tcp::v6(), "::1", "443", tcp::resolver::query::numeric_host);
  error_code ec;
  auto results = resolver.resolve(v6, ec);
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results.begin()->endpoint(), tcp::endpoint(make_address("::1"), 443));
  tcp::resolver::query passive(tcp::v4(), "9000");
  auto bind_results = resolver.resolve(passive);
  ASSERT_FALSE(bind_results.empty());
  EXPECT_TRUE(bind_results.begin()->endpoint().address().is_unspecified());
  EXPECT_EQ(bind_results.begin()->endpoint().port(), 9000);

  // A malformed numeric host fails like the string form does.
  tcp::resolver::query bad("not an address", "80", tcp::resolver::query::numeric_host);
  resolver.resolve(bad, ec);
  EXPECT_TRUE(ec);
  EXPECT_THROW(resolver.resolve(bad), ringport::system_error);

  // Asynchronous form.
  std::optional<error_code> async_ec;
  tcp::resolver::results_type async_results;
  resolver.async_resolve(q, [&](error_code e, tcp::resolver::results_type r) {
    async_ec = e;
    async_results = r;
  });
  ctx().run();
  ASSERT_TRUE(async_ec.has_value());
  EXPECT_FALSE(*async_ec);
  ASSERT_EQ(async_results.size(), 1u);
  EXPECT_EQ(async_results.begin()->endpoint().port(), 8080);
}

TEST_P(ResolverQueryIteratorForms, ConnectFromASingleIterator) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(make_address("127.0.0.1"), 0));
  const unsigned short port = acceptor.local_endpoint().port();
  tcp::resolver resolver(ctx());
  // The first candidate refuses (a closed port), the second is the listener.
  tcp::acceptor closed(ctx(), tcp::endpoint(make_address("127.0.0.1"), 0));
  const unsigned short closed_port = closed.local_endpoint().port();
  closed.close();
  std::vector<tcp::resolver::results_type::value_type> entries{
      {tcp::endpoint(make_address("127.0.0.1"), closed_port), "127.0.0.1", "a"},
      {tcp::endpoint(make_address("127.0.0.1"), port), "127.0.0.1", "b"}};
  const auto candidates = tcp::resolver::results_type::create(entries);

  tcp::socket sync_socket(ctx());
  tcp::resolver::iterator connected = ringport::connect(sync_socket, candidates.begin());
  ASSERT_NE(connected, tcp::resolver::iterator());
  EXPECT_EQ(connected->service_name(), "b");
  EXPECT_EQ(sync_socket.remote_endpoint().port(), port);

  // With a condition that skips nothing, and with an error_code.
  tcp::socket with_condition(ctx());
  error_code ec;
  int asked = 0;
  connected = ringport::connect(
      with_condition, candidates.begin(),
      [&](const error_code&, const tcp::endpoint&) {
        ++asked;
        return true;
      },
      ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(asked, 2);
  EXPECT_EQ(connected->service_name(), "b");

  tcp::socket async_socket(ctx());
  std::optional<error_code> async_ec;
  tcp::resolver::iterator async_connected;
  ringport::async_connect(async_socket, candidates.begin(),
                          [&](error_code e, tcp::resolver::iterator i) {
                            async_ec = e;
                            async_connected = i;
                          });
  ctx().run();
  ASSERT_TRUE(async_ec.has_value());
  EXPECT_FALSE(*async_ec) << async_ec->message();
  ASSERT_NE(async_connected, tcp::resolver::iterator());
  EXPECT_EQ(async_connected->service_name(), "b");

  // Every candidate rejected: the end iterator and not_found.
  tcp::socket rejected(ctx());
  connected = ringport::connect(
      rejected, candidates.begin(), [](const error_code&, const tcp::endpoint&) { return false; },
      ec);
  EXPECT_EQ(connected, tcp::resolver::iterator());
  EXPECT_EQ(ec, ringport::error::not_found);
}

RINGPORT_INSTANTIATE_BACKENDS(ResolverQueryIteratorForms);

}  // namespace resolver_query_iterator_forms_test
