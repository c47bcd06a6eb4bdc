// Compile-time test: every asynchronous operation of the library is instantiated with every
// kind of completion token: a copyable callback (as an rvalue and as an lvalue), a
// move-only callback (a handler archetype holding a std::unique_ptr, callable only as an
// rvalue), a user-defined token with its own async_result specialization, use_future,
// use_awaitable, as_tuple(use_awaitable), redirect_error(use_awaitable, ec), detached,
// bind_executor(strand, h), bind_allocator(alloc, h), bind_cancellation_slot(slot, h),
// deferred (the deferred operation then started with a handler), append(h, v),
// prepend(h, v) and consign(h, v).
// static_asserts check what each initiating function returns: void for handlers, the user
// token's own type (which records the completion signature), std::future<T>, awaitable<T>.
// Lvalue and const lvalue tokens are checked too, and binders around tokens rather than
// handlers (bind_executor(strand, use_future), ...) on one operation of each family.
//
// The operations × tokens matrix is expanded with fold expressions; the test takes the
// address of every check function, which forces the compiler to instantiate it (and with it
// the initiation, the service call and the operation object of every combination). Nothing
// of it runs; tests/io/token_matrix_runs.cpp completes real operations.
//
// Not applicable by signature (as in Asio): redirect_error needs a leading error_code, so it
// is not combined with post/dispatch/defer (void()) nor with co_spawn (exception_ptr).
// Linux only: local and sequenced-packet sockets (none on Windows). Move-accepts onto
// another executor or context are in the matrix too.
//
// A program of its own (tests/CMakeLists.txt): it builds beside the behaviour tests, and
// the sanitizer builds leave it out.

// GCC 12 warns (-Wsubobject-linkage) when a coroutine frame holds types of this file.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsubobject-linkage"
#endif

#include "token_matrix_support.hpp"

namespace token_matrix_compiles_test {

// ---- The operations: each names its completion signature and starts with any token ----

using sig_ec = void(error_code);
using sig_io = void(error_code, std::size_t);
using sig_none = void();
using sig_tcp_socket = void(error_code, tcp::socket);
using sig_tcp_ep = void(error_code, tcp::endpoint);
using sig_ep_iter = void(error_code, std::vector<tcp::endpoint>::iterator);
using sig_spawn_void = void(std::exception_ptr);
using sig_spawn_int = void(std::exception_ptr, int);
using sig_compose = void(error_code, int);
using sig_ctx_socket =
    void(error_code, tcp::socket::rebind_executor<ringport::io_context::executor_type>::other);
using sig_resolve = void(error_code, tcp::resolver::results_type);
using sig_udp_resolve = void(error_code, udp::resolver::results_type);
using sig_signal = void(error_code, int);
#if defined(__linux__)
using sig_local_socket = void(error_code, ringport::local::stream_protocol::socket);
using sig_seq_socket = void(error_code, ringport::local::seq_packet_protocol::socket);
#endif

inline awaitable<void> void_coroutine() {
  co_return;
}
inline awaitable<int> int_coroutine() {
  co_return 1;
}

// OPERATION(name, signature, expression using TOKEN): TOKEN is the token, forwarded.
#define TOKEN std::forward<T>(t)
#define OPERATION(name, signature, ...)              \
  struct name {                                      \
    using completion_signature = signature;          \
    template <typename T>                            \
    decltype(auto) operator()(env& e, T&& t) const { \
      (void)e;                                       \
      return __VA_ARGS__;                            \
    }                                                \
  }

// basic_socket
OPERATION(tcp_connect, sig_ec, e.stream.async_connect(e.tcp_ep, TOKEN));
OPERATION(tcp_wait, sig_ec, e.stream.async_wait(tcp::socket::wait_read, TOKEN));
// basic_stream_socket
OPERATION(tcp_read_some, sig_io, e.stream.async_read_some(ringport::buffer(e.bytes), TOKEN));
OPERATION(tcp_write_some, sig_io, e.stream.async_write_some(ringport::buffer(e.bytes), TOKEN));
OPERATION(tcp_send, sig_io, e.stream.async_send(ringport::buffer(e.bytes), TOKEN));
OPERATION(tcp_send_flags, sig_io, e.stream.async_send(ringport::buffer(e.bytes), 0, TOKEN));
OPERATION(tcp_receive, sig_io, e.stream.async_receive(ringport::buffer(e.bytes), TOKEN));
OPERATION(tcp_receive_flags, sig_io, e.stream.async_receive(ringport::buffer(e.bytes), 0, TOKEN));
// basic_datagram_socket
OPERATION(udp_connect, sig_ec, e.datagram.async_connect(e.udp_ep, TOKEN));
OPERATION(udp_wait, sig_ec, e.datagram.async_wait(udp::socket::wait_write, TOKEN));
OPERATION(udp_send_to, sig_io,
          e.datagram.async_send_to(ringport::buffer(e.bytes), e.udp_ep, TOKEN));
OPERATION(udp_send_to_flags, sig_io,
          e.datagram.async_send_to(ringport::buffer(e.bytes), e.udp_ep, 0, TOKEN));
OPERATION(udp_receive_from, sig_io,
          e.datagram.async_receive_from(ringport::buffer(e.bytes), e.udp_ep, TOKEN));
OPERATION(udp_receive_from_flags, sig_io,
          e.datagram.async_receive_from(ringport::buffer(e.bytes), e.udp_ep, 0, TOKEN));
OPERATION(udp_send, sig_io, e.datagram.async_send(ringport::buffer(e.bytes), TOKEN));
OPERATION(udp_send_flags, sig_io, e.datagram.async_send(ringport::buffer(e.bytes), 0, TOKEN));
OPERATION(udp_receive, sig_io, e.datagram.async_receive(ringport::buffer(e.bytes), TOKEN));
OPERATION(udp_receive_flags, sig_io, e.datagram.async_receive(ringport::buffer(e.bytes), 0, TOKEN));
// basic_socket_acceptor
OPERATION(accept_into, sig_ec, e.acceptor.async_accept(e.stream, TOKEN));
OPERATION(accept_into_with_peer, sig_ec, e.acceptor.async_accept(e.stream, e.tcp_ep, TOKEN));
OPERATION(accept_move, sig_tcp_socket, e.acceptor.async_accept(TOKEN));
OPERATION(accept_move_with_peer, sig_tcp_socket, e.acceptor.async_accept(e.tcp_ep, TOKEN));
OPERATION(accept_move_on_context, sig_ctx_socket, e.acceptor.async_accept(e.ctx, TOKEN));
OPERATION(accept_move_on_executor_with_peer, sig_ctx_socket,
          e.acceptor.async_accept(e.ctx.get_executor(), e.tcp_ep, TOKEN));
OPERATION(acceptor_wait, sig_ec, e.acceptor.async_wait(tcp::acceptor::wait_read, TOKEN));
// timers
OPERATION(steady_wait, sig_ec, e.steady.async_wait(TOKEN));
OPERATION(system_wait, sig_ec, e.system.async_wait(TOKEN));
OPERATION(high_res_wait, sig_ec, e.high_res.async_wait(TOKEN));
// read.hpp
OPERATION(read_buffers, sig_io, ringport::async_read(e.stream, ringport::buffer(e.bytes), TOKEN));
OPERATION(read_buffers_cond, sig_io,
          ringport::async_read(e.stream, ringport::buffer(e.bytes), ringport::transfer_at_least(2),
                               TOKEN));
OPERATION(read_buffers_custom_cond, sig_io,
          ringport::async_read(e.stream, ringport::buffer(e.bytes), at_most_eight(), TOKEN));
OPERATION(read_string, sig_io,
          ringport::async_read(e.stream, ringport::dynamic_buffer(e.text), TOKEN));
OPERATION(read_vector_cond, sig_io,
          ringport::async_read(e.stream, ringport::dynamic_buffer(e.vec),
                               ringport::transfer_exactly(4), TOKEN));
OPERATION(read_streambuf, sig_io, ringport::async_read(e.stream, e.sb, TOKEN));
OPERATION(read_streambuf_cond, sig_io,
          ringport::async_read(e.stream, e.sb, ringport::transfer_all(), TOKEN));
OPERATION(read_streambuf_ref, sig_io,
          ringport::async_read(e.stream, ringport::basic_streambuf_ref<>(e.sb), TOKEN));
OPERATION(read_streambuf_ref_cond, sig_io,
          ringport::async_read(e.stream, ringport::basic_streambuf_ref<>(e.sb), at_most_eight(),
                               TOKEN));
// write.hpp
OPERATION(write_buffers, sig_io, ringport::async_write(e.stream, ringport::buffer(e.bytes), TOKEN));
OPERATION(write_buffers_cond, sig_io,
          ringport::async_write(e.stream, ringport::buffer(e.bytes), ringport::transfer_exactly(3),
                                TOKEN));
OPERATION(write_string, sig_io,
          ringport::async_write(e.stream, ringport::dynamic_buffer(e.text), TOKEN));
OPERATION(write_vector_cond, sig_io,
          ringport::async_write(e.stream, ringport::dynamic_buffer(e.vec), at_most_eight(), TOKEN));
OPERATION(write_streambuf, sig_io, ringport::async_write(e.stream, e.sb, TOKEN));
OPERATION(write_streambuf_cond, sig_io,
          ringport::async_write(e.stream, e.sb, ringport::transfer_all(), TOKEN));
OPERATION(write_streambuf_ref, sig_io,
          ringport::async_write(e.stream, ringport::basic_streambuf_ref<>(e.sb), TOKEN));
// read_until.hpp: v2 (string, vector), v1 (streambuf_ref) and streambuf; char, string,
// regex, match condition (function object and function)
OPERATION(until_string_char, sig_io,
          ringport::async_read_until(e.stream, ringport::dynamic_buffer(e.text), '\n', TOKEN));
OPERATION(until_vector_string, sig_io,
          ringport::async_read_until(e.stream, ringport::dynamic_buffer(e.vec), "\r\n", TOKEN));
OPERATION(until_string_regex, sig_io,
          ringport::async_read_until(e.stream, ringport::dynamic_buffer(e.text), e.re, TOKEN));
OPERATION(until_string_match, sig_io,
          ringport::async_read_until(e.stream, ringport::dynamic_buffer(e.text), match_anything(),
                                     TOKEN));
OPERATION(until_string_match_function, sig_io,
          ringport::async_read_until(e.stream, ringport::dynamic_buffer(e.text), match_function,
                                     TOKEN));
OPERATION(until_ref_char, sig_io,
          ringport::async_read_until(e.stream, ringport::basic_streambuf_ref<>(e.sb), ';', TOKEN));
OPERATION(until_ref_string, sig_io,
          ringport::async_read_until(e.stream, ringport::basic_streambuf_ref<>(e.sb),
                                     std::string("ab"), TOKEN));
OPERATION(until_ref_regex, sig_io,
          ringport::async_read_until(e.stream, ringport::basic_streambuf_ref<>(e.sb), e.re, TOKEN));
OPERATION(until_ref_match, sig_io,
          ringport::async_read_until(e.stream, ringport::basic_streambuf_ref<>(e.sb),
                                     match_anything(), TOKEN));
OPERATION(until_streambuf_char, sig_io, ringport::async_read_until(e.stream, e.sb, '\n', TOKEN));
OPERATION(until_streambuf_string, sig_io,
          ringport::async_read_until(e.stream, e.sb, std::string_view("ab"), TOKEN));
OPERATION(until_streambuf_regex, sig_io, ringport::async_read_until(e.stream, e.sb, e.re, TOKEN));
OPERATION(until_streambuf_match, sig_io,
          ringport::async_read_until(e.stream, e.sb, match_anything(), TOKEN));
// connect.hpp
OPERATION(connect_range, sig_tcp_ep, ringport::async_connect(e.stream, e.endpoints, TOKEN));
OPERATION(connect_range_cond, sig_tcp_ep,
          ringport::async_connect(e.stream, e.endpoints, accept_every_endpoint(), TOKEN));
OPERATION(connect_iterators, sig_ep_iter,
          ringport::async_connect(e.stream, e.endpoints.begin(), e.endpoints.end(), TOKEN));
OPERATION(connect_iterators_cond, sig_ep_iter,
          ringport::async_connect(e.stream, e.endpoints.begin(), e.endpoints.end(),
                                  accept_every_endpoint(), TOKEN));
// post.hpp, dispatch.hpp, defer.hpp: on a context, an executor, a strand, and the token's own
OPERATION(post_context, sig_none, ringport::post(e.ctx, TOKEN));
OPERATION(post_executor, sig_none, ringport::post(e.ctx.get_executor(), TOKEN));
OPERATION(post_strand, sig_none, ringport::post(e.strand, TOKEN));
OPERATION(post_token_only, sig_none, ringport::post(TOKEN));
OPERATION(dispatch_context, sig_none, ringport::dispatch(e.ctx, TOKEN));
OPERATION(dispatch_executor, sig_none, ringport::dispatch(e.ctx.get_executor(), TOKEN));
OPERATION(dispatch_token_only, sig_none, ringport::dispatch(TOKEN));
OPERATION(defer_context, sig_none, ringport::defer(e.ctx, TOKEN));
OPERATION(defer_executor, sig_none, ringport::defer(e.strand, TOKEN));
OPERATION(defer_token_only, sig_none, ringport::defer(TOKEN));
// co_spawn.hpp: an awaitable or a function returning one, on a context or an executor
OPERATION(spawn_void_on_context, sig_spawn_void,
          ringport::co_spawn(e.ctx, void_coroutine(), TOKEN));
OPERATION(spawn_int_on_executor, sig_spawn_int,
          ringport::co_spawn(e.ctx.get_executor(), int_coroutine(), TOKEN));
OPERATION(spawn_function_on_context, sig_spawn_int,
          ringport::co_spawn(e.ctx, &int_coroutine, TOKEN));
OPERATION(spawn_function_on_executor, sig_spawn_void,
          ringport::co_spawn(e.ctx.get_executor(), &void_coroutine, TOKEN));
// async_compose.hpp: with an I/O object and without
OPERATION(compose_with_io_object, sig_compose,
          ringport::async_compose<T, sig_compose>(two_step_impl(), t, e.stream));
OPERATION(compose_with_executor, sig_compose,
          ringport::async_compose<T, sig_compose>(two_step_impl(), t, e.ctx.get_executor()));
// ip::basic_resolver: forward (with and without protocol and flags) and reverse
OPERATION(resolve, sig_resolve, e.resolver.async_resolve("localhost", "80", TOKEN));
OPERATION(resolve_flags, sig_resolve,
          e.resolver.async_resolve("127.0.0.1", "80", tcp::resolver::numeric_host, TOKEN));
OPERATION(resolve_protocol, sig_resolve,
          e.resolver.async_resolve(tcp::v4(), "localhost", "http", TOKEN));
OPERATION(resolve_protocol_flags, sig_resolve,
          e.resolver.async_resolve(tcp::v6(), "::1", "80", tcp::resolver::passive, TOKEN));
OPERATION(resolve_reverse, sig_resolve, e.resolver.async_resolve(e.tcp_ep, TOKEN));
OPERATION(udp_resolve, sig_udp_resolve, e.udp_resolver.async_resolve("localhost", "53", TOKEN));
OPERATION(connect_results, sig_tcp_ep, ringport::async_connect(e.stream, e.results, TOKEN));
// basic_signal_set
OPERATION(signal_wait, sig_signal, e.signals.async_wait(TOKEN));
// pipes and files
OPERATION(pipe_read_some, sig_io, e.pipe_in.async_read_some(ringport::buffer(e.bytes), TOKEN));
OPERATION(pipe_write_some, sig_io, e.pipe_out.async_write_some(ringport::buffer(e.bytes), TOKEN));
OPERATION(file_read_some, sig_io, e.stream_file.async_read_some(ringport::buffer(e.bytes), TOKEN));
OPERATION(file_write, sig_io,
          ringport::async_write(e.stream_file, ringport::buffer(e.bytes), TOKEN));
OPERATION(file_read_some_at, sig_io,
          e.random_file.async_read_some_at(7, ringport::buffer(e.bytes), TOKEN));
OPERATION(file_write_some_at, sig_io,
          e.random_file.async_write_some_at(7, ringport::buffer(e.bytes), TOKEN));
#if defined(__linux__)
// POSIX stream descriptors
OPERATION(descriptor_read_some, sig_io,
          e.descriptor.async_read_some(ringport::buffer(e.bytes), TOKEN));
OPERATION(descriptor_write, sig_io,
          ringport::async_write(e.descriptor, ringport::buffer(e.bytes), TOKEN));
OPERATION(descriptor_wait, sig_ec,
          e.descriptor.async_wait(ringport::posix::descriptor_base::wait_read, TOKEN));
// local sockets: stream, datagram, sequenced packets
OPERATION(local_connect, sig_ec, e.local_stream.async_connect(e.local_stream_ep, TOKEN));
OPERATION(local_read_some, sig_io,
          e.local_stream.async_read_some(ringport::buffer(e.bytes), TOKEN));
OPERATION(local_write, sig_io,
          ringport::async_write(e.local_stream, ringport::buffer(e.bytes), TOKEN));
OPERATION(local_accept_move, sig_local_socket, e.local_acceptor.async_accept(TOKEN));
OPERATION(local_accept_into, sig_ec, e.local_acceptor.async_accept(e.local_stream, TOKEN));
OPERATION(local_send_to, sig_io,
          e.local_dgram.async_send_to(ringport::buffer(e.bytes), e.local_dgram_ep, TOKEN));
OPERATION(local_receive_from, sig_io,
          e.local_dgram.async_receive_from(ringport::buffer(e.bytes), e.local_dgram_ep, TOKEN));
OPERATION(seq_send, sig_io, e.seq.async_send(ringport::buffer(e.bytes), 0, TOKEN));
OPERATION(seq_receive, sig_io, e.seq.async_receive(ringport::buffer(e.bytes), e.out_flags, TOKEN));
OPERATION(seq_receive_in_flags, sig_io,
          e.seq.async_receive(ringport::buffer(e.bytes), 0, e.out_flags, TOKEN));
OPERATION(seq_wait, sig_ec, e.seq.async_wait(ringport::socket_base::wait_read, TOKEN));
OPERATION(seq_accept_move, sig_seq_socket, e.seq_acceptor.async_accept(TOKEN));
#endif

#undef OPERATION
#undef TOKEN

template <typename... Ops>
struct op_list {
  static constexpr std::size_t size = sizeof...(Ops);
};

using all_operations = op_list<
    tcp_connect, tcp_wait, tcp_read_some, tcp_write_some, tcp_send, tcp_send_flags, tcp_receive,
    tcp_receive_flags, udp_connect, udp_wait, udp_send_to, udp_send_to_flags, udp_receive_from,
    udp_receive_from_flags, udp_send, udp_send_flags, udp_receive, udp_receive_flags, accept_into,
    accept_into_with_peer, accept_move, accept_move_with_peer, acceptor_wait, steady_wait,
    system_wait, high_res_wait, read_buffers, read_buffers_cond, read_buffers_custom_cond,
    read_string, read_vector_cond, read_streambuf, read_streambuf_cond, read_streambuf_ref,
    read_streambuf_ref_cond, write_buffers, write_buffers_cond, write_string, write_vector_cond,
    write_streambuf, write_streambuf_cond, write_streambuf_ref, until_string_char,
    until_vector_string, until_string_regex, until_string_match, until_string_match_function,
    until_ref_char, until_ref_string, until_ref_regex, until_ref_match, until_streambuf_char,
    until_streambuf_string, until_streambuf_regex, until_streambuf_match, connect_range,
    connect_range_cond, connect_iterators, connect_iterators_cond, post_context, post_executor,
    post_strand, post_token_only, dispatch_context, dispatch_executor, dispatch_token_only,
    defer_context, defer_executor, defer_token_only, spawn_void_on_context, spawn_int_on_executor,
    spawn_function_on_context, spawn_function_on_executor, compose_with_io_object,
    compose_with_executor, accept_move_on_context, accept_move_on_executor_with_peer, resolve,
    resolve_flags, resolve_protocol, resolve_protocol_flags, resolve_reverse, udp_resolve,
    connect_results, signal_wait, pipe_read_some, pipe_write_some, file_read_some, file_write,
    file_read_some_at, file_write_some_at
#if defined(__linux__)
    ,
    descriptor_read_some, descriptor_write, descriptor_wait, local_connect, local_read_some,
    local_write, local_accept_move, local_accept_into, local_send_to, local_receive_from, seq_send,
    seq_receive, seq_receive_in_flags, seq_wait, seq_accept_move
#endif
    >;

// One operation of each family, for the tokens that are binders around other tokens.
using representative_operations =
    op_list<tcp_read_some, udp_receive_from, accept_move, steady_wait, read_string, write_streambuf,
            until_string_regex, connect_iterators, post_context, spawn_int_on_executor,
            compose_with_io_object, resolve, signal_wait, pipe_read_some, file_read_some_at
#if defined(__linux__)
            ,
            seq_receive
#endif
            >;

template <typename Op>
using signature_of = typename Op::completion_signature;
template <typename Op>
using info_of = sig_info<signature_of<Op>>;

// ---- The tokens: each kind checks one operation with itself ----

struct callback_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    using handler = copyable_handler<signature_of<Op>>;
    static_assert(std::is_void_v<decltype(Op()(e, handler()))>);
    Op()(e, handler());
    handler named;  // an lvalue callback is copied
    Op()(e, named);
    const handler constant{};
    Op()(e, constant);
  }
};

struct move_only_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    using handler = move_only_handler<signature_of<Op>>;
    static_assert(std::is_void_v<decltype(Op()(e, handler()))>);
    Op()(e, handler());
    handler named;
    Op()(e, std::move(named));
  }
};

struct user_token_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    using expected = recorded_launch<signature_of<Op>>;
    static_assert(std::is_same_v<decltype(Op()(e, my_token())), expected>);
    int calls = 0;
    expected r = Op()(e, my_token{&calls});
    (void)r;
    my_token named{&calls};
    static_assert(std::is_same_v<decltype(Op()(e, named)), expected>);
    r = Op()(e, named);
    const my_token constant{&calls};
    r = Op()(e, constant);
  }
};

struct use_future_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    using expected = std::future<typename info_of<Op>::value_type>;
    static_assert(std::is_same_v<decltype(Op()(e, ringport::use_future)), expected>);
    expected f = Op()(e, ringport::use_future);
    f = Op()(e, ringport::use_future_t<>());
  }
};

template <typename Op>
awaitable<void> await_plain(env& e) {
  using expected = awaitable<typename info_of<Op>::value_type>;
  static_assert(std::is_same_v<decltype(Op()(e, ringport::use_awaitable)), expected>);
  co_await Op()(e, ringport::use_awaitable);
  // use_awaitable_t<Executor> named explicitly, as a temporary
  static_assert(std::is_same_v<decltype(Op()(e, ringport::use_awaitable_t<>())), expected>);
  co_await Op()(e, ringport::use_awaitable_t<>());
}

struct use_awaitable_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    ringport::co_spawn(e.ctx, await_plain<Op>(e), ringport::detached);
  }
};

template <typename Op>
awaitable<void> await_as_tuple(env& e) {
  using tuple_type = typename info_of<Op>::tuple_type;
  static_assert(std::is_same_v<decltype(Op()(e, ringport::as_tuple(ringport::use_awaitable))),
                               awaitable<tuple_type>>);
  tuple_type t = co_await Op()(e, ringport::as_tuple(ringport::use_awaitable));
  (void)t;
  const auto token = ringport::as_tuple(ringport::use_awaitable);  // an lvalue token
  t = co_await Op()(e, token);
}

struct as_tuple_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    ringport::co_spawn(e.ctx, await_as_tuple<Op>(e), ringport::detached);
  }
};

template <typename Op>
awaitable<void> await_redirect_error(env& e) {
  using value_type = typename info_of<Op>::value_type;
  error_code ec;
  static_assert(
      std::is_same_v<decltype(Op()(e, ringport::redirect_error(ringport::use_awaitable, ec))),
                     awaitable<value_type>>);
  co_await Op()(e, ringport::redirect_error(ringport::use_awaitable, ec));
  auto token = ringport::redirect_error(ringport::use_awaitable, ec);
  co_await Op()(e, token);
}

struct redirect_error_kind {
  template <typename Op>
  static constexpr bool applies = info_of<Op>::leading_error_code;
  template <typename Op>
  static void check(env& e) {
    if constexpr (applies<Op>)
      ringport::co_spawn(e.ctx, await_redirect_error<Op>(e), ringport::detached);
  }
};

struct detached_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    static_assert(std::is_void_v<decltype(Op()(e, ringport::detached))>);
    Op()(e, ringport::detached);
    Op()(e, ringport::detached_t());
  }
};

struct bind_executor_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    using handler = move_only_handler<signature_of<Op>>;
    static_assert(std::is_void_v<decltype(Op()(e, ringport::bind_executor(e.strand, handler())))>);
    Op()(e, ringport::bind_executor(e.strand, handler()));
  }
};

struct bind_allocator_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    using handler = move_only_handler<signature_of<Op>>;
    counting_alloc alloc(e.counts);
    static_assert(std::is_void_v<decltype(Op()(e, ringport::bind_allocator(alloc, handler())))>);
    Op()(e, ringport::bind_allocator(alloc, handler()));
  }
};

struct bind_cancellation_slot_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    using handler = move_only_handler<signature_of<Op>>;
    static_assert(std::is_void_v<decltype(Op()(
                      e, ringport::bind_cancellation_slot(e.signal.slot(), handler())))>);
    Op()(e, ringport::bind_cancellation_slot(e.signal.slot(), handler()));
  }
};

// The signature a handler needs when an int is added after or before the arguments.
template <typename Signature>
struct with_int_after;
template <typename... Args>
struct with_int_after<void(Args...)> {
  using type = void(Args..., int);
};
template <typename Signature>
struct with_int_before;
template <typename... Args>
struct with_int_before<void(Args...)> {
  using type = void(int, Args...);
};

struct deferred_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    using handler = move_only_handler<signature_of<Op>>;
    auto operation = Op()(e, ringport::deferred);  // starts nothing yet
    static_assert(!std::is_void_v<decltype(operation)>);
    std::move(operation)(handler());
  }
};

struct append_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    using handler = move_only_handler<typename with_int_after<signature_of<Op>>::type>;
    static_assert(std::is_void_v<decltype(Op()(e, ringport::append(handler(), 7)))>);
    Op()(e, ringport::append(handler(), 7));
  }
};

struct prepend_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    using handler = move_only_handler<typename with_int_before<signature_of<Op>>::type>;
    static_assert(std::is_void_v<decltype(Op()(e, ringport::prepend(handler(), 7)))>);
    Op()(e, ringport::prepend(handler(), 7));
  }
};

struct consign_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    using handler = move_only_handler<signature_of<Op>>;
    Op()(e, ringport::consign(handler(), std::make_shared<int>(1)));
  }
};

// Binders around tokens rather than handlers: the target token's result comes back.
struct bound_tokens_kind {
  template <typename Op>
  static constexpr bool applies = true;
  template <typename Op>
  static void check(env& e) {
    using sig = signature_of<Op>;
    using future_type = std::future<typename info_of<Op>::value_type>;
    static_assert(
        std::is_same_v<decltype(Op()(e, ringport::bind_executor(e.strand, ringport::use_future))),
                       future_type>);
    future_type f = Op()(e, ringport::bind_executor(e.strand, ringport::use_future));
    counting_alloc alloc(e.counts);
    static_assert(std::is_same_v<decltype(Op()(e, ringport::bind_allocator(alloc, my_token()))),
                                 recorded_launch<sig>>);
    Op()(e, ringport::bind_allocator(alloc, my_token()));
    const auto slot_bound = ringport::bind_cancellation_slot(e.signal.slot(), my_token());
    static_assert(std::is_same_v<decltype(Op()(e, slot_bound)), recorded_launch<sig>>);
    Op()(e, slot_bound);
    f = Op()(e, ringport::use_future.rebind(alloc));  // use_future with an allocator
  }
};

template <typename... Kinds>
struct kind_list {
  static constexpr std::size_t size = sizeof...(Kinds);
};

using all_kinds = kind_list<callback_kind, move_only_kind, user_token_kind, use_future_kind,
                            use_awaitable_kind, as_tuple_kind, redirect_error_kind, detached_kind,
                            bind_executor_kind, bind_allocator_kind, bind_cancellation_slot_kind,
                            deferred_kind, append_kind, prepend_kind, consign_kind>;

// ---- The matrix ----

using check_function = void (*)(env&);

struct matrix_entry {
  check_function check;
  bool applies;
};

template <typename Kind, typename... Ops>
void add_row(std::vector<matrix_entry>& out, op_list<Ops...>) {
  (out.push_back(matrix_entry{&Kind::template check<Ops>, Kind::template applies<Ops>}), ...);
}

template <typename... Kinds, typename Ops>
std::vector<matrix_entry> build_matrix(kind_list<Kinds...>, Ops ops) {
  std::vector<matrix_entry> out;
  (add_row<Kinds>(out, ops), ...);
  return out;
}

TEST(TokenMatrixCompiles, EveryOperationWithEveryToken) {
  const std::vector<matrix_entry> matrix = build_matrix(all_kinds(), all_operations());
  ASSERT_EQ(matrix.size(), all_kinds::size * all_operations::size);
  std::size_t applicable = 0;
  for (const matrix_entry& entry : matrix) {
    EXPECT_NE(entry.check, nullptr);
    if (entry.applies) ++applicable;
  }
  // Only redirect_error is left out, for the signatures without a leading error_code:
  // post/dispatch/defer (10 operations) and co_spawn (4).
  EXPECT_EQ(applicable, matrix.size() - 14);
  RecordProperty("operations", static_cast<int>(all_operations::size));
  RecordProperty("combinations", static_cast<int>(applicable));
}

TEST(TokenMatrixCompiles, BindersAroundTokens) {
  const std::vector<matrix_entry> matrix =
      build_matrix(kind_list<bound_tokens_kind>(), representative_operations());
  ASSERT_EQ(matrix.size(), representative_operations::size);
  for (const matrix_entry& entry : matrix) {
    EXPECT_NE(entry.check, nullptr);
    EXPECT_TRUE(entry.applies);
  }
}

}  // namespace token_matrix_compiles_test

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
