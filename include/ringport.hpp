// ringport: asynchronous sockets on io_uring, epoll and IOCP with Asio's vocabulary.
// The umbrella header: includes every public header. Programs written for Asio build with
// `namespace asio = ringport;`.
#pragma once

#include "ringport/any_io_executor.hpp"
#include "ringport/as_tuple.hpp"
#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/associated_executor.hpp"
#include "ringport/async_compose.hpp"
#include "ringport/async_result.hpp"
#include "ringport/awaitable.hpp"
#include "ringport/basic_streambuf.hpp"
#include "ringport/basic_waitable_timer.hpp"
#include "ringport/bind_allocator.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/buffer.hpp"
#include "ringport/buffer_copy.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/buffer_size.hpp"
#include "ringport/buffers_iterator.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/cancellation_slot.hpp"
#include "ringport/cancellation_state.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/defer.hpp"
#include "ringport/detached.hpp"
#include "ringport/dispatch.hpp"
#include "ringport/dynamic_buffer.hpp"
#include "ringport/error.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/executor_work_guard.hpp"
#include "ringport/high_resolution_timer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/mutable_buffer.hpp"
#include "ringport/post.hpp"
#include "ringport/read.hpp"
#include "ringport/read_until.hpp"
#include "ringport/recycling_allocator.hpp"
#include "ringport/redirect_error.hpp"
#include "ringport/socket_base.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/strand.hpp"
#include "ringport/streambuf.hpp"
#include "ringport/system_context.hpp"
#include "ringport/system_executor.hpp"
#include "ringport/system_timer.hpp"
#include "ringport/this_coro.hpp"
#include "ringport/thread_pool.hpp"
#include "ringport/use_awaitable.hpp"
#include "ringport/use_future.hpp"
#include "ringport/uses_executor.hpp"
#include "ringport/wait_traits.hpp"
#include "ringport/write.hpp"

#include "ringport/basic_datagram_socket.hpp"
#include "ringport/basic_seq_packet_socket.hpp"
#include "ringport/basic_socket.hpp"
#include "ringport/basic_socket_acceptor.hpp"
#include "ringport/basic_stream_socket.hpp"
#include "ringport/connect.hpp"
// The resolver's service runs on Linux only for now (Windows: issue 4, not yet).
#if !defined(_WIN32)
#include "ringport/ip/basic_resolver.hpp"
#endif

// POSIX signals; Windows console events come with the Windows work.
#if !defined(_WIN32)
#include "ringport/signal_set.hpp"
#endif

#include "ringport/ip/address.hpp"
#include "ringport/ip/address_v4.hpp"
#include "ringport/ip/address_v6.hpp"
#include "ringport/ip/bad_address_cast.hpp"
#include "ringport/ip/basic_endpoint.hpp"
#include "ringport/ip/basic_resolver_entry.hpp"
#include "ringport/ip/basic_resolver_iterator.hpp"
#include "ringport/ip/basic_resolver_results.hpp"
#include "ringport/ip/multicast.hpp"
#include "ringport/ip/resolver_base.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/ip/udp.hpp"
#include "ringport/ip/unicast.hpp"
#include "ringport/ip/v6_only.hpp"

#include "ringport/experimental/as_tuple.hpp"
#include "ringport/experimental/awaitable_operators.hpp"

#include "ringport/local/basic_endpoint.hpp"
#if !defined(_WIN32)
#include "ringport/local/connect_pair.hpp"
#endif
#include "ringport/local/datagram_protocol.hpp"
#include "ringport/local/seq_packet_protocol.hpp"
#include "ringport/local/stream_protocol.hpp"

namespace ringport {
namespace chrono = std::chrono;
}  // namespace ringport
