// The select reactor of the Windows socket service (Asio's hybrid approach): one thread
// per context, made on first need, that waits in select() for what overlapped I/O cannot
// express: write and error readiness, read readiness of non-stream sockets, and the end of a
// non-blocking connect (when ConnectEx is missing or the socket is not a stream). A finished
// op goes back through the completion port (PostQueuedCompletionStatus with the result in
// the op), so its handler runs on the context's threads like any other completion.
#pragma once

#include "ringport/detail/backend.hpp"
#include "ringport/detail/windows/iocp_op.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"

#include <mutex>
#include <thread>
#include <vector>

namespace ringport::detail {

class scheduler;

class select_reactor final : public execution_context_service_base<select_reactor> {
 public:
  enum op_kind : int { read_op = 0, write_op = 1, except_op = 2, connect_op = 3 };

  explicit select_reactor(execution_context& ctx);
  ~select_reactor() override;

  // Stops the thread; ops still waiting end with operation_aborted in the scheduler's queue,
  // which the scheduler's own shutdown destroys without calling the handlers.
  void shutdown() override;

  // `op` is counted as outstanding work by the caller.
  void start_op(int kind, native_socket_type s, iocp_op* op);
  // Ends every op of `s` with operation_aborted.
  void cancel_ops(native_socket_type s);
  // Ends `op` with operation_aborted if it is still waiting.
  void cancel_op(iocp_op* op);

 private:
  struct entry {
    int kind;
    native_socket_type socket;
    iocp_op* op;
    unsigned long long serial;
  };

  void run();
  void interrupt();
  void complete(iocp_op* op, const error_code& ec);

  scheduler& scheduler_;
  backend& backend_;
  std::mutex mutex_;
  std::vector<entry> ops_;
  unsigned long long next_serial_ = 1;
  bool stop_ = false;
  native_socket_type interrupter_ = invalid_native_socket;
  // The interrupter's own loopback address (a sockaddr_in).
  alignas(8) unsigned char interrupter_addr_[16] = {};
  std::thread thread_;
};

}  // namespace ringport::detail
