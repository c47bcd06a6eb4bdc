#include "iocp_backend.hpp"

#include "../../common/fault_plan.hpp"
#include "../sockets/iocp_socket_testing.hpp"
#include "../ntdll_function.hpp"

#include "ringport/detail/windows/iocp_op.hpp"
#include "ringport/error_code.hpp"

#include <windows.h>

#include <chrono>
#include <system_error>
#include <type_traits>

namespace ringport::detail {

namespace {

// The header's twins of the Windows types.
static_assert(std::is_same_v<HANDLE, void*>, "iocp_backend stores the port as void*");
static_assert(sizeof(ULONG_PTR) == sizeof(std::uintptr_t), "completion keys are ULONG_PTR");
static_assert(std::is_same_v<DWORD, unsigned long>, "dequeue() takes its timeout as a DWORD");
// post_ready() round-trips a scheduler_operation* through an LPOVERLAPPED; the pointer value
// survives only if OVERLAPPED is not more strictly aligned than the op.
static_assert(alignof(OVERLAPPED) <= alignof(scheduler_operation));

// Packets taken per GetQueuedCompletionStatusEx call (32 bytes each, on the stack).
constexpr ULONG batch_size = 128;
constexpr long long ns_per_ms = 1000 * 1000;
// Longest finite wait; INFINITE (0xFFFFFFFF) would mean "no limit".
constexpr long long max_finite_ms = INFINITE - 1;

// ntdll's NtRemoveIoCompletion: one packet with its whole status block. The Win32 call on top
// of it (GetQueuedCompletionStatus) reports any status that is not an error as success, so a
// packet of Wine's (STATUS_ALERTED, 0 bytes: a receive dropped with its exiting thread, see
// iocp_socket_errors.cpp) would read as end of file; the status block keeps it.
struct status_block {  // IO_STATUS_BLOCK's layout, without winternl.h
  union {
    LONG status;
    void* pointer;
  };
  ULONG_PTR information;
};
using remove_completion_fn = LONG(WINAPI*)(HANDLE port, void** key, void** context,
                                           status_block* iosb, LARGE_INTEGER* timeout);
constexpr LONG status_success = 0;

remove_completion_fn remove_completion() noexcept {
  static remove_completion_fn fn =
      ntdll_function<remove_completion_fn>("NtRemoveIoCompletion");  // looked up once
  return fn;
}

#if RINGPORT_TESTING_HOOKS
// Packets that arrived before their starting thread had called on_pending (the ready-flag
// race), in every IOCP backend of the process; read by tests.
std::atomic<unsigned long> early_completions{0};
// Held packets (late_completion) handed on after a socket was closed meanwhile.
std::atomic<unsigned long> late_after_close{0};
#endif

ULONG_PTR key_value(iocp_backend::completion_key key) {
  return static_cast<ULONG_PTR>(key);
}

}  // namespace

iocp_backend::iocp_backend() {
  // TRICKY: the last argument caps how many threads the port releases while threads it
  // released earlier are still running. The scheduler admits one waiter at a time and runs
  // handlers on the others; any cap would hold the next waiter back until the previous one
  // blocks, so there is none.
  port_ = ::CreateIoCompletionPort(INVALID_HANDLE_VALUE, nullptr, 0, MAXDWORD);
  if (port_ == nullptr)
    throw std::system_error(static_cast<int>(::GetLastError()), ringport::system_category(),
                            "CreateIoCompletionPort");
}

iocp_backend::~iocp_backend() {
  // TRICKY: a thread outside the context can still post between shutdown() and here (the
  // scheduler's post path cannot know the context is going away). Such a packet is the last
  // owner of its op: take it out and let `left` destroy the op without calling its handler.
  op_queue<scheduler_operation> left;
  while (dequeue(0, left)) {
  }
#if RINGPORT_TESTING_HOOKS
  left.push(held_);
#endif
  ::CloseHandle(static_cast<HANDLE>(port_));
  port_ = nullptr;
}

void iocp_backend::register_socket(std::uintptr_t socket, std::error_code& ec) {
  ec.clear();
  if (::CreateIoCompletionPort(reinterpret_cast<HANDLE>(socket), static_cast<HANDLE>(port_),
                               key_value(completion_key::overlapped_op), 0) == nullptr)
    ec = std::error_code(static_cast<int>(::GetLastError()), ringport::system_category());
}

void iocp_backend::wait(long long timeout_ns, op_queue<scheduler_operation>& ready) {
#if RINGPORT_TESTING_HOOKS
  if (holding_.load(std::memory_order_relaxed)) {
    // Packets are held back: look at the port without blocking, and hand the held ones on
    // once a socket was closed or the scheduler would otherwise block.
    bool got = dequeue(0, ready);
    bool released = release_held(ready, timeout_ns != 0);
    if (got || released || timeout_ns == 0) return;
  }
#endif
  if (timeout_ns < 0) {
    dequeue(INFINITE, ready);
    return;
  }
  if (timeout_ns == 0) {
    dequeue(0, ready);
    return;
  }
  // The port counts in milliseconds, timers in nanoseconds. Rounding up would make a timer
  // due in 0.2 ms fire after 1 ms, and every short timer late by up to a millisecond;
  // rounding down and returning early would send the scheduler round its loop, taking its
  // lock, for nothing. So: sleep in the port for the whole milliseconds, then poll it with
  // a zero timeout, yielding the processor between polls, until the deadline. The polling
  // costs at most about a millisecond of one core per wait, and only when a timer is that
  // close. A wait that returns early (the clock tick) simply goes round again.
  // Real Windows rounds a wait to its clock tick (15.6 ms unless some process raised the
  // timer resolution), so a millisecond wait can still oversleep there by up to a tick; a
  // high-resolution waitable timer would be the cure. Under Wine a wait goes through the
  // wineserver and oversleeps by about 0.1 ms; one poll-and-yield round takes ~20 us.
  using clock = std::chrono::steady_clock;
  const clock::time_point deadline = clock::now() + std::chrono::nanoseconds(timeout_ns);
  long long left_ns = timeout_ns;
  for (;;) {
    long long ms = left_ns / ns_per_ms;
    if (ms > max_finite_ms) ms = max_finite_ms;
    if (dequeue(static_cast<DWORD>(ms), ready)) return;
    left_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - clock::now()).count();
    if (left_ns <= 0) return;
    if (left_ns < ns_per_ms) ::SwitchToThread();
  }
}

void iocp_backend::interrupt() noexcept {
  if (interrupt_pending_.exchange(true, std::memory_order_acq_rel)) return;
  if (!::PostQueuedCompletionStatus(static_cast<HANDLE>(port_), 0, key_value(completion_key::wake),
                                    nullptr)) {
    // Out of kernel memory: nothing to wake the waiter with now, but a later interrupt()
    // must try again rather than find the flag set forever.
    interrupt_pending_.store(false, std::memory_order_release);
  }
}

bool iocp_backend::post_ready(scheduler_operation* op) noexcept {
  // SAFETY: the port stores the OVERLAPPED* as an opaque value and never dereferences a
  // posted packet's pointer. From here until wait(), shutdown() or the destructor dequeues
  // the packet, the packet is the op's only owner.
  return ::PostQueuedCompletionStatus(static_cast<HANDLE>(port_), 0,
                                      key_value(completion_key::posted_op),
                                      reinterpret_cast<LPOVERLAPPED>(op)) != FALSE;
}

void iocp_backend::shutdown(op_queue<scheduler_operation>& abandoned) {
  // Posted ops still in the port belong to a context that will not run again; the scheduler
  // destroys them. The socket services have closed their sockets before (services shut
  // down newest first), so every overlapped op still owned by the kernel is on its way back
  // as an aborted packet: wait for those too, so that no op is written to after the
  // scheduler has destroyed it. Bounded: a packet that never comes (a socket handed to
  // another port by release() while an op was pending) must not hang the shutdown.
  shutting_down_ = true;
#if RINGPORT_TESTING_HOOKS
  {
    std::lock_guard lock(held_mutex_);
    abandoned.push(held_);
    holding_.store(false, std::memory_order_relaxed);
  }
#endif
  using clock = std::chrono::steady_clock;
  const clock::time_point give_up = clock::now() + std::chrono::seconds(5);
  for (;;) {
    bool got =
        dequeue(outstanding_overlapped_.load(std::memory_order_acquire) > 0 ? 10 : 0, abandoned);
    if (got) continue;
    if (outstanding_overlapped_.load(std::memory_order_acquire) <= 0) break;
    if (clock::now() >= give_up) break;
  }
}

unsigned long iocp_backend::win32_error_from_status(std::uintptr_t status) noexcept {
  if (status == 0) return 0;
  using fn_type = ULONG(WINAPI*)(LONG);
  static fn_type fn = ntdll_function<fn_type>("RtlNtStatusToDosError");  // looked up once
  if (fn == nullptr) return ERROR_GEN_FAILURE;
  return fn(static_cast<LONG>(status));
}

bool iocp_backend::dequeue(unsigned long timeout_ms, op_queue<scheduler_operation>& ready) {
  // Not alertable: APCs are no completion source of ringport.
  remove_completion_fn remove_one = remove_completion();
  if (remove_one != nullptr && single_packet_waits_ >= 2 &&
      single_packet_waits_ % ex_probe_interval != 0) {
    void* key = nullptr;
    void* overlapped = nullptr;
    status_block iosb{};
    LARGE_INTEGER relative{};
    relative.QuadPart = -static_cast<LONGLONG>(timeout_ms) * 10000;  // 100 ns units
    LONG status = remove_one(static_cast<HANDLE>(port_), &key, &overlapped, &iosb,
                             timeout_ms == INFINITE ? nullptr : &relative);
    ++single_packet_waits_;
    // STATUS_TIMEOUT, or an error that would come again on the next call: no packet.
    if (status != status_success) return false;
    // The packet's own status, as the Ex call's entry gives it (see below).
    sort_packet(
        reinterpret_cast<std::uintptr_t>(key), overlapped,
        static_cast<unsigned long>(iosb.information),
        win32_error_from_status(static_cast<std::uintptr_t>(static_cast<ULONG>(iosb.status))),
        ready);
    return true;
  }
  OVERLAPPED_ENTRY entries[batch_size];
  ULONG removed = 0;
  if (!::GetQueuedCompletionStatusEx(static_cast<HANDLE>(port_), entries, batch_size, &removed,
                                     timeout_ms, FALSE))
    removed = 0;  // WAIT_TIMEOUT (anything else would fail again on the next call)
  single_packet_waits_ = removed > 1 ? 0 : single_packet_waits_ + 1;
  for (ULONG i = 0; i < removed; ++i) {
    const OVERLAPPED_ENTRY& entry = entries[i];
    // The status is the packet's NTSTATUS (OVERLAPPED_ENTRY is the kernel's completion
    // record: Internal is its IO_STATUS_BLOCK's Status), not the copy in the op's
    // OVERLAPPED: nothing orders that copy before the packet, and under Wine it is never
    // written when the thread that started the op has exited (it still reads
    // STATUS_PENDING). Asio's error values are the Win32 ones that GetQueuedCompletionStatus
    // would report.
    sort_packet(entry.lpCompletionKey, entry.lpOverlapped, entry.dwNumberOfBytesTransferred,
                win32_error_from_status(entry.Internal), ready);
  }
  return removed > 0;
}

void iocp_backend::sort_packet(std::uintptr_t key, void* overlapped, unsigned long bytes,
                               unsigned long error, op_queue<scheduler_operation>& ready) {
  switch (static_cast<completion_key>(key)) {
    case completion_key::wake:
      // TRICKY: cleared only once the packet is out of the port. An interrupt() between
      // the dequeue and this store finds the flag set and posts nothing, which is right:
      // this wait() returns anyway. One after the store posts for the next wait().
      interrupt_pending_.store(false, std::memory_order_release);
      break;
    case completion_key::posted_op:
      // ec_/bytes_ were recorded before the op was posted; the packet adds nothing.
      ready.push(static_cast<scheduler_operation*>(overlapped));
      break;
    case completion_key::overlapped_op: {
      outstanding_overlapped_.fetch_sub(1, std::memory_order_relaxed);
      iocp_op* op = iocp_op::from_overlapped(overlapped);
      op->ec_ = error_code(static_cast<int>(error), ringport::system_category());
      op->bytes_ = bytes;
      if (shutting_down_) {
        ready.push(op);
        break;
      }
#if RINGPORT_TESTING_HOOKS
      if (hold_late(op)) break;
#endif
      // TRICKY: the starting thread may still be inside WSARecv & co. with the op's
      // OVERLAPPED. Whoever sets the ready flag second queues the op: if that is the
      // starting thread (in on_pending), it finds the result recorded here.
      if (op->ready_.exchange(1, std::memory_order_acq_rel) == 1) ready.push(op);
#if RINGPORT_TESTING_HOOKS
      else
        early_completions.fetch_add(1, std::memory_order_release);
#endif
      break;
    }
  }
}

#if RINGPORT_TESTING_HOOKS
bool iocp_backend::hold_late(iocp_op* op) {
  if (!fault::fires(fault::kind::late_completion)) return false;
  std::lock_guard lock(held_mutex_);
  if (held_.empty()) closes_when_held_ = iocp_socket_closes_for_testing();
  held_.push(op);
  holding_.store(true, std::memory_order_relaxed);
  return true;
}

bool iocp_backend::release_held(op_queue<scheduler_operation>& ready, bool all) {
  op_queue<scheduler_operation> out;
  bool after_close = false;
  {
    std::lock_guard lock(held_mutex_);
    if (held_.empty()) return false;
    after_close = iocp_socket_closes_for_testing() != closes_when_held_;
    if (!all && !after_close) return false;
    out.push(held_);
    holding_.store(false, std::memory_order_relaxed);
  }
  bool any = false;
  while (scheduler_operation* base = out.front()) {
    out.pop();
    auto* op = static_cast<iocp_op*>(base);
    if (after_close) late_after_close.fetch_add(1, std::memory_order_release);
    // TRICKY: as for a packet taken just now (dequeue): the starting thread may not have
    // reached on_pending yet; whoever sets the ready flag second queues the op.
    if (op->ready_.exchange(1, std::memory_order_acq_rel) == 1) {
      ready.push(op);
      any = true;
    }
  }
  return any;
}

unsigned long iocp_early_completions_for_testing() noexcept {
  return early_completions.load(std::memory_order_acquire);
}
unsigned long iocp_late_completions_after_close_for_testing() noexcept {
  return late_after_close.load(std::memory_order_acquire);
}
#endif

}  // namespace ringport::detail
