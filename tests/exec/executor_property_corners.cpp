// Executor and service corners that code written for Asio uses: the bulk_guarantee and
// occupancy queries, require() of a property an executor already has statically, a user
// service identified by its key_type (no static id), and io_context::service's default
// shutdown() (and its older shutdown_service hook).

#include "context_test.hpp"

#include "ringport/execution.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/io_context.hpp"
#include "ringport/query.hpp"
#include "ringport/require.hpp"
#include "ringport/system_executor.hpp"
#include "ringport/thread_pool.hpp"

#include <type_traits>
#include <vector>

namespace executor_property_corners_test {

using ExecutorPropertyCorners = ringport::test::context_test;
namespace execution = ringport::execution;

TEST_F(ExecutorPropertyCorners, BulkGuaranteeAndOccupancy) {
  ringport::thread_pool pool(3);
  auto ex = pool.get_executor();
  EXPECT_TRUE(ringport::query(ex, execution::bulk_guarantee) == execution::bulk_guarantee.parallel);
  EXPECT_FALSE(ringport::query(ex, execution::bulk_guarantee) ==
               execution::bulk_guarantee.sequenced);
  EXPECT_EQ(ringport::query(ex, execution::occupancy), 3u);
  EXPECT_EQ(ringport::query(ringport::thread_pool(1).get_executor(), execution::occupancy), 1u);
  EXPECT_GE(ringport::query(ringport::system_executor(), execution::occupancy), 2u);
  // An io_context executor answers neither, as in Asio.
  static_assert(
      !ringport::can_query_v<ringport::io_context::executor_type, execution::occupancy_t>);
  static_assert(
      !ringport::can_query_v<ringport::io_context::executor_type, execution::bulk_guarantee_t>);
  pool.join();
}

TEST_F(ExecutorPropertyCorners, RequireOfAStaticPropertyKeepsTheExecutor) {
  using ex_type = ringport::io_context::executor_type;
  const ex_type ex = ctx().get_executor();
  // mapping.thread is what the executor always has: require() gives the executor back.
  auto same = ringport::require(ex, execution::mapping.thread);
  static_assert(std::is_same_v<decltype(same), ex_type>);
  EXPECT_TRUE(same == ex);
  // Chained with a property that does change it.
  auto never = ringport::require(ex, execution::mapping.thread, execution::blocking.never);
  EXPECT_TRUE(ringport::query(never, execution::blocking) == execution::blocking.never);
  // One it does not have stays impossible.
  static_assert(!ringport::can_require_v<ex_type, execution::mapping_t::new_thread_t>);
  static_assert(ringport::can_require_v<ex_type, execution::mapping_t::thread_t>);
  ringport::thread_pool pool(1);
  auto pool_same = ringport::require(pool.get_executor(), execution::bulk_guarantee.parallel);
  EXPECT_TRUE(pool_same == pool.get_executor());
  static_assert(!ringport::can_require_v<ringport::thread_pool::executor_type,
                                         execution::bulk_guarantee_t::sequenced_t>);
  pool.join();
}

// User services written the way Asio's documentation allows.
class keyed_service : public ringport::execution_context::service {
 public:
  using key_type = keyed_service;
  explicit keyed_service(ringport::execution_context& owner)
      : ringport::execution_context::service(owner) {}
  int value = 0;

 private:
  void shutdown() override {}
};

class other_keyed_service : public ringport::execution_context::service {
 public:
  using key_type = other_keyed_service;
  explicit other_keyed_service(ringport::execution_context& owner)
      : ringport::execution_context::service(owner) {}

 private:
  void shutdown() override {}
};

TEST_F(ExecutorPropertyCorners, ServiceIdentifiedByItsKeyType) {
  EXPECT_FALSE(ringport::has_service<keyed_service>(ctx()));
  keyed_service& first = ringport::use_service<keyed_service>(ctx());
  first.value = 42;
  EXPECT_TRUE(ringport::has_service<keyed_service>(ctx()));
  EXPECT_EQ(&ringport::use_service<keyed_service>(ctx()), &first);
  EXPECT_EQ(ringport::use_service<keyed_service>(ctx()).value, 42);
  EXPECT_FALSE(ringport::has_service<other_keyed_service>(ctx()));
  EXPECT_NE(static_cast<void*>(&ringport::use_service<other_keyed_service>(ctx())),
            static_cast<void*>(&first));
  EXPECT_THROW(ringport::make_service<keyed_service>(ctx()), ringport::service_already_exists);
}

// An io_context service that defines no shutdown(), and one that uses the older hook.
class quiet_service : public ringport::io_context::service {
 public:
  static inline ringport::execution_context::id id;
  explicit quiet_service(ringport::io_context& owner) : ringport::io_context::service(owner) {}
};

std::vector<const char*> hook_calls;

class legacy_hook_service : public ringport::io_context::service {
 public:
  static inline ringport::execution_context::id id;
  explicit legacy_hook_service(ringport::io_context& owner)
      : ringport::io_context::service(owner) {}

 private:
  void shutdown_service() override { hook_calls.push_back("shutdown_service"); }
};

TEST_F(ExecutorPropertyCorners, IoContextServiceShutdownHasADefault) {
  hook_calls.clear();
  {
    ringport::io_context io;
    quiet_service& quiet = ringport::use_service<quiet_service>(io);
    EXPECT_EQ(&quiet.get_io_context(), &io);
    ringport::use_service<legacy_hook_service>(io);
    EXPECT_TRUE(hook_calls.empty());
  }
  ASSERT_EQ(hook_calls.size(), 1u);
  EXPECT_STREQ(hook_calls[0], "shutdown_service");
}

}  // namespace executor_property_corners_test
