// The io_uring backend's injected descriptor exhaustion (no_descriptors): an async accept
// fails with EMFILE (error::no_descriptors) or ENFILE before its request is made, so the
// connection stays queued and the next accept takes it. Twenty clients connect; the server
// accepts again after each failure: every client is accepted exactly once, in order, every
// handler runs once, and every failure is one the plan injected.

#include "uring_fault_test.hpp"

#include "common/fault_plan.hpp"

#include "ringport/buffer.hpp"
#include "ringport/error.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <cerrno>
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace uring_fault_no_descriptors_test {

using UringFaultNoDescriptors = ringport::test::uring_fault_test;
using ringport::error_code;
using ringport::detail::fault::kind;
using ringport::ip::tcp;
namespace fault = ringport::detail::fault;

constexpr int clients = 20;

TEST_F(UringFaultNoDescriptors, AcceptFailsThenTakesTheQueuedConnection) {
  tcp::acceptor acceptor(ctx(), tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  std::vector<std::unique_ptr<tcp::socket>> connected;
  for (int i = 0; i < clients; ++i) {
    connected.push_back(std::make_unique<tcp::socket>(ctx()));
    connected.back()->connect(acceptor.local_endpoint());
    // Each client names itself with one byte, so the order of accepts shows.
    const char id = static_cast<char>(i);
    ringport::write(*connected.back(), ringport::buffer(&id, 1));
  }

  fault::scoped_plan plan(fault::only(kind::no_descriptors, 500));
  std::vector<tcp::socket> accepted;
  int handlers = 0, failures = 0, other_errors = 0;
  std::function<void()> accept_next = [&] {
    acceptor.async_accept([&](error_code ec, tcp::socket s) {
      ++handlers;
      if (ec == ringport::error::no_descriptors ||
          ec == error_code(ENFILE, ringport::system_category())) {
        ++failures;
      } else if (ec) {
        ++other_errors;
        ADD_FAILURE() << "accept: " << ec.message();
        return;
      } else {
        accepted.push_back(std::move(s));
      }
      if (static_cast<int>(accepted.size()) < clients && handlers < 10 * clients) accept_next();
    });
  };
  accept_next();
  ctx().run_for(std::chrono::seconds(20));
  EXPECT_TRUE(ctx().stopped());
  EXPECT_EQ(other_errors, 0);
  ASSERT_EQ(static_cast<int>(accepted.size()), clients);
  EXPECT_EQ(handlers, clients + failures);
  EXPECT_GT(failures, 0);
  EXPECT_EQ(static_cast<std::uint64_t>(failures), fault::injected(kind::no_descriptors));
  for (int i = 0; i < clients; ++i) {
    char id = -1;
    ringport::read(accepted[i], ringport::buffer(&id, 1));
    EXPECT_EQ(id, static_cast<char>(i)) << "connection " << i << " lost or taken out of order";
  }
}

}  // namespace uring_fault_no_descriptors_test
