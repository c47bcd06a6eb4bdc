// The part of the Windows socket service that does not depend on the protocol (Asio's
// win_iocp_socket_service_base): the context, the context's backend through its socket half
// (iocp_socket_backend: it associates sockets with its completion port and counts the
// overlapped I/O the kernel holds), the select reactor made on first need, the extension functions
// (ConnectEx, AcceptEx, GetAcceptExSockaddrs, WSARecvMsg) looked up at run time,
// NtSetInformationFile looked up on first release(), and the intrusive list of live implementations
// under a mutex so that shutdown() closes every socket.
//
// Starting an op: the Winsock call gets the op's OVERLAPPED. ERROR_IO_PENDING (or a success
// whose packet the port will still deliver) → on_pending; any other result → on_completion
// with the error and byte count. Sockets whose provider is an IFS one are switched to
// FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, so an immediate success queues no packet and is
// delivered by on_completion, exactly once.
//
// The select reactor runs on its own thread and serves what overlapped I/O cannot: write and
// error waits, read waits on non-stream sockets, and connect when ConnectEx is missing or the
// socket is not a stream. Its results come back through the completion port.
//
// Cancellation: CancelIoEx per op (cancellation slots) and per socket (cancel()); where
// CancelIoEx is missing, CancelIo from the one thread that started the socket's ops, and
// operation_not_supported from any other; closesocket. Under Wine, close() with sends or
// receives in flight cancels them and the last of them closes the handle (iocp_handle_keeper).
//
// Defined in src/windows/sockets/, one file per concern: iocp_socket_lifetime.cpp (the
// service's life, open/assign/close/release, moves, cancellation), iocp_socket_sync_io.cpp
// (the synchronous calls), iocp_socket_options.cpp (modes, options, io_control),
// iocp_socket_starts.cpp (starting overlapped ops, receive_again, the select reactor's ops),
// iocp_socket_connect_accept.cpp (ConnectEx, AcceptEx and the calls that finish them),
// iocp_extension_functions.cpp (the functions looked up at run time), iocp_socket_errors.cpp
// (result mapping) and iocp_socket_testing.cpp (the test switches of the test suite's build,
// declared in the private iocp_socket_testing.hpp, not here). iocp_layout_check.cpp checks the
// twins below against the Windows types.
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/cancellation_type.hpp"
#include "ringport/detail/backend.hpp"
#include "ringport/detail/native_buffer.hpp"
#include "ringport/detail/socket_impl_list.hpp"
#include "ringport/detail/socket_slot_owner.hpp"
#include "ringport/detail/socket_types.hpp"
#include "ringport/detail/windows/iocp_op.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/socket_base.hpp"

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>

namespace ringport::detail {

class scheduler;
class select_reactor;
class iocp_socket_service_base;

// The slot-cancellation link of a Windows socket op: the shared socket owner
// (detail/socket_slot_owner.hpp) with a canceller that cancels the op's overlapped request.
// The token dies when the socket is closed: after that the handle may name another socket.
struct RINGPORT_DECL iocp_op_canceller {
  iocp_socket_service_base* service;

  void cancel(iocp_op& op) const;  // iocp_socket_lifetime.cpp
};

using iocp_slot_owner = socket_slot_owner<iocp_op, iocp_op_canceller, iocp_socket_token>;
using iocp_op_cancellation = iocp_slot_owner::link_type;

// Twin of WSAMSG { LPSOCKADDR name; INT namelen; LPWSABUF lpBuffers; ULONG dwBufferCount;
// WSABUF Control; DWORD dwFlags; } for WSARecvMsg; checked against the real struct in
// src/windows/sockets/iocp_layout_check.cpp.
struct wsamsg_twin {
  void* name = nullptr;
  int name_length = 0;
  native_buffer* buffers = nullptr;
  unsigned long buffer_count = 0;
  native_buffer control{};
  unsigned long flags = 0;
};

// Room for any socket address (sockaddr_storage), aligned like it.
struct alignas(8) iocp_address_storage {
  unsigned char bytes[sockaddr_storage_size];
};

class RINGPORT_DECL iocp_socket_service_base {
 public:
  using native_handle_type = native_socket_type;
  static constexpr native_handle_type invalid_native_handle = invalid_native_socket;
  using address_storage = iocp_address_storage;
  // Whether a socket's provider is known to hand out IFS handles (1), known not to (0), or
  // unknown (-1: asked with getsockopt when the socket is assigned).
  using assign_hint = int;
  static constexpr assign_hint no_assign_hint = -1;
  // getpeername can fail on a socket connected with ConnectEx before its context is
  // updated: remote_endpoint() then answers with the endpoint given to connect (as Asio).
  static constexpr bool remote_endpoint_from_connect = true;

  enum state_flag : unsigned char {
    user_set_non_blocking = 1,          // non_blocking(true): sync calls report would_block
    internal_non_blocking = 2,          // the socket itself is in FIONBIO mode
    stream_oriented = 4,                // a receive of 0 bytes means end of file
    datagram_oriented = 8,              // SIO_UDP_CONNRESET is off
    enable_connection_aborted = 16,     // acceptor option: report connection_aborted
    skip_completion_port = 32,          // FILE_SKIP_COMPLETION_PORT_ON_SUCCESS is on
    user_set_native_non_blocking = 64,  // native_non_blocking(true)
    listening = 128                     // listen() succeeded: a read wait is for a connection
  };

  // The select reactor's per-socket data: whether any op of the socket went to the reactor
  // (so close/cancel need not reach a reactor that was never made).
  struct reactor_data_type {
    bool used_ = false;
  };

  struct base_implementation_type : socket_impl_link {
    native_handle_type socket_ = invalid_native_socket;
    unsigned char state_ = 0;
    // Alive while the socket is open; each op holds a weak copy (see iocp_op::cancel_token_).
    std::shared_ptr<iocp_socket_token> cancel_token_;
    // Under Wine: the socket's handle, shared with its sends and receives in flight, which
    // close() cancels; the last of them closes the handle (see iocp_handle_keeper).
    std::shared_ptr<iocp_handle_keeper> handle_keeper_;
    reactor_data_type reactor_data_;
    // The thread that started every op of the socket so far (0: none yet, ~0: several),
    // for CancelIo, which cancels only the calling thread's I/O.
    unsigned long safe_cancellation_thread_id_ = 0;
  };

  explicit iocp_socket_service_base(execution_context& ctx);
  iocp_socket_service_base(const iocp_socket_service_base&) = delete;
  iocp_socket_service_base& operator=(const iocp_socket_service_base&) = delete;

  void construct(base_implementation_type& impl);

  bool is_open(const base_implementation_type& impl) const noexcept {
    return impl.socket_ != invalid_native_socket;
  }
  native_handle_type native_handle(const base_implementation_type& impl) const noexcept {
    return impl.socket_;
  }

  error_code close(base_implementation_type& impl, error_code& ec);
  // Cancels pending ops, then takes the socket off the completion port with
  // NtSetInformationFile(FileReplaceCompletionInformation). Where that is missing or fails,
  // reports the error and keeps the socket open and owned.
  native_handle_type release(base_implementation_type& impl, error_code& ec);
  error_code cancel(base_implementation_type& impl, error_code& ec);

  bool native_non_blocking(const base_implementation_type& impl) const noexcept {
    return (impl.state_ & internal_non_blocking) != 0;
  }
  error_code native_non_blocking(base_implementation_type& impl, bool mode, error_code& ec);

  std::size_t available(const base_implementation_type& impl, error_code& ec) const;
  error_code shutdown(base_implementation_type& impl, socket_base::shutdown_type what,
                      error_code& ec);
  error_code listen(base_implementation_type& impl, int backlog, error_code& ec);

  template <typename IoControlCommand>
  error_code io_control(base_implementation_type& impl, IoControlCommand& command, error_code& ec) {
    return do_io_control(impl, static_cast<unsigned long>(command.name()),
                         static_cast<void*>(command.data()), ec);
  }

  error_code set_option(base_implementation_type& impl, int level, int name, const void* data,
                        std::size_t size, error_code& ec);
  error_code get_option(const base_implementation_type& impl, int level, int name, void* data,
                        std::size_t& size, error_code& ec) const;

  std::size_t send(base_implementation_type& impl, const native_buffer* bufs, std::size_t count,
                   std::size_t total, socket_base::message_flags flags, error_code& ec,
                   const void* addr = nullptr, std::size_t addr_len = 0);
  // `out_flags` (if set): a receive with flags. On a datagram socket it is WSARecvMsg and gets
  // the flags Winsock reports (message_truncated when the datagram was cut to fit); on any
  // other socket it is WSARecv and gets 0.
  std::size_t receive(base_implementation_type& impl, native_buffer* bufs, std::size_t count,
                      std::size_t total, socket_base::message_flags flags, error_code& ec,
                      void* addr = nullptr, std::size_t* addr_len = nullptr,
                      int* out_flags = nullptr);
  error_code wait(base_implementation_type& impl, socket_base::wait_type w, error_code& ec);

  // Called by a cancellation handler under the link mutex for a linked (still pending) op.
  void cancel_single_op(iocp_op& op);

  // An accept whose connection was reset before it was taken starts again (unless the
  // acceptor's enable_connection_aborted was set when it started): `new_socket` is closed
  // and replaced by a fresh one. Called from the op's completion, where the op is counted as
  // work no longer. Returns false (and leaves `new_socket` invalid) when no new socket can
  // be opened; the caller then completes with `ec`.
  bool restart_accept_op(native_handle_type listener, bool skips_port, iocp_op& op,
                         native_handle_type& new_socket, void* output_buffer, error_code& ec);

  // Under Wine, a receive whose issuing thread exits as its data arrives ends with Wine's
  // internal STATUS_ALERTED (ERROR_ALERTED) and 0 bytes: the read was never done and the data
  // is still in the socket. Called from the op's completion (where the op is counted as work
  // no longer) with its result: when the op is an overlapped receive, the result is
  // ERROR_ALERTED and neither close(), cancel() nor the op's slot has asked for the op's end
  // since it started, issues the receive again as it was first issued and returns true; the
  // op stays linked to its slot. Otherwise returns false and the op completes.
  bool receive_again(iocp_op& op, const error_code& ec);
  // Closes a socket that never reached an implementation (accepted, then not delivered).
  static void close_native(native_handle_type s) noexcept;

  // Result mapping shared by the op shells (Asio's values). `closed`: the op's cancel token
  // has expired (its socket was closed).
  static error_code map_transfer_error(const error_code& ec, bool closed) noexcept;
  static error_code map_connect_error(const error_code& ec, bool closed) noexcept;
  // `took_socket`: the accept handed over a connection (which a test switch may then drop as
  // if it had been reset before it was taken).
  static error_code map_accept_error(const error_code& ec, bool closed, bool took_socket) noexcept;
  // receive_from/receive on datagrams: a datagram cut short still succeeds (as Asio).
  static bool is_truncation(const error_code& ec) noexcept;
  // MSG_TRUNC of <winsock2.h>: what a receive with flags reports for a datagram cut to fit
  // (as recvmsg's MSG_TRUNC on Linux).
  static constexpr int message_truncated = 0x0100;
  // After a successful ConnectEx: SO_UPDATE_CONNECT_CONTEXT.
  static void finish_connect(native_handle_type s) noexcept;
  // After a successful AcceptEx: SO_UPDATE_ACCEPT_CONTEXT and the peer's address from
  // GetAcceptExSockaddrs (copied into `addr`, at most `*addr_len` bytes; *addr_len updated).
  error_code finish_accept(native_handle_type listener, native_handle_type accepted,
                           void* output_buffer, void* addr, std::size_t* addr_len) noexcept;

  // AcceptEx output buffer: local and remote addresses, each sockaddr_storage + 16.
  static constexpr std::size_t accept_address_length = 128 + 16;

 protected:
  ~iocp_socket_service_base();

  void base_shutdown();

  error_code do_open(base_implementation_type& impl, int family, int type, int protocol,
                     error_code& ec);
  error_code do_assign(base_implementation_type& impl, int type, native_handle_type s,
                       error_code& ec, assign_hint ifs = no_assign_hint);
  // An accepted socket has its listener's provider, so a listener that skips the port on
  // success answers for it.
  static assign_hint accepted_hint(const base_implementation_type& listener) noexcept {
    return (listener.state_ & skip_completion_port) ? 1 : no_assign_hint;
  }
  error_code do_bind(base_implementation_type& impl, const void* addr, std::size_t len,
                     error_code& ec);
  error_code do_connect(base_implementation_type& impl, const void* addr, std::size_t len,
                        error_code& ec);
  native_handle_type do_accept(base_implementation_type& impl, void* addr, std::size_t* len,
                               error_code& ec);
  error_code do_io_control(base_implementation_type& impl, unsigned long request, void* arg,
                           error_code& ec);
  error_code do_local_endpoint(const base_implementation_type& impl, void* addr, std::size_t& len,
                               error_code& ec) const;
  error_code do_remote_endpoint(const base_implementation_type& impl, void* addr, std::size_t& len,
                                error_code& ec) const;

  // The op starters. Each counts the op as outstanding work, links a cancellation handler
  // into `slot` when it is connected, and ends in on_pending or on_completion.
  template <typename Slot>
  void prepare_op(base_implementation_type& impl, iocp_op& op, Slot& slot) {
    op.socket_ = impl.socket_;
    op.service_ = this;
    op.skips_port_ = (impl.state_ & skip_completion_port) != 0;
    op.cancel_token_ = impl.cancel_token_;
    op.has_token_ = impl.cancel_token_ != nullptr;
    if (op.has_token_) op.cancels_at_start_ = impl.cancel_token_->cancels.load();
    if (slot.is_connected()) {
      try {
        auto& c = slot.template emplace<iocp_op_cancellation>(
            iocp_slot_owner{{this}, impl.cancel_token_});
        op.linked_ = true;
        iocp_slot_owner::link(c, op);
      } catch (...) {
        op.destroy();
        throw;
      }
    }
  }

  void start_send_op(base_implementation_type& impl, iocp_op& op, native_buffer* bufs,
                     std::size_t count, socket_base::message_flags flags, const void* addr,
                     int addr_len);
  // `addr`/`addr_len` (WSARecvFrom) and `flags` must live in the op until it completes.
  void start_receive_op(base_implementation_type& impl, iocp_op& op, native_buffer* bufs,
                        std::size_t count, unsigned long* flags, void* addr, int* addr_len);
  // A receive with flags on a datagram socket: WSARecvMsg, looked up at run time. `msg`
  // (buffers and flags filled in) must live in the op until it completes; Winsock writes the
  // received message's flags into it.
  void start_receive_msg_op(base_implementation_type& impl, iocp_op& op, wsamsg_twin* msg);
  // `new_socket` is opened by the caller (same family/type/protocol as the listener).
  void start_accept_op(base_implementation_type& impl, iocp_op& op, native_handle_type new_socket,
                       void* output_buffer);
  // `addr` must live in the op until it completes.
  void start_connect_op(base_implementation_type& impl, iocp_op& op, const void* addr,
                        std::size_t len);
  // wait_read on a stream: a zero-byte WSARecv (`buf` and `flags` live in the op); anything
  // else goes to the select reactor.
  void start_wait_op(base_implementation_type& impl, iocp_op& op, socket_base::wait_type w,
                     native_buffer* buf, unsigned long* flags);

  // For socket_service's moves: Moves other's socket, state, reactor data, cancellation thread and
  // cancel token into impl. Pending ops keep running: they refer to the socket (and its backend
  // state), never to the implementation.
  static void take_state(base_implementation_type& impl, base_implementation_type& other);
  // The live implementations, closed by base_shutdown().
  socket_impl_list impls_;

  // Queues `op` with `ec` and 0 bytes, never inside the initiating call.
  void complete_now(iocp_op& op, const error_code& ec);

  // The async initiations of socket_service<Protocol> (defined in iocp_socket_initiate.hpp):
  // each builds one op shell (allocated through the handler's allocator) and starts it.
  // Addresses come as bytes; the op copies a destination, while `sender` and `out_flags`
  // must outlive the op, as in Asio.
  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void initiate_send(base_implementation_type& impl, const ConstBufferSequence& buffers,
                     socket_base::message_flags flags, Handler&& handler, const IoExecutor& io_ex);
  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void initiate_send_to(base_implementation_type& impl, const ConstBufferSequence& buffers,
                        const void* destination, std::size_t destination_size,
                        socket_base::message_flags flags, Handler&& handler,
                        const IoExecutor& io_ex);
  // `out_flags` (if set) gets the received message's flags: WSARecvMsg on a datagram socket
  // (message_truncated when the datagram was cut to fit); WSARecv elsewhere, and 0.
  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void initiate_receive(base_implementation_type& impl, const MutableBufferSequence& buffers,
                        socket_base::message_flags in_flags, socket_base::message_flags* out_flags,
                        Handler&& handler, const IoExecutor& io_ex);
  template <typename MutableBufferSequence, typename Endpoint, typename Handler,
            typename IoExecutor>
  void initiate_receive_from(base_implementation_type& impl, const MutableBufferSequence& buffers,
                             Endpoint& sender, socket_base::message_flags flags, Handler&& handler,
                             const IoExecutor& io_ex);
  // `open_ec`: the result of opening the socket on the caller's behalf; an error completes
  // the op with it.
  template <typename Handler, typename IoExecutor>
  void initiate_connect(base_implementation_type& impl, const void* addr, std::size_t len,
                        const error_code& open_ec, Handler&& handler, const IoExecutor& io_ex);
  template <typename Handler, typename IoExecutor>
  void initiate_wait(base_implementation_type& impl, socket_base::wait_type w, Handler&& handler,
                     const IoExecutor& io_ex);
  // Completion: see iocp_socket_accept_op. `protocol`: the listener's, for the socket
  // AcceptEx accepts into. `peer_open`: the socket to accept into is open, which completes
  // the op with already_open.
  template <typename Protocol, typename Completion, typename Handler, typename IoExecutor>
  void initiate_accept(base_implementation_type& impl, const Protocol& protocol,
                       Completion completion, bool peer_open, Handler&& handler,
                       const IoExecutor& io_ex);

  // Opens a socket for AcceptEx like the listener's (asks the listener what it is).
  static native_handle_type open_like(native_handle_type listener, error_code& ec);
  // Opens an overlapped, non-inherited socket.
  static native_handle_type open_overlapped(int family, int type, int protocol, error_code& ec);

  execution_context& context_;

 private:
  static error_code map_accept_error_value(const error_code& ec, bool closed) noexcept;
  template <typename Op, typename Slot>
  void start_readiness(base_implementation_type& impl, Op& op, Slot& slot,
                       socket_base::wait_type w);
  static socket_base::wait_type read_wait_for(socket_base::message_flags flags) noexcept {
    return (flags & socket_base::message_out_of_band) ? socket_base::wait_error
                                                      : socket_base::wait_read;
  }
  void on_pending(iocp_op& op);
  void issue_accept(native_handle_type listener, bool skips_port, iocp_op& op,
                    native_handle_type new_socket, void* output_buffer);
  // What a Winsock call given an op's OVERLAPPED returned: its success, its error
  // (WSAGetLastError when !ok) and the bytes it reported.
  struct call_result {
    bool ok;
    unsigned long err;
    unsigned long bytes;
  };
  // The Winsock calls of a receive (counted as outstanding overlapped I/O), for a first start
  // after begin_op or for receive_again; finish_start must follow.
  call_result issue_receive(native_handle_type s, iocp_op& op, native_buffer* bufs,
                            std::size_t count, unsigned long* flags, void* addr, int* addr_len);
  call_result issue_receive_msg(native_handle_type s, iocp_op& op, wsamsg_twin* msg);
  void on_completion(iocp_op& op, unsigned long last_error, unsigned long bytes);
  // After a Winsock call given the op's OVERLAPPED (`ok`: it succeeded; `err`: its error):
  // on_pending when a packet will come (ERROR_IO_PENDING, or a success on a socket that does
  // not skip the port), else on_completion.
  void finish_start(bool skips_port, iocp_op& op, bool ok, unsigned long err, unsigned long bytes);
  // Bookkeeping before the Winsock call.
  bool begin_op(base_implementation_type& impl, iocp_op& op);
  // For a send or receive: the op shares the socket's handle keeper (if it has one).
  static void keep_handle(base_implementation_type& impl, iocp_op& op) {
    if (impl.handle_keeper_) op.handle_keeper_ = impl.handle_keeper_;
  }
  void update_cancellation_thread_id(base_implementation_type& impl);
  select_reactor& get_reactor();
  void start_reactor_op(base_implementation_type& impl, iocp_op& op, int kind);
  void* connect_ex(native_handle_type s);
  void* accept_ex(native_handle_type s);
  void* get_accept_ex_sockaddrs(native_handle_type s);
  // For a receive with flags on a datagram socket (WSARecvMsg).
  void* wsa_recv_msg(native_handle_type s);
  // For release() (FileReplaceCompletionInformation).
  void* nt_set_information_file();
  void close_for_shutdown_or_destroy(base_implementation_type& impl, error_code& ec);

  scheduler& scheduler_;
  socket_backend& backend_;
  std::mutex reactor_mutex_;
  std::atomic<select_reactor*> reactor_{nullptr};
  // Extension functions, looked up once with WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER).
  // The extra flag tells "looked up, missing" from "not looked up yet".
  std::atomic<void*> connect_ex_{nullptr};
  std::atomic<bool> connect_ex_looked_up_{false};
  std::atomic<void*> accept_ex_{nullptr};
  std::atomic<void*> get_accept_ex_sockaddrs_{nullptr};
  std::atomic<void*> wsa_recv_msg_{nullptr};
  std::atomic<bool> wsa_recv_msg_looked_up_{false};
  std::atomic<void*> nt_set_info_{nullptr};
  std::atomic<bool> nt_set_info_looked_up_{false};
  // Sockets get a handle keeper (running under Wine).
  bool keeps_handles_ = false;
};

}  // namespace ringport::detail
