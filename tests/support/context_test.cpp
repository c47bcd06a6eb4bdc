#include "context_test.hpp"

#include "ringport/detail/op_counter.hpp"
#include "ringport/detail/socket_impl_list.hpp"

namespace ringport::test {

void context_test::SetUp() {
  ops_at_start_ = detail::op_counter::live();
  impls_at_start_ = detail::socket_impl_list::live();
  ctx_ = std::make_unique<io_context>(backend_kind::automatic);
}

void context_test::TearDown() {
  ctx_.reset();
  if (detail::op_counter::enabled)
    EXPECT_EQ(detail::op_counter::live(), ops_at_start_)
        << "operation objects outlived their io_context";
  if (detail::op_counter::enabled)
    EXPECT_EQ(detail::socket_impl_list::live(), impls_at_start_)
        << "socket implementations (sockets, acceptors) were left behind";
}

}  // namespace ringport::test
