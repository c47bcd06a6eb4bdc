// The POSIX half of the socket service (Linux: io_uring or epoll behind socket_backend): the
// part that does not depend on the protocol. It holds the intrusive list of live socket
// implementations under a mutex, open/assign/close/release/cancel, the synchronous calls, and
// the initiate_* templates that build an op shell and hand it to the backend. The shared
// socket_service<Protocol> (detail/socket_service.hpp) sits on top; the Windows half,
// iocp_socket_service_base, has the same members.
//
// Blocking: io_uring wants descriptors blocking, epoll wants them O_NONBLOCK. Synchronous
// calls therefore try the call and, on EAGAIN, poll() and retry: on a blocking descriptor
// the first try simply blocks. non_blocking() is the user's view only; with
// non_blocking(true) a synchronous call that would wait reports would_block.
// native_non_blocking() is the descriptor's real O_NONBLOCK flag, as in Asio: setting it
// changes the descriptor, and starting an asynchronous op switches the descriptor to the
// mode the backend needs (Asio's reactor does the same lazily), so it reads true on epoll
// and false on io_uring after an async op was started.
#pragma once

#include "ringport/detail/config.hpp"

#include "ringport/associated_allocator.hpp"
#include "ringport/associated_cancellation_slot.hpp"
#include "ringport/buffer_sequence.hpp"
#include "ringport/const_buffer.hpp"
#include "ringport/detail/handler_alloc.hpp"
#include "ringport/detail/linux/socket_accept_op.hpp"
#include "ringport/detail/backend.hpp"
#include "ringport/detail/linux/socket_op.hpp"
#include "ringport/detail/linux/socket_op_cancellation.hpp"
#include "ringport/detail/linux/socket_transfer_op.hpp"
#include "ringport/detail/linux/socket_wait_op.hpp"
#include "ringport/detail/native_buffer.hpp"
#include "ringport/detail/socket_impl_list.hpp"
#include "ringport/error_code.hpp"
#include "ringport/execution_context.hpp"
#include "ringport/mutable_buffer.hpp"
#include "ringport/socket_base.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <utility>

namespace ringport::detail {

class scheduler;

class RINGPORT_DECL posix_socket_service_base {
 public:
  using native_handle_type = int;
  static constexpr native_handle_type invalid_native_handle = -1;
  // Room for any socket address.
  using address_storage = sockaddr_storage;
  // What is known of a descriptor's O_NONBLOCK flag when it is assigned (known for the
  // descriptors the library made: it saves the fcntl calls that would find out).
  using assign_hint = fd_mode;
  static constexpr assign_hint no_assign_hint = fd_mode::unknown;
  // getpeername answers for every connected socket: remote_endpoint() never falls back to
  // the endpoint given to connect.
  static constexpr bool remote_endpoint_from_connect = false;

  enum state_flag : unsigned char {
    user_set_non_blocking = 1,         // non_blocking(true): sync calls report would_block
    user_set_native_non_blocking = 2,  // native_non_blocking(true), as the user sees it
    internal_non_blocking = 4,         // the descriptor itself is O_NONBLOCK (epoll)
    stream_oriented = 8,               // a receive of 0 bytes means end of file
    datagram_oriented = 16,
    enable_connection_aborted = 32,  // acceptor option: report ECONNABORTED, do not retry
  };

  struct base_implementation_type : socket_impl_link {
    int socket_ = -1;
    unsigned char state_ = 0;
    // The backend's state for the descriptor; null when closed.
    descriptor_state* reactor_data_ = nullptr;
    // Made when an op with a cancellation slot starts; reset (under the link mutex) before
    // the descriptor is deregistered, so a late slot emit never touches a freed state.
    std::shared_ptr<void> cancel_token_;
  };

  explicit posix_socket_service_base(execution_context& ctx);
  posix_socket_service_base(const posix_socket_service_base&) = delete;
  posix_socket_service_base& operator=(const posix_socket_service_base&) = delete;

  void construct(base_implementation_type& impl);

  bool is_open(const base_implementation_type& impl) const noexcept { return impl.socket_ >= 0; }
  int native_handle(const base_implementation_type& impl) const noexcept { return impl.socket_; }

  // Pending ops end once with operation_aborted; the descriptor is closed.
  error_code close(base_implementation_type& impl, error_code& ec);
  // Pending ops end once with operation_aborted; the descriptor is handed to the caller.
  int release(base_implementation_type& impl, error_code& ec);
  error_code cancel(base_implementation_type& impl, error_code& ec);

  bool native_non_blocking(const base_implementation_type& impl) const noexcept {
    return (impl.state_ & internal_non_blocking) != 0;
  }
  error_code native_non_blocking(base_implementation_type& impl, bool mode, error_code& ec);

  std::size_t available(const base_implementation_type& impl, error_code& ec) const;
  error_code shutdown(base_implementation_type& impl, socket_base::shutdown_type what,
                      error_code& ec);
  error_code listen(base_implementation_type& impl, int backlog, error_code& ec);

  // Asio's IoControlCommand: name() is the ioctl request, data() its argument.
  template <typename IoControlCommand>
  error_code io_control(base_implementation_type& impl, IoControlCommand& command, error_code& ec) {
    return do_io_control(impl, static_cast<unsigned long>(command.name()),
                         static_cast<void*>(command.data()), ec);
  }

  // setsockopt/getsockopt (socket_service<Protocol> keeps the custom-level options).
  error_code set_option(base_implementation_type& impl, int level, int name, const void* data,
                        std::size_t size, error_code& ec);
  error_code get_option(const base_implementation_type& impl, int level, int name, void* data,
                        std::size_t& size, error_code& ec) const;

  // Synchronous transfers over an iovec array holding `total` bytes. send: `addr` (if set)
  // is the destination (sendto). receive: `addr` (if set) gets the sender and `addr_len` is
  // in/out, its capacity before and the length the kernel wrote after (recvfrom).
  std::size_t send(base_implementation_type& impl, const native_buffer* bufs, std::size_t count,
                   std::size_t total, socket_base::message_flags flags, error_code& ec,
                   const void* addr = nullptr, std::size_t addr_len = 0);
  // `out_flags` (if set) gets the kernel's msg_flags (MSG_EOR, MSG_TRUNC, ...).
  std::size_t receive(base_implementation_type& impl, native_buffer* bufs, std::size_t count,
                      std::size_t total, socket_base::message_flags flags, error_code& ec,
                      void* addr = nullptr, std::size_t* addr_len = nullptr,
                      int* out_flags = nullptr);
  error_code wait(base_implementation_type& impl, socket_base::wait_type w, error_code& ec);

  static void close_native(native_handle_type fd) noexcept;

 protected:
  ~posix_socket_service_base() = default;

  // Closes every socket still open; their pending ops are aborted into the scheduler's
  // queue, which the scheduler's own shutdown destroys without calling the handlers.
  void base_shutdown();

  error_code do_open(base_implementation_type& impl, int family, int type, int protocol,
                     error_code& ec);
  error_code do_assign(base_implementation_type& impl, int type, int fd, error_code& ec,
                       assign_hint mode = no_assign_hint);
  error_code do_bind(base_implementation_type& impl, const void* addr, std::size_t len,
                     error_code& ec);
  error_code do_connect(base_implementation_type& impl, const void* addr, std::size_t len,
                        error_code& ec);
  // Returns the new descriptor (close-on-exec, in the mode accepted_mode() says) or -1;
  // `len` is in/out when `addr` is set.
  int do_accept(base_implementation_type& impl, void* addr, std::size_t* len, error_code& ec);
  // The O_NONBLOCK flag of descriptors that the listener's accepts return (sync and async):
  // what its backend works with, so registering them needs no fcntl.
  assign_hint accepted_hint(const base_implementation_type&) const noexcept {
    return backend_non_blocking() ? fd_mode::non_blocking : fd_mode::blocking;
  }
  // epoll needs non-blocking descriptors; io_uring blocking ones (it waits itself).
  bool backend_non_blocking() const noexcept;
  error_code do_io_control(base_implementation_type& impl, unsigned long request, void* arg,
                           error_code& ec);
  error_code do_local_endpoint(const base_implementation_type& impl, void* addr, std::size_t& len,
                               error_code& ec) const;
  error_code do_remote_endpoint(const base_implementation_type& impl, void* addr, std::size_t& len,
                                error_code& ec) const;

  // Hands a filled-in op to the backend, counted as work. When it finishes at once it is
  // queued, so its handler never runs inside the initiating call. A connected slot gets a
  // handler linked to the op.
  template <typename Slot>
  void start_op(base_implementation_type& impl, socket_op& op, Slot& slot) {
    if (impl.socket_ < 0) {
      complete_now(op, error_code(EBADF, ringport::system_category()));
      return;
    }
    if (slot.is_connected()) {
      try {
        auto& c = slot.template emplace<posix_op_cancellation>(
            posix_slot_owner{{backend_, impl.reactor_data_}, cancel_token_of(impl)});
        op.linked_ = true;
        posix_slot_owner::link(c, op);
      } catch (...) {
        op.destroy();
        throw;
      }
    }
    start_registered_op(impl, op);
  }

  // For socket_service's moves: Moves other's socket, state, backend registration and cancel token
  // into impl. Pending ops keep running: they refer to the socket (and its backend state), never to
  // the implementation.
  static void take_state(base_implementation_type& impl, base_implementation_type& other);
  // The live implementations, closed by base_shutdown().
  socket_impl_list impls_;
  // The live implementations, closed by base_shutdown().

  // Queues `op` with the result `ec` and 0 bytes, without the backend.
  void complete_now(socket_op& op, const error_code& ec);

  // The async initiations of socket_service<Protocol>: each builds one op shell (allocated
  // through the handler's allocator) and starts it. Addresses come as bytes; the op copies
  // a destination, while `sender` and `out_flags` must outlive the op, as in Asio.
  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void initiate_send(base_implementation_type& impl, const ConstBufferSequence& buffers,
                     socket_base::message_flags flags, Handler&& handler, const IoExecutor& io_ex) {
    start_transfer<const_buffer>(impl, socket_op_kind::send, buffers, flags,
                                 std::forward<Handler>(handler), io_ex);
  }

  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void initiate_send_to(base_implementation_type& impl, const ConstBufferSequence& buffers,
                        const void* destination, std::size_t destination_size,
                        socket_base::message_flags flags, Handler&& handler,
                        const IoExecutor& io_ex) {
    start_transfer<const_buffer, sockaddr_storage>(
        impl, socket_op_kind::send, buffers, flags, std::forward<Handler>(handler), io_ex,
        [=](auto& op) { op.set_destination(destination, destination_size); });
  }

  // `out_flags` (if set) gets the received message's flags.
  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void initiate_receive(base_implementation_type& impl, const MutableBufferSequence& buffers,
                        socket_base::message_flags flags, socket_base::message_flags* out_flags,
                        Handler&& handler, const IoExecutor& io_ex) {
    start_transfer<mutable_buffer>(impl, socket_op_kind::receive, buffers, flags,
                                   std::forward<Handler>(handler), io_ex, [out_flags](auto& op) {
                                     if (out_flags) op.set_out_flags(*out_flags);
                                   });
  }

  template <typename MutableBufferSequence, typename Endpoint, typename Handler,
            typename IoExecutor>
  void initiate_receive_from(base_implementation_type& impl, const MutableBufferSequence& buffers,
                             Endpoint& sender, socket_base::message_flags flags, Handler&& handler,
                             const IoExecutor& io_ex) {
    start_transfer<mutable_buffer>(impl, socket_op_kind::receive, buffers, flags,
                                   std::forward<Handler>(handler), io_ex,
                                   [&sender](auto& op) { op.set_sender(sender); });
  }

  // read/write of a pipe, descriptor or file: `offset` is a file offset, or
  // at_descriptor_position for the descriptor's own position.
  template <typename MutableBufferSequence, typename Handler, typename IoExecutor>
  void initiate_read(base_implementation_type& impl, const MutableBufferSequence& buffers,
                     long long offset, Handler&& handler, const IoExecutor& io_ex) {
    start_transfer<mutable_buffer>(impl, socket_op_kind::read, buffers, 0,
                                   std::forward<Handler>(handler), io_ex,
                                   [offset](auto& op) { op.offset_ = offset; });
  }

  template <typename ConstBufferSequence, typename Handler, typename IoExecutor>
  void initiate_write(base_implementation_type& impl, const ConstBufferSequence& buffers,
                      long long offset, Handler&& handler, const IoExecutor& io_ex) {
    start_transfer<const_buffer>(impl, socket_op_kind::write, buffers, 0,
                                 std::forward<Handler>(handler), io_ex,
                                 [offset](auto& op) { op.offset_ = offset; });
  }

  // `open_ec`: the result of opening the socket on the caller's behalf; an error completes
  // the op with it.
  template <typename Handler, typename IoExecutor>
  void initiate_connect(base_implementation_type& impl, const void* addr, std::size_t len,
                        const error_code& open_ec, Handler&& handler, const IoExecutor& io_ex) {
    using op = socket_wait_op<std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(get_associated_allocator(handler), socket_op_kind::connect,
                            impl.socket_, std::forward<Handler>(handler), io_ex, context_);
    if (open_ec) {
      complete_now(*p, open_ec);
      return;
    }
    p->set_address(addr, len);
    start_op(impl, *p, slot);
  }

  template <typename Handler, typename IoExecutor>
  void initiate_wait(base_implementation_type& impl, socket_base::wait_type w, Handler&& handler,
                     const IoExecutor& io_ex) {
    using op = socket_wait_op<std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    op* p = allocate_op<op>(get_associated_allocator(handler), socket_op_kind::wait, impl.socket_,
                            std::forward<Handler>(handler), io_ex, context_);
    p->flags_ = w == socket_base::wait_read    ? POLLIN
                : w == socket_base::wait_write ? POLLOUT
                                               : POLLPRI;
    start_op(impl, *p, slot);
  }

  // Completion: see socket_accept_op. `peer_open`: the socket to accept into is open, which
  // completes the op with already_open. The listener's protocol is not needed here (the
  // kernel makes the new socket).
  template <typename Protocol, typename Completion, typename Handler, typename IoExecutor>
  void initiate_accept(base_implementation_type& impl, const Protocol&, Completion completion,
                       bool peer_open, Handler&& handler, const IoExecutor& io_ex) {
    using op = socket_accept_op<Completion, std::decay_t<Handler>, IoExecutor>;
    auto slot = get_associated_cancellation_slot(handler);
    bool wants_peer = completion.peer_ep_ != nullptr;
    op* p = allocate_op<op>(get_associated_allocator(handler), impl.socket_, std::move(completion),
                            std::forward<Handler>(handler), io_ex, context_);
    // No peer address asked for: the kernel need not write one (and io_uring's multishot
    // accept, which has none, need not look it up).
    if (!wants_peer) {
      p->msg_.msg_name = nullptr;
      p->msg_.msg_namelen = 0;
    }
    if (peer_open) {
      complete_now(*p, error::already_open);
      return;
    }
    start_op(impl, *p, slot);
  }

  execution_context& context_;

 private:
  // `setup` adds the address (receive_from, send_to) or the out-flags before the op can be
  // seen elsewhere.
  struct no_setup {
    template <typename Op>
    void operator()(Op&) const noexcept {}
  };
  template <typename Buffer, typename Destination = no_destination, typename Buffers,
            typename Handler, typename IoExecutor, typename Setup = no_setup>
  void start_transfer(base_implementation_type& impl, socket_op_kind kind, const Buffers& buffers,
                      socket_base::message_flags flags, Handler&& handler, const IoExecutor& io_ex,
                      Setup setup = {}) {
    using op = socket_transfer_op<Buffer, Buffers, std::decay_t<Handler>, IoExecutor, Destination>;
    auto slot = get_associated_cancellation_slot(handler);
    bool stream = (impl.state_ & stream_oriented) != 0;
    constexpr bool readiness_only = is_null_buffers<Buffers>;
    if constexpr (readiness_only) {
      // null_buffers: wait for readiness in the transfer's direction, move nothing.
      bool out_of_band = (flags & socket_base::message_out_of_band) != 0;
      bool out = kind == socket_op_kind::send || kind == socket_op_kind::write;
      flags = out ? POLLOUT : out_of_band ? POLLPRI : POLLIN;
      kind = socket_op_kind::wait;
    }
    op* p = allocate_op<op>(get_associated_allocator(handler), kind, impl.socket_, buffers, flags,
                            stream, std::forward<Handler>(handler), io_ex, context_);
    if constexpr (!readiness_only) setup(*p);
    // A stream transfer of nothing completes at once with 0 bytes (still through the queue,
    // never inside this call), as in Asio.
    if (!readiness_only && stream && impl.socket_ >= 0 && p->all_empty()) {
      complete_now(*p, error_code());
      return;
    }
    start_op(impl, *p, slot);
  }

  void start_registered_op(base_implementation_type& impl, socket_op& op);
  // Gives the descriptor the O_NONBLOCK mode the backend needs before it starts an op.
  void prepare_for_backend(base_implementation_type& impl);
  std::weak_ptr<void> cancel_token_of(base_implementation_type& impl);
  // Kills the cancel token and deregisters; the descriptor stays open.
  void deregister(base_implementation_type& impl);

  scheduler& scheduler_;
  socket_backend* backend_;
};

}  // namespace ringport::detail
