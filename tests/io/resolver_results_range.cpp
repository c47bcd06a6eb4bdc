// basic_resolver_results is a forward range of entries: size() matches the iteration,
// begin()==end() only when empty, copies share their entries and compare equal, swap
// exchanges them, and an iterator stays valid after its results object is gone.

#include "backend_test.hpp"

#include "ringport/ip/tcp.hpp"

#include <iterator>
#include <optional>
#include <type_traits>

namespace resolver_results_range_test {

using ResolverResultsRange = ringport::test::backend_test;
using ringport::ip::resolver_base;
using ringport::ip::tcp;

static_assert(std::forward_iterator<tcp::resolver::results_type::const_iterator>);
static_assert(std::is_same_v<tcp::resolver::results_type::value_type,
                             ringport::ip::basic_resolver_entry<tcp>>);

TEST_P(ResolverResultsRange, EmptyResults) {
  tcp::resolver::results_type empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_EQ(empty.begin(), empty.end());
  EXPECT_EQ(empty.cbegin(), empty.cend());
  EXPECT_EQ(empty, tcp::resolver::results_type());
}

TEST_P(ResolverResultsRange, IterationCopySwap) {
  tcp::resolver resolver(ctx());
  auto a = resolver.resolve("localhost", "80");
  auto b = resolver.resolve("127.0.0.1", "81", resolver_base::numeric_host);
  ASSERT_FALSE(a.empty());
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(static_cast<std::size_t>(std::distance(a.cbegin(), a.cend())), a.size());

  auto copy = a;
  EXPECT_EQ(copy, a);
  EXPECT_FALSE(copy == b);
  // Two resolves of the same name are different results, as in Asio.
  EXPECT_FALSE(resolver.resolve("localhost", "80") == a);

  copy.swap(b);
  EXPECT_EQ(copy.size(), 1u);
  EXPECT_EQ(copy.begin()->endpoint().port(), 81);
  EXPECT_EQ(b, a);
  swap(copy, b);
  EXPECT_EQ(copy, a);

  // Post-increment, and the end of the range equals a default-constructed iterator.
  auto it = b.begin();
  auto prev = it++;
  EXPECT_EQ(prev, b.begin());
  EXPECT_EQ(it, b.end());
  EXPECT_EQ(it, tcp::resolver::results_type::const_iterator());
}

TEST_P(ResolverResultsRange, IteratorOutlivesResults) {
  tcp::resolver resolver(ctx());
  std::optional<tcp::resolver::results_type> r(
      resolver.resolve("127.0.0.1", "82", resolver_base::numeric_host));
  auto it = r->begin();
  r.reset();
  EXPECT_EQ(it->endpoint().port(), 82);
  EXPECT_EQ(it->service_name(), "82");
}

RINGPORT_INSTANTIATE_BACKENDS(ResolverResultsRange);

}  // namespace resolver_results_range_test
