#include "uring_thread_exits.hpp"

namespace ringport::detail {

std::atomic<std::uint32_t> uring_thread_exits{0};

namespace {

struct exit_counter {
  // TRICKY: thread-local destructors run while the thread is still in user space, before the
  // kernel marks it as exiting; so the count has moved before the kernel can drop any request
  // of this thread, and a reaper that sees the dropped request also sees the new count.
  ~exit_counter() { uring_thread_exits.fetch_add(1, std::memory_order_seq_cst); }
};

}  // namespace

void count_exit_of_this_thread() {
  // Constructed on the first call from each thread; its destructor runs when the thread exits.
  [[maybe_unused]] static thread_local exit_counter counter;
  uring_thread_exit_counted = true;
}

}  // namespace ringport::detail
