// ringport: asynchronous sockets on io_uring, epoll and IOCP with Asio's vocabulary.
// The umbrella header: includes every public header. Programs written for Asio build with
// `namespace asio = ringport;`.
#pragma once

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_result.hpp"
#include "ringport/defer.hpp"
#include "ringport/dispatch.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/io_context.hpp"
#include "ringport/post.hpp"
#include "ringport/recycling_allocator.hpp"

namespace ringport {
namespace chrono = std::chrono;
}  // namespace ringport
