// The service behind every resolver of one execution context (tcp and udp share it).
// getaddrinfo/getnameinfo block, so asynchronous resolves run off the context's threads: the
// service owns one private worker thread, started by the first async_resolve and joined in
// shutdown(), that takes ops from a queue (mutex + condition variable), runs the lookup and
// hands the op back to the scheduler for completion. Synchronous resolves run on the caller.
//
// Completion rules: a resolve ends exactly once. Under the service mutex it is taken either
// by the worker when the lookup returns (success or the lookup's error), or by cancel() /
// destruction of its resolver / its cancellation slot (operation_aborted), queued or while
// the worker is inside getaddrinfo; whoever takes it first wins, and a lookup that returns
// for an op already taken is discarded. The worker never touches the op's memory outside the
// mutex (it moves the query out first), so a taken op may complete and be freed at once. A
// pending resolve counts as outstanding work from async_resolve on. At shutdown queued and
// running resolves are destroyed without being called, after the worker has been joined
// (which waits for a lookup in progress to return).
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/op_queue.hpp"
#include "ringport/detail/resolve_op.hpp"
#include "ringport/detail/scheduler.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>

namespace ringport::detail {

class RINGPORT_DECL resolver_service final
    : public execution_context_service_base<resolver_service> {
 public:
  static execution_context::id id;  // defined in the library: see execution_context_service_base
  // A resolver is known to the service by an id, so that its pending ops follow it when the
  // resolver object moves.
  struct implementation_type {
    std::uint64_t id = 0;
  };

  explicit resolver_service(execution_context& ctx);
  ~resolver_service() override;

  // Destroys queued and running resolves without calling them; joins the worker.
  void shutdown() override;

  void construct(implementation_type& impl) noexcept;
  // Pending resolves complete with operation_aborted.
  void destroy(implementation_type& impl) { cancel(impl); }
  void move_construct(implementation_type& impl, implementation_type& other) noexcept;
  void move_assign(implementation_type& impl, resolver_service& other_service,
                   implementation_type& other);

  // Every pending resolve of `impl` completes with operation_aborted.
  void cancel(implementation_type& impl);

  template <typename InternetProtocol, typename Handler, typename IoExecutor>
  void async_resolve(implementation_type& impl, resolve_query query, Handler&& handler,
                     const IoExecutor& io_ex) {
    using handler_type = std::decay_t<Handler>;
    using op = resolve_handler<handler_type, IoExecutor, InternetProtocol>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(get_associated_allocator(handler), std::forward<Handler>(handler),
                            std::move(query), io_ex, this->context());
    op_cancellation* canceller = nullptr;
    try {
      // Outside the service mutex: replacing the slot's previous handler may take it.
      if (slot.is_connected())
        canceller = &slot.template emplace<op_cancellation>(slot_owner<resolver_service>{this});
      start_op(impl, p, canceller);
    } catch (...) {
      p->destroy();
      throw;
    }
  }

  // What a resolve whose handler has a connected cancellation slot installs there; both ends
  // of the link are set and cleared under the service mutex.
  friend struct slot_owner<resolver_service>;
  using op_cancellation = slot_cancellation_link<slot_owner<resolver_service>, resolve_op>;

  // Links the op to its canceller, queues it, counts it as work, starts the worker if needed.
  void start_op(implementation_type& impl, resolve_op* op, op_cancellation* canceller);
  void cancel_linked(op_cancellation& c);
  void unlink(op_cancellation& c);
  // Takes `op` (queued or running) away from the worker; called with mutex_ held.
  void take_locked(resolve_op* op);
  void worker_loop();

  scheduler& scheduler_;
  std::mutex mutex_;
  std::condition_variable work_cv_;      // the worker waits here for ops, shutdown, release
  op_queue<scheduler_operation> queue_;  // resolve_ops only
  resolve_op* running_ = nullptr;        // the op whose lookup the worker is doing
  std::thread worker_;
  bool shutdown_ = false;
};

}  // namespace ringport::detail
