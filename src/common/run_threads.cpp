#include "run_threads.hpp"

#include <system_error>

namespace ringport::detail {

void start_run_threads(scheduler& sched, std::size_t count, std::vector<std::thread>& threads) {
  threads.reserve(threads.size() + count);
  try {
    for (std::size_t i = 0; i < count; ++i)
      threads.emplace_back([&sched] {
        std::error_code ec;
        sched.run(ec);
      });
  } catch (...) {
    sched.stop();
    for (auto& t : threads)
      t.join();
    throw;
  }
}

}  // namespace ringport::detail
