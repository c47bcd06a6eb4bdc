// A fixture for the tests whose behaviour does not depend on the backend (executors, strands,
// completion tokens, composed operations over in-memory streams, ...): each test runs once, on
// an io_context with the automatic backend, with the same leak checks as backend_test.
#pragma once

#include <gtest/gtest.h>

#include "ringport/io_context.hpp"

#include <memory>

namespace ringport::test {

class context_test : public ::testing::Test {
 protected:
  void SetUp() override;
  // Destroys the context, then checks that no operation object outlived it and that no
  // socket implementation is left.
  void TearDown() override;

  io_context& ctx() { return *ctx_; }
  // Builds another context (for tests that need two).
  std::unique_ptr<io_context> make_context(int concurrency_hint = -1) const {
    return std::make_unique<io_context>(backend_kind::automatic, concurrency_hint);
  }

  std::unique_ptr<io_context> ctx_;

 private:
  long ops_at_start_ = 0;
  long impls_at_start_ = 0;
};

}  // namespace ringport::test
