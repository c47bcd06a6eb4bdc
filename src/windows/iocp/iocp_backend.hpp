// The IOCP proactor backend (Windows): one I/O completion port per io_context.
// Core part: waiting for a batch of packets, wake-ups, and ops posted through the port.
// This header names no Windows type (HANDLE is void*, ULONG_PTR is std::uintptr_t) so that
// only iocp_backend.cpp includes <windows.h>; the .cpp checks both twins.
#pragma once

#include "ringport/detail/backend.hpp"

#include <atomic>
#include <cstdint>
#if RINGPORT_TESTING_HOOKS
#include <mutex>
#endif

namespace ringport::detail {

class iocp_op;

class iocp_backend final : public iocp_socket_backend {
 public:
  // The completion key of a packet says what its OVERLAPPED* really points to.
  enum class completion_key : std::uintptr_t {
    // interrupt(): no payload.
    wake = 1,
    // post_ready(): the OVERLAPPED* is a scheduler_operation* that nothing dereferences as an
    // OVERLAPPED; its ec_/bytes_ were set before it was posted.
    posted_op = 2,
    // Sockets are associated with the port under this key: the OVERLAPPED* is the
    // overlapped_twin at the start of an iocp_op, and the packet's status (the NTSTATUS in
    // the OVERLAPPED's Internal field) and byte count are the op's result.
    overlapped_op = 3,
  };

  iocp_backend();  // throws std::system_error
  ~iocp_backend() override;
  iocp_backend(const iocp_backend&) = delete;
  iocp_backend& operator=(const iocp_backend&) = delete;

  backend_kind kind() const noexcept override { return backend_kind::iocp; }
  void wait(long long timeout_ns, op_queue<scheduler_operation>& ready) override;
  void interrupt() noexcept override;
  bool post_ready(scheduler_operation* op) noexcept override;
  bool has_post_queue() const noexcept override { return true; }
  void shutdown(op_queue<scheduler_operation>& abandoned) override;

  // The socket half. Sockets are associated under completion_key::overlapped_op.
  void register_socket(std::uintptr_t socket, std::error_code& ec) override;
  // The count of overlapped I/O the kernel owns; shutdown() waits for it to reach zero.
  void overlapped_started() noexcept override {
    outstanding_overlapped_.fetch_add(1, std::memory_order_relaxed);
  }
  void overlapped_finished_without_packet() noexcept override {
    outstanding_overlapped_.fetch_sub(1, std::memory_order_relaxed);
  }

  // The completion port (a HANDLE).
  void* native_handle() const noexcept { return port_; }

  // Maps the NTSTATUS of a finished overlapped I/O to its Win32 error (0 for success).
  static unsigned long win32_error_from_status(std::uintptr_t status) noexcept;

 private:
  // Dequeues one batch of packets, waiting at most timeout_ms (0xFFFFFFFF: forever), and
  // sorts them: posted ops go to `ready`, wake packets re-arm interrupt(). Returns true when
  // at least one packet was dequeued.
  bool dequeue(unsigned long timeout_ms, op_queue<scheduler_operation>& ready);
  // One packet (key, OVERLAPPED*, bytes, Win32 error) taken from the port, sorted as above.
  void sort_packet(std::uintptr_t key, void* overlapped, unsigned long bytes, unsigned long error,
                   op_queue<scheduler_operation>& ready);

  // Waits in a row (by the one waiting thread, or shutdown) that took at most one packet.
  // From two on, the port is read one packet per call (NtRemoveIoCompletion, what
  // GetQueuedCompletionStatus calls): GetQueuedCompletionStatusEx costs more per call where
  // a call is a round trip to a server (Wine), and a port that yields one packet per wait
  // gains nothing from it. Every ex_probe_interval-th such wait uses the Ex call again, to
  // see packets pile up.
  unsigned single_packet_waits_ = 0;
  static constexpr unsigned ex_probe_interval = 16;

  void* port_ = nullptr;
  // Set by interrupt(), cleared when its packet is dequeued: repeated interrupts before the
  // waiter wakes cost one packet.
  std::atomic<bool> interrupt_pending_{false};
  std::atomic<long> outstanding_overlapped_{0};
  // Set by shutdown(): every socket packet goes to `abandoned`, ready or not.
  bool shutting_down_ = false;

#if RINGPORT_TESTING_HOOKS
  // The late_completion fault: socket packets taken from the port but handed on only once a
  // socket was closed since, or once the scheduler has nothing else to run (so a held op
  // never keeps run() waiting; a context only polled gets them once a socket was closed).
  // Each held op keeps its result in ec_/bytes_.
  bool hold_late(iocp_op* op);
  // Hands the held ops on (through the ready-flag handshake) if `all` or a socket was
  // closed since they were held. Returns true when it handed any on.
  bool release_held(op_queue<scheduler_operation>& ready, bool all);
  std::mutex held_mutex_;
  op_queue<scheduler_operation> held_;
  unsigned long closes_when_held_ = 0;
  std::atomic<bool> holding_{false};
#endif
};
static_assert(complete_backend<iocp_backend>);

}  // namespace ringport::detail
