// The service behind signal_set. Signals are process-wide, so the state is too: one mutex
// guards every set's registrations and pending waits (src/common/signal_set_service.cpp). The
// OS's handler does only async-signal-safe work: on POSIX it writes the signal number into a
// pipe (installed with sigaction); on Windows the CRT's signal() handler and a console control
// handler (CTRL_C_EVENT → SIGINT, CTRL_BREAK_EVENT → SIGBREAK, close/logoff/shutdown →
// SIGTERM) count the signal and set an event. A process-wide dispatcher thread, started by the
// first add(), then completes, under the mutex, one pending wait of every set that has the
// signal (posting it to that set's scheduler) or, where no wait is pending, counts the signal
// for the set's next wait. When the last registration of a signal goes, its default action is
// restored.
//
// Completion rules: a wait ends exactly once, taken under the mutex by delivery, cancel(),
// the set's destruction (operation_aborted) or its cancellation slot (terminal, partial,
// total). At shutdown pending waits are destroyed without being called.
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/cancellation_type.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/op_queue.hpp"
#include "ringport/detail/signal_op.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/signal_set_base.hpp"

#include <atomic>
#include <type_traits>
#include <utility>

namespace ringport::detail {

class scheduler;
class signal_set_service;
struct signal_registration;

// A set's state, owned by the basic_signal_set (which never moves). Guarded by the
// process-wide signal mutex.
struct signal_set_impl {
  signal_set_service* service_ = nullptr;
  signal_registration* registrations_ = nullptr;  // the set's signals
  op_queue<scheduler_operation> waits_;           // pending signal_ops, oldest first
  signal_set_impl* next_ = nullptr;               // the service's list of sets
  signal_set_impl* prev_ = nullptr;
};

class RINGPORT_DECL signal_set_service final
    : public execution_context_service_base<signal_set_service> {
 public:
  static execution_context::id id;  // defined in the library: see execution_context_service_base
  using implementation_type = signal_set_impl;

  explicit signal_set_service(execution_context& ctx);
  ~signal_set_service() override;

  // Destroys pending waits without calling them; the sets' registrations stay until the sets
  // are destroyed.
  void shutdown() override;

  void construct(implementation_type& impl);
  // Removes every signal of the set; pending waits complete with operation_aborted.
  void destroy(implementation_type& impl);

  error_code add(implementation_type& impl, int signal_number, signal_set_base::flags f,
                 error_code& ec);
  error_code remove(implementation_type& impl, int signal_number, error_code& ec);
  error_code clear(implementation_type& impl, error_code& ec);
  // Pending waits complete with operation_aborted.
  error_code cancel(implementation_type& impl, error_code& ec);

  template <typename Handler, typename IoExecutor>
  void async_wait(implementation_type& impl, Handler&& handler, const IoExecutor& io_ex) {
    using op = signal_handler<std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(get_associated_allocator(handler), std::forward<Handler>(handler),
                            io_ex, this->context());
    op_cancellation* canceller = nullptr;
    try {
      // Outside the signal mutex: replacing the slot's previous handler may take it.
      if (slot.is_connected())
        canceller = &slot.template emplace<op_cancellation>(slot_owner<signal_set_service>{this});
    } catch (...) {
      p->destroy();
      throw;
    }
    start_wait(impl, p, canceller);
  }

  // For the dispatcher: the scheduler a set's completions go to.
  scheduler& get_scheduler() noexcept { return scheduler_; }

#if defined(_WIN32)
  // Test hook (tests/windows/win_signal_set_console_ctrl.cpp): calls the console control handler
  // that the first add() registered, as the console's control thread would; returns what the
  // handler returns (true: a set holds the event's signal).
  static bool test_console_ctrl_event(unsigned long ctrl_type);
#endif

  // What a wait whose handler has a connected cancellation slot installs there; both ends of
  // the link are set and cleared under the process-wide signal mutex.
  friend struct slot_owner<signal_set_service>;
  using op_cancellation = slot_cancellation_link<slot_owner<signal_set_service>, signal_op>;

  void start_wait(implementation_type& impl, signal_op* op, op_cancellation* canceller);
  static void cancel_linked(op_cancellation& c);
  static void unlink(op_cancellation& c);

  scheduler& scheduler_;
  signal_set_impl* sets_ = nullptr;  // guarded by the signal mutex
};

}  // namespace ringport::detail
