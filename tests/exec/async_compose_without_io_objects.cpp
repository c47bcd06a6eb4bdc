// async_compose with no I/O object or executor: like Asio, the handler's executor defaults to
// the system executor, so an immediate completion runs on a system_context thread.
#include "context_test.hpp"

#include "ringport/async_compose.hpp"

#include <chrono>
#include <future>
#include <memory>
#include <thread>

namespace async_compose_without_io_objects_test {

using AsyncComposeWithoutIoObjectsThreads = ringport::test::context_test;

TEST_F(AsyncComposeWithoutIoObjectsThreads, SystemExecutorDeliversTheCompletion) {
  // Shared: the handler runs on a system_context thread and may outlive this scope's wait.
  auto done = std::make_shared<std::promise<std::thread::id>>();
  auto f = done->get_future();
  auto handler = [done](int n) {
    EXPECT_EQ(n, 8);
    done->set_value(std::this_thread::get_id());
  };
  ringport::async_compose<decltype(handler), void(int)>([](auto& self) { self.complete(8); },
                                                        handler);
  ASSERT_EQ(f.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_NE(f.get(), std::this_thread::get_id()) << "the handler ran inside async_compose";
}

}  // namespace async_compose_without_io_objects_test
