// iocp_socket_service_base, starting overlapped ops: the bookkeeping before the Winsock call
// (begin_op), the shared tail after it (finish_start, on_pending, on_completion), send,
// receive and wait starts, a receive issued again after Wine dropped it (receive_again),
// and the ops handed to the select reactor. Accept and connect are in
// iocp_socket_connect_accept.cpp.
#include "iocp_fault_injection.hpp"
#include "iocp_socket_internal.hpp"

#include "ringport/detail/backend.hpp"
#include "select_reactor.hpp"
#include "ringport/detail/scheduler.hpp"
#include "ringport/error.hpp"

#include <system_error>

namespace ringport::detail {

void iocp_socket_service_base::update_cancellation_thread_id(base_implementation_type& impl) {
  DWORD me = ::GetCurrentThreadId();
  if (impl.safe_cancellation_thread_id_ == 0)
    impl.safe_cancellation_thread_id_ = me;
  else if (impl.safe_cancellation_thread_id_ != me)
    impl.safe_cancellation_thread_id_ = ~0ul;
}

bool iocp_socket_service_base::begin_op(base_implementation_type& impl, iocp_op& op) {
  if (!is_open(impl)) {
    complete_now(op, error::bad_descriptor);
    return false;
  }
  update_cancellation_thread_id(impl);
  // The pending op keeps run() going until it has completed or been destroyed.
  scheduler_.work_started();
  return true;
}

void iocp_socket_service_base::complete_now(iocp_op& op, const error_code& ec) {
  if (trace_point::on()) [[unlikely]]
    trace_point::finished_at_once(&op);
  scheduler_.work_started();
  op.ec_ = ec;
  op.bytes_ = 0;
  op.ready_.store(1, std::memory_order_relaxed);
  scheduler_.post_deferred_completion(&op);
}

void iocp_socket_service_base::on_pending(iocp_op& op) {
  // The port may already have returned the op (its result is recorded): whoever comes
  // second queues it.
  if (op.ready_.exchange(1, std::memory_order_acq_rel) == 1)
    scheduler_.post_deferred_completion(&op);
}

void iocp_socket_service_base::on_completion(iocp_op& op, unsigned long last_error,
                                             unsigned long bytes) {
  if (trace_point::on()) [[unlikely]]
    trace_point::finished_at_once(&op);
  op.ec_ = win_error(last_error);
  op.bytes_ = bytes;
  op.ready_.store(1, std::memory_order_release);
  scheduler_.post_deferred_completion(&op);
}

namespace {

// What to do after a Winsock call that took an OVERLAPPED: `ok` is its success, `err` its
// error (WSAGetLastError when !ok). pending: a packet will come for it.
enum class start_outcome { pending, done };

start_outcome classify(bool ok, unsigned long err, bool skips_port) {
  if (!ok && err == WSA_IO_PENDING) return start_outcome::pending;
  if (!ok) return start_outcome::done;  // failed at once: no packet
  // Success at once: the port still gets a packet unless the socket skips it.
  return skips_port ? start_outcome::done : start_outcome::pending;
}

}  // namespace

// Shared tail of every overlapped start.
void iocp_socket_service_base::finish_start(bool skips_port, iocp_op& op, bool ok,
                                            unsigned long err, unsigned long bytes) {
  if (classify(ok, err, skips_port) == start_outcome::pending) {
    // Before on_pending(): until it has marked the op, the op cannot be queued to run.
    if (trace_point::on()) [[unlikely]]
      trace_point::handed_over(&op, "iocp");
    if (!ok) iocp_test_state::before_on_pending();
    on_pending(op);
    return;
  }
  backend_.overlapped_finished_without_packet();
  if (ok) iocp_test_state::count_skipped_port_completion();
  on_completion(op, ok ? 0 : err, bytes);
}

void iocp_socket_service_base::start_send_op(base_implementation_type& impl, iocp_op& op,
                                             native_buffer* bufs, std::size_t count,
                                             socket_base::message_flags flags, const void* addr,
                                             int addr_len) {
  trace_start(op, "send", impl.socket_);
  if (!begin_op(impl, op)) return;
  keep_handle(impl, op);
  auto* wsabufs = reinterpret_cast<WSABUF*>(bufs);
  // Test faults: a reset before the call, or the call on a prefix of the buffers (Winsock
  // copies the WSABUF array before it returns, so a local one may go).
  WSABUF cut[iocp_fault::max_cut_buffers];
  unsigned long cut_count = 0;
  if (unsigned long e =
          iocp_fault::transfer_fault((impl.state_ & stream_oriented) && !addr, sock(impl.socket_),
                                     wsabufs, static_cast<unsigned long>(count), cut, cut_count)) {
    on_completion(op, e, 0);
    return;
  }
  if (cut_count) {
    wsabufs = cut;
    count = cut_count;
  }
  backend_.overlapped_started();
  DWORD bytes = 0;
  auto* ov = reinterpret_cast<LPWSAOVERLAPPED>(op.overlapped());
  int r = addr ? ::WSASendTo(sock(impl.socket_), wsabufs, static_cast<DWORD>(count), &bytes,
                             static_cast<DWORD>(flags), static_cast<const sockaddr*>(addr),
                             addr_len, ov, nullptr)
               : ::WSASend(sock(impl.socket_), wsabufs, static_cast<DWORD>(count), &bytes,
                           static_cast<DWORD>(flags), ov, nullptr);
  unsigned long err = r == 0 ? 0 : static_cast<unsigned long>(::WSAGetLastError());
  if (err == ERROR_PORT_UNREACHABLE) err = WSAECONNREFUSED;
  finish_start((impl.state_ & skip_completion_port) != 0, op, r == 0, err, bytes);
}

void iocp_socket_service_base::start_receive_op(base_implementation_type& impl, iocp_op& op,
                                                native_buffer* bufs, std::size_t count,
                                                unsigned long* flags, void* addr, int* addr_len) {
  trace_start(op, "receive", impl.socket_);
  if (!begin_op(impl, op)) return;
  keep_handle(impl, op);
  // Test faults, as for a send.
  WSABUF cut[iocp_fault::max_cut_buffers];
  unsigned long cut_count = 0;
  if (unsigned long e =
          iocp_fault::transfer_fault((impl.state_ & stream_oriented) && !addr, sock(impl.socket_),
                                     reinterpret_cast<const WSABUF*>(bufs),
                                     static_cast<unsigned long>(count), cut, cut_count)) {
    on_completion(op, e, 0);
    return;
  }
  call_result r = cut_count ? issue_receive(impl.socket_, op, reinterpret_cast<native_buffer*>(cut),
                                            cut_count, flags, addr, addr_len)
                            : issue_receive(impl.socket_, op, bufs, count, flags, addr, addr_len);
  if (cut_count) {
    // A receive issued again (receive_again) takes the op's own buffers, not the local cut;
    // nothing reads the record before finish_start has queued the op.
    op.receive_.buffers = bufs;
    op.receive_.count = static_cast<unsigned long>(count);
  }
  finish_start((impl.state_ & skip_completion_port) != 0, op, r.ok, r.err, r.bytes);
}

void iocp_socket_service_base::start_receive_msg_op(base_implementation_type& impl, iocp_op& op,
                                                    wsamsg_twin* msg) {
  trace_start(op, "receive", impl.socket_);
  if (!begin_op(impl, op)) return;
  keep_handle(impl, op);
  if (wsa_recv_msg(impl.socket_) == nullptr) {
    on_completion(op, WSAEOPNOTSUPP, 0);
    return;
  }
  call_result r = issue_receive_msg(impl.socket_, op, msg);
  finish_start((impl.state_ & skip_completion_port) != 0, op, r.ok, r.err, r.bytes);
}

iocp_socket_service_base::call_result iocp_socket_service_base::issue_receive(
    native_handle_type s, iocp_op& op, native_buffer* bufs, std::size_t count, unsigned long* flags,
    void* addr, int* addr_len) {
  op.receive_ = iocp_receive_record{.buffers = bufs,
                                    .count = static_cast<unsigned long>(count),
                                    .flags = flags,
                                    .in_flags = *flags,
                                    .addr = addr,
                                    .addr_len = addr_len,
                                    .addr_capacity = addr_len ? *addr_len : 0};
  backend_.overlapped_started();
  DWORD bytes = 0;
  auto* ov = reinterpret_cast<LPWSAOVERLAPPED>(op.overlapped());
  auto* wsabufs = reinterpret_cast<WSABUF*>(bufs);
  int r = addr ? ::WSARecvFrom(sock(s), wsabufs, static_cast<DWORD>(count), &bytes, flags,
                               static_cast<sockaddr*>(addr), addr_len, ov, nullptr)
               : ::WSARecv(sock(s), wsabufs, static_cast<DWORD>(count), &bytes, flags, ov, nullptr);
  unsigned long err = r == 0 ? 0 : static_cast<unsigned long>(::WSAGetLastError());
  if (err == ERROR_PORT_UNREACHABLE) err = WSAECONNREFUSED;
  return {r == 0, err, bytes};
}

iocp_socket_service_base::call_result iocp_socket_service_base::issue_receive_msg(
    native_handle_type s, iocp_op& op, wsamsg_twin* msg) {
  // Looked up by start_receive_msg_op before the first issue.
  auto fn = reinterpret_cast<LPFN_WSARECVMSG>(wsa_recv_msg(s));
  op.receive_ = iocp_receive_record{.buffers = msg->buffers, .msg = msg, .msg_flags = msg->flags};
  backend_.overlapped_started();
  DWORD bytes = 0;
  int r = fn(sock(s), reinterpret_cast<LPWSAMSG>(msg), &bytes,
             reinterpret_cast<LPWSAOVERLAPPED>(op.overlapped()), nullptr);
  unsigned long err = r == 0 ? 0 : static_cast<unsigned long>(::WSAGetLastError());
  if (err == ERROR_PORT_UNREACHABLE) err = WSAECONNREFUSED;
  return {r == 0, err, bytes};
}

bool iocp_socket_service_base::receive_again(iocp_op& op, const error_code& ec) {
  const iocp_receive_record rec = op.receive_;
  if (ec.value() != ERROR_ALERTED || rec.buffers == nullptr || op.via_reactor_ || !op.has_token_)
    return false;
  // TRICKY: under the link mutex, a live token means the socket is open and stays so until
  // the call below has returned (close() kills the token under this mutex before
  // closesocket, which then aborts the new receive), and the slot's cancellation cannot
  // slip between the check of cancel_requested_ and the call.
  std::lock_guard lock(link_mutex());
  std::shared_ptr<iocp_socket_token> token = op.cancel_token_.lock();
  if (!token || op.cancel_requested_ || token->cancels.load() != op.cancels_at_start_) return false;
  // The op is a fresh overlapped request again, counted as work until it completes.
  op.internal = 0;
  op.internal_high = 0;
  op.offset = 0;
  op.offset_high = 0;
  op.event = nullptr;
  op.ready_.store(0, std::memory_order_relaxed);
  scheduler_.work_started();
  iocp_test_state::count_receive_issued_again();
  // What Winsock wrote back on the first issue goes back to what it was given.
  auto* msg = static_cast<wsamsg_twin*>(rec.msg);
  if (msg) msg->flags = rec.msg_flags;
  if (rec.flags) *rec.flags = rec.in_flags;
  if (rec.addr_len) *rec.addr_len = rec.addr_capacity;
  call_result r = msg ? issue_receive_msg(op.socket_, op, msg)
                      : issue_receive(op.socket_, op, static_cast<native_buffer*>(rec.buffers),
                                      rec.count, rec.flags, rec.addr, rec.addr_len);
  // TRICKY: cancel() counts before it calls CancelIoEx. A count that moved after the check
  // above may belong to a CancelIoEx that looked before the receive existed: cancel this one
  // op here. The op cannot have been freed: it is queued only once on_pending (in
  // finish_start) has set its ready flag too.
  if (!r.ok && r.err == WSA_IO_PENDING && token->cancels.load() != op.cancels_at_start_) {
    if (cancel_io_ex_fn fn = cancel_io_ex())
      fn(handle(op.socket_), reinterpret_cast<LPOVERLAPPED>(op.overlapped()));
  }
  finish_start(op.skips_port_, op, r.ok, r.err, r.bytes);
  return true;
}

void iocp_socket_service_base::start_wait_op(base_implementation_type& impl, iocp_op& op,
                                             socket_base::wait_type w, native_buffer* buf,
                                             unsigned long* flags) {
  trace_start(op, "wait", impl.socket_);
  if (!begin_op(impl, op)) return;
  // A listener has no stream to receive from: its readiness (a connection waiting) comes
  // from the reactor's select().
  if (w == socket_base::wait_read && (impl.state_ & stream_oriented) &&
      !(impl.state_ & listening)) {
    keep_handle(impl, op);
    // A zero-byte receive completes when data (or the end of the stream) is there, and
    // consumes nothing.
    init_native_buffer(*buf, nullptr, 0);
    *flags = 0;
    call_result r = issue_receive(impl.socket_, op, buf, 1, flags, nullptr, nullptr);
    finish_start((impl.state_ & skip_completion_port) != 0, op, r.ok, r.err, 0);
    return;
  }
  start_reactor_op(impl, op,
                   w == socket_base::wait_read    ? select_reactor::read_op
                   : w == socket_base::wait_write ? select_reactor::write_op
                                                  : select_reactor::except_op);
}

select_reactor& iocp_socket_service_base::get_reactor() {
  if (select_reactor* r = reactor_.load(std::memory_order_acquire)) return *r;
  std::lock_guard lock(reactor_mutex_);
  select_reactor* r = reactor_.load(std::memory_order_relaxed);
  if (r == nullptr) {
    r = &use_service<select_reactor>(context_);
    reactor_.store(r, std::memory_order_release);
  }
  return *r;
}

void iocp_socket_service_base::start_reactor_op(base_implementation_type& impl, iocp_op& op,
                                                int kind) {
  op.via_reactor_ = true;
  impl.reactor_data_.used_ = true;
  select_reactor* r = nullptr;
  try {
    r = &get_reactor();
  } catch (const std::system_error& e) {
    on_completion(op, static_cast<unsigned long>(e.code().value()), 0);
    return;
  }
  if (trace_point::on()) [[unlikely]]
    trace_point::handed_over(&op, "select reactor");
  r->start_op(kind, impl.socket_, &op);
}

}  // namespace ringport::detail
