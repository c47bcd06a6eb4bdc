// Runs one test body on every backend of the platform: io_uring and epoll on Linux, IOCP on
// Windows. A backend the machine lacks makes its instances skip, visibly, with the reason.
#pragma once

#include <gtest/gtest.h>

#include "ringport/detail/op_counter.hpp"
#include "ringport/detail/socket_impl_list.hpp"
#include "ringport/io_context.hpp"

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ringport {
// Lets GoogleTest print a backend as its name in test listings.
void PrintTo(backend_kind kind, std::ostream* os);
}  // namespace ringport

namespace ringport::test {

std::vector<backend_kind> platform_backends();

// Empty when `kind` can start here; otherwise why not.
std::string unavailable_reason(backend_kind kind);

std::string backend_param_name(const ::testing::TestParamInfo<backend_kind>& info);

class backend_test : public ::testing::TestWithParam<backend_kind> {
 protected:
  void SetUp() override;
  // Destroys the context, then checks that no operation object outlived it and that no
  // socket implementation is left.
  void TearDown() override;

  io_context& ctx() { return *ctx_; }
  backend_kind kind() const { return GetParam(); }
  // Builds another context on the same backend (for tests that need two).
  std::unique_ptr<io_context> make_context(int concurrency_hint = -1) const {
    return std::make_unique<io_context>(GetParam(), concurrency_hint);
  }

  std::unique_ptr<io_context> ctx_;

 private:
  long ops_at_start_ = 0;
  long impls_at_start_ = 0;
};

}  // namespace ringport::test

// Registers every TEST_P of `suite` once per platform backend; names end in /io_uring,
// /epoll or /iocp.
#define RINGPORT_INSTANTIATE_BACKENDS(suite)                                                    \
  INSTANTIATE_TEST_SUITE_P(, suite, ::testing::ValuesIn(::ringport::test::platform_backends()), \
                           ::ringport::test::backend_param_name)
