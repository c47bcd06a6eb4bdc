// Starts threads that each call run() on a scheduler (thread_pool, system_context).
#pragma once

#include "ringport/detail/scheduler.hpp"

#include <cstddef>
#include <thread>
#include <vector>

namespace ringport::detail {

// Appends `count` threads running `sched` to `threads`. If a thread cannot be started, stops
// the scheduler, joins the threads already started and rethrows.
void start_run_threads(scheduler& sched, std::size_t count, std::vector<std::thread>& threads);

}  // namespace ringport::detail
