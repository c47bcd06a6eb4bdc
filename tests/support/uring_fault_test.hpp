// Shared by the tests of the io_uring backend's fault injection (tests/linux/uring_fault_*):
// a context on io_uring (skipped, visibly, where the machine has none) that must end with no
// operation object left.
#pragma once

#include <gtest/gtest.h>

#include "backend_test.hpp"
#include "common/fault_plan.hpp"

#include "ringport/detail/op_counter.hpp"
#include "ringport/io_context.hpp"

#include <memory>
#include <string>

namespace ringport::test {

class uring_fault_test : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why = unavailable_reason(backend_kind::io_uring);
    if (!why.empty()) GTEST_SKIP() << "io_uring unavailable: " << why;
    ops_at_start_ = detail::op_counter::live();
    ctx_ = std::make_unique<io_context>(backend_kind::io_uring);
  }
  void TearDown() override {
    ctx_.reset();
    if (detail::op_counter::enabled)
      EXPECT_EQ(detail::op_counter::live(), ops_at_start_)
          << "operation objects outlived their io_context";
  }
  io_context& ctx() { return *ctx_; }

  std::unique_ptr<io_context> ctx_;

 private:
  long ops_at_start_ = 0;
};

}  // namespace ringport::test
