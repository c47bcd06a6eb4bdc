// execution_context's service registry: use/make/add/has_service, and services shut down
// then destroyed newest first.
#include <gtest/gtest.h>

#include "ringport/execution_context.hpp"
#include "ringport/io_context.hpp"

#include <string>
#include <vector>

namespace execution_context_services_test {

std::vector<std::string> events;

template <int N>
class numbered_service : public ringport::execution_context::service {
 public:
  static inline ringport::execution_context::id id;
  explicit numbered_service(ringport::execution_context& ctx)
      : ringport::execution_context::service(ctx) {}
  ~numbered_service() override { events.push_back("destroy " + std::to_string(N)); }

 private:
  void shutdown() override { events.push_back("shutdown " + std::to_string(N)); }
};

class dependent_service : public ringport::execution_context::service {
 public:
  static inline ringport::execution_context::id id;
  explicit dependent_service(ringport::execution_context& ctx)
      : ringport::execution_context::service(ctx),
        // A constructor that uses another service must not deadlock.
        dep_(ringport::use_service<numbered_service<9>>(ctx)) {}
  numbered_service<9>& dep_;

 private:
  void shutdown() override {}
};

TEST(ExecutionContextServices, UseServiceCreatesOnce) {
  ringport::execution_context ctx;
  EXPECT_FALSE(ringport::has_service<numbered_service<1>>(ctx));
  auto& a = ringport::use_service<numbered_service<1>>(ctx);
  auto& b = ringport::use_service<numbered_service<1>>(ctx);
  EXPECT_EQ(&a, &b);
  EXPECT_TRUE(ringport::has_service<numbered_service<1>>(ctx));
  EXPECT_EQ(&a.context(), &ctx);
}

TEST(ExecutionContextServices, MakeServiceTwiceThrows) {
  ringport::execution_context ctx;
  ringport::make_service<numbered_service<2>>(ctx);
  EXPECT_THROW(ringport::make_service<numbered_service<2>>(ctx), ringport::service_already_exists);
}

TEST(ExecutionContextServices, AddServiceChecksOwner) {
  ringport::execution_context a, b;
  auto* svc = new numbered_service<3>(b);
  EXPECT_THROW(ringport::add_service(a, svc), ringport::invalid_service_owner);
  ringport::add_service(b, svc);  // b owns and deletes it
  EXPECT_TRUE(ringport::has_service<numbered_service<3>>(b));
}

TEST(ExecutionContextServices, ShutdownThenDestroyNewestFirst) {
  events.clear();
  {
    ringport::execution_context ctx;
    ringport::use_service<numbered_service<4>>(ctx);
    ringport::use_service<numbered_service<5>>(ctx);
  }
  EXPECT_EQ(events,
            (std::vector<std::string>{"shutdown 5", "shutdown 4", "destroy 5", "destroy 4"}));
}

TEST(ExecutionContextServices, ServiceConstructorMayUseAnotherService) {
  ringport::execution_context ctx;
  auto& d = ringport::use_service<dependent_service>(ctx);
  EXPECT_EQ(&d.dep_, &ringport::use_service<numbered_service<9>>(ctx));
}

TEST(ExecutionContextServices, IoContextHostsUserServices) {
  ringport::io_context ctx;
  auto& s = ringport::use_service<numbered_service<6>>(ctx);
  EXPECT_EQ(&s.context(), static_cast<ringport::execution_context*>(&ctx));
}

}  // namespace execution_context_services_test
