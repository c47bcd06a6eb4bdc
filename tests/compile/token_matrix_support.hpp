// The parts of the token matrix compile test that are not the matrix: what a completion
// signature turns into, handler archetypes, a user-defined token with its async_result, and
// the objects operations are started on. Included by token_matrix_compiles.cpp only.
#pragma once

#include <gtest/gtest.h>

#include "counting_allocator.hpp"

#include "ringport/append.hpp"
#include "ringport/as_tuple.hpp"
#include "ringport/async_compose.hpp"
#include "ringport/async_result.hpp"
#include "ringport/awaitable.hpp"
#include "ringport/basic_streambuf.hpp"
#include "ringport/bind_allocator.hpp"
#include "ringport/bind_cancellation_slot.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/buffer.hpp"
#include "ringport/cancellation_signal.hpp"
#include "ringport/co_spawn.hpp"
#include "ringport/completion_condition.hpp"
#include "ringport/connect.hpp"
#include "ringport/consign.hpp"
#include "ringport/defer.hpp"
#include "ringport/deferred.hpp"
#include "ringport/detached.hpp"
#include "ringport/dispatch.hpp"
#include "ringport/dynamic_buffer.hpp"
#include "ringport/high_resolution_timer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/ip/udp.hpp"
#include "ringport/post.hpp"
#include "ringport/prepend.hpp"
#include "ringport/read.hpp"
#include "ringport/read_until.hpp"
#include "ringport/redirect_error.hpp"
#include "ringport/steady_timer.hpp"
#include "ringport/strand.hpp"
#include "ringport/streambuf.hpp"
#include "ringport/system_timer.hpp"
#include "ringport/use_awaitable.hpp"
#include "ringport/use_future.hpp"
#include "ringport/write.hpp"

#include "ringport/ip/basic_resolver.hpp"
#include "ringport/random_access_file.hpp"
#include "ringport/readable_pipe.hpp"
#include "ringport/signal_set.hpp"
#include "ringport/stream_file.hpp"
#include "ringport/writable_pipe.hpp"

#if defined(__linux__)
#include "ringport/basic_seq_packet_socket.hpp"
#include "ringport/posix/stream_descriptor.hpp"
#include "ringport/local/datagram_protocol.hpp"
#include "ringport/local/seq_packet_protocol.hpp"
#include "ringport/local/stream_protocol.hpp"
#endif

#include <array>
#include <cstddef>
#include <exception>
#include <future>
#include <memory>
#include <regex>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace token_matrix_compiles_test {

using ringport::awaitable;
using ringport::error_code;
using ringport::ip::tcp;
using ringport::ip::udp;

// ---- What a completion signature turns into ----

template <typename... Args>
struct value_of {
  using type = std::tuple<Args...>;
};
template <>
struct value_of<> {
  using type = void;
};
template <typename A>
struct value_of<A> {
  using type = A;
};

// A leading error_code or exception_ptr is the error channel of use_future and use_awaitable.
template <typename... Args>
struct strip_error {
  using type = typename value_of<Args...>::type;
  static constexpr bool leading_error_code = false;
};
template <typename... Args>
struct strip_error<error_code, Args...> {
  using type = typename value_of<Args...>::type;
  static constexpr bool leading_error_code = true;
};
template <typename... Args>
struct strip_error<std::exception_ptr, Args...> {
  using type = typename value_of<Args...>::type;
  static constexpr bool leading_error_code = false;
};

template <typename Signature>
struct sig_info;
template <typename... Args>
struct sig_info<void(Args...)> {
  using value_type = typename strip_error<std::decay_t<Args>...>::type;
  using tuple_type = std::tuple<std::decay_t<Args>...>;
  static constexpr bool leading_error_code = strip_error<std::decay_t<Args>...>::leading_error_code;
};

// ---- Handler archetypes ----

// A plain copyable callback taking exactly the completion arguments.
template <typename Signature>
struct copyable_handler;
template <typename... Args>
struct copyable_handler<void(Args...)> {
  void operator()(Args...) const {}
};

// Move-only, and callable only as an rvalue (a handler is called once, moved from).
template <typename Signature>
class move_only_handler;
template <typename... Args>
class move_only_handler<void(Args...)> {
 public:
  move_only_handler() : state_(std::make_unique<int>(0)) {}
  move_only_handler(move_only_handler&&) noexcept = default;
  move_only_handler& operator=(move_only_handler&&) noexcept = default;
  move_only_handler(const move_only_handler&) = delete;
  move_only_handler& operator=(const move_only_handler&) = delete;

  void operator()(Args...) && { ++*state_; }

 private:
  std::unique_ptr<int> state_;
};

static_assert(!std::is_copy_constructible_v<move_only_handler<void(error_code)>>);
static_assert(std::is_invocable_v<move_only_handler<void(error_code)>&&, error_code>);
static_assert(!std::is_invocable_v<move_only_handler<void(error_code)>&, error_code>);

// ---- A user-defined completion token ----

// What an operation started with my_token returns: a value that names the completion
// signature the operation declared.
template <typename Signature>
struct recorded_launch {
  using signature = Signature;
  int* calls;
};

struct my_token {
  int* calls = nullptr;
};

// The handler my_token produces: move-only, rvalue-callable.
template <typename Signature>
class my_token_handler;
template <typename... Args>
class my_token_handler<void(Args...)> {
 public:
  explicit my_token_handler(int* calls) : calls_(calls), guard_(std::make_unique<int>(0)) {}
  void operator()(Args...) && { ++*calls_; }

 private:
  int* calls_;
  std::unique_ptr<int> guard_;
};

}  // namespace token_matrix_compiles_test

template <typename... Args>
class ringport::async_result<token_matrix_compiles_test::my_token, void(Args...)> {
 public:
  using return_type = token_matrix_compiles_test::recorded_launch<void(Args...)>;

  template <typename Initiation, typename RawToken, typename... InitArgs>
  static return_type initiate(Initiation&& initiation, RawToken&& token, InitArgs&&... args) {
    int* calls = token.calls;
    std::forward<Initiation>(initiation)(
        token_matrix_compiles_test::my_token_handler<void(Args...)>(calls),
        std::forward<InitArgs>(args)...);
    return return_type{calls};
  }
};

namespace token_matrix_compiles_test {

// ---- The objects operations are started on (never constructed: nothing runs) ----

struct match_anything {
  template <typename Iterator>
  std::pair<Iterator, bool> operator()(Iterator begin, Iterator) const {
    return {begin, true};
  }
};

using const_iterator = ringport::buffers_iterator<ringport::const_buffer>;
inline std::pair<const_iterator, bool> match_function(const_iterator begin, const_iterator) {
  return {begin, true};
}

struct accept_every_endpoint {
  template <typename Endpoint>
  bool operator()(const error_code&, const Endpoint&) const {
    return true;
  }
};

struct at_most_eight {
  std::size_t operator()(const error_code& ec, std::size_t n) const {
    return ec || n >= 8 ? 0 : 8 - n;
  }
};

using strand_type = ringport::strand<ringport::io_context::executor_type>;
using counting_alloc = ringport::test::counting_allocator<int>;

struct env {
  ringport::io_context ctx;
  tcp::socket stream{ctx};
  tcp::acceptor acceptor{ctx};
  tcp::endpoint tcp_ep;
  udp::socket datagram{ctx};
  udp::endpoint udp_ep;
  ringport::steady_timer steady{ctx};
  ringport::system_timer system{ctx};
  ringport::high_resolution_timer high_res{ctx};
  std::array<char, 16> bytes{};
  std::string text;
  std::vector<char> vec;
  ringport::streambuf sb;
  std::regex re{"x"};
  std::vector<tcp::endpoint> endpoints;
  strand_type strand{ctx.get_executor()};
  ringport::cancellation_signal signal;
  ringport::test::allocation_counts counts;
  tcp::resolver resolver{ctx};
  udp::resolver udp_resolver{ctx};
  tcp::resolver::results_type results;
  ringport::signal_set signals{ctx};
  ringport::readable_pipe pipe_in{ctx};
  ringport::writable_pipe pipe_out{ctx};
  ringport::stream_file stream_file{ctx};
  ringport::random_access_file random_file{ctx};
#if defined(__linux__)
  ringport::posix::stream_descriptor descriptor{ctx};
  ringport::local::stream_protocol::socket local_stream{ctx};
  ringport::local::stream_protocol::acceptor local_acceptor{ctx};
  ringport::local::stream_protocol::endpoint local_stream_ep;
  ringport::local::datagram_protocol::socket local_dgram{ctx};
  ringport::local::datagram_protocol::endpoint local_dgram_ep;
  ringport::local::seq_packet_protocol::socket seq{ctx};
  ringport::local::seq_packet_protocol::acceptor seq_acceptor{ctx};
  ringport::socket_base::message_flags out_flags = 0;
#endif
};

// A composed operation of the test's own, for async_compose.
struct two_step_impl {
  int step = 0;
  template <typename Self>
  void operator()(Self& self, error_code ec = {}) {
    if (step++ == 0) return ringport::post(std::move(self));
    self.complete(ec, step);
  }
};

}  // namespace token_matrix_compiles_test
