#include "backend_test.hpp"

#include <map>
#include <mutex>
#include <stdexcept>

namespace ringport {
void PrintTo(backend_kind kind, std::ostream* os) {
  *os << to_string(kind);
}
}  // namespace ringport

namespace ringport::test {

std::vector<backend_kind> platform_backends() {
#if defined(_WIN32)
  return {backend_kind::iocp};
#else
  return {backend_kind::io_uring, backend_kind::epoll};
#endif
}

std::string unavailable_reason(backend_kind kind) {
  static std::mutex mutex;
  static std::map<backend_kind, std::string> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(kind);
  if (it != cache.end()) return it->second;
  std::string reason;
  try {
    io_context probe(kind);
  } catch (const std::exception& e) {
    reason = e.what();
    if (reason.empty()) reason = "unavailable";
  }
  cache.emplace(kind, reason);
  return reason;
}

std::string backend_param_name(const ::testing::TestParamInfo<backend_kind>& info) {
  return to_string(info.param);
}

void backend_test::SetUp() {
  std::string why = unavailable_reason(GetParam());
  if (!why.empty()) GTEST_SKIP() << "backend " << to_string(GetParam()) << " unavailable: " << why;
  ops_at_start_ = detail::op_counter::live();
  impls_at_start_ = detail::socket_impl_list::live();
  ctx_ = std::make_unique<io_context>(GetParam());
  ASSERT_EQ(ctx_->backend(), GetParam());
}

void backend_test::TearDown() {
  ctx_.reset();
  if (detail::op_counter::enabled)
    EXPECT_EQ(detail::op_counter::live(), ops_at_start_)
        << "operation objects outlived their io_context";
  if (detail::op_counter::enabled)
    EXPECT_EQ(detail::socket_impl_list::live(), impls_at_start_)
        << "socket implementations (sockets, acceptors) were left behind";
}

}  // namespace ringport::test
