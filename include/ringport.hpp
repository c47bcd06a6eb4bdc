// ringport: asynchronous sockets on io_uring, epoll and IOCP with Asio's vocabulary.
// The umbrella header: includes every public header. Programs written for Asio build with
// `namespace asio = ringport;`.
#pragma once

#include "ringport/any_io_executor.hpp"
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_compose.hpp"
#include "ringport/async_result.hpp"
#include "ringport/basic_waitable_timer.hpp"
#include "ringport/bind_allocator.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/cancellation_slot.hpp"
#include "ringport/cancellation_state.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/defer.hpp"
#include "ringport/dispatch.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/high_resolution_timer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"
#include "ringport/recycling_allocator.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/strand.hpp"
#include "ringport/system_context.hpp"
#include "ringport/system_executor.hpp"
#include "ringport/system_timer.hpp"
#include "ringport/thread_pool.hpp"
#include "ringport/use_future.hpp"
#include "ringport/uses_executor.hpp"
#include "ringport/wait_traits.hpp"

namespace ringport {
namespace chrono = std::chrono;
}  // namespace ringport
