// An acceptor on one backend hands descriptors to sockets on another (io_uring wants them
// blocking, epoll non-blocking). Accepted descriptors arrive in the mode the acceptor's
// backend made them, without the fcntl calls that would find out; this checks that the
// peer still works on its own context, sync and async, and that native_non_blocking()
// reports the descriptor's real flag, for every pair of backends and every accept form.
// Linux only: Windows has one backend (IOCP).

#include <gtest/gtest.h>

#include "backend_test.hpp"

#include "ringport/buffer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/read.hpp"
#include "ringport/write.hpp"

#include <fcntl.h>

#include <array>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

namespace acceptor_accept_across_backends_test {

using ringport::backend_kind;
using ringport::ip::tcp;

enum class accept_form { sync, async_into, async_move };

struct combo {
  backend_kind acceptor_backend;
  backend_kind peer_backend;
  accept_form form;
};

std::string combo_name(const ::testing::TestParamInfo<combo>& info) {
  auto name = [](backend_kind k) { return k == backend_kind::io_uring ? "io_uring" : "epoll"; };
  const char* forms[] = {"sync", "async_into", "async_move"};
  return std::string(name(info.param.acceptor_backend)) + "_to_" + name(info.param.peer_backend) +
         "_" + forms[static_cast<int>(info.param.form)];
}

bool fd_non_blocking(int fd) {
  int fl = ::fcntl(fd, F_GETFL);
  return fl >= 0 && (fl & O_NONBLOCK) != 0;
}

class AcceptorAcceptAcrossBackends : public ::testing::TestWithParam<combo> {};

TEST_P(AcceptorAcceptAcrossBackends, PeerWorksOnItsOwnBackend) {
  for (backend_kind k : {GetParam().acceptor_backend, GetParam().peer_backend}) {
    std::string why = ringport::test::unavailable_reason(k);
    if (!why.empty()) GTEST_SKIP() << why;
  }
  ringport::io_context accept_ctx(GetParam().acceptor_backend);
  ringport::io_context peer_ctx(GetParam().peer_backend);
  tcp::acceptor acceptor(accept_ctx, tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0));
  tcp::socket client(accept_ctx);
  client.connect(acceptor.local_endpoint());

  std::optional<tcp::socket> peer;
  std::error_code accept_ec = ringport::error::would_block;
  switch (GetParam().form) {
    case accept_form::sync:
      peer.emplace(peer_ctx);
      acceptor.accept(*peer, accept_ec);
      break;
    case accept_form::async_into:
      peer.emplace(peer_ctx);
      acceptor.async_accept(*peer, [&](std::error_code ec) { accept_ec = ec; });
      accept_ctx.run();
      break;
    case accept_form::async_move:
      acceptor.async_accept(peer_ctx, [&](std::error_code ec, tcp::socket s) {
        accept_ec = ec;
        peer.emplace(std::move(s));
      });
      accept_ctx.run();
      break;
  }
  ASSERT_FALSE(accept_ec) << accept_ec.message();
  ASSERT_TRUE(peer && peer->is_open());
  EXPECT_EQ(peer->native_non_blocking(), fd_non_blocking(peer->native_handle()));

  // Sync on the peer's side first (works whatever the descriptor's mode)...
  ringport::write(client, ringport::buffer(std::string("ping")));
  std::array<char, 4> got{};
  ringport::read(*peer, ringport::buffer(got));
  EXPECT_EQ(std::string(got.data(), got.size()), "ping");

  // ...then async on the peer's own context, which must wait rather than fail at once.
  std::error_code read_ec = ringport::error::would_block;
  std::size_t read_n = 0;
  got = {};
  ringport::async_read(*peer, ringport::buffer(got), [&](std::error_code ec, std::size_t n) {
    read_ec = ec;
    read_n = n;
  });
  peer_ctx.poll();
  EXPECT_EQ(read_ec, ringport::error::would_block) << "the read finished before any data";
  ringport::write(client, ringport::buffer(std::string("pong")));
  peer_ctx.run_for(std::chrono::seconds(10));
  EXPECT_FALSE(read_ec) << read_ec.message();
  EXPECT_EQ(read_n, 4u);
  EXPECT_EQ(std::string(got.data(), got.size()), "pong");
  EXPECT_EQ(peer->native_non_blocking(), fd_non_blocking(peer->native_handle()));

  std::error_code write_ec = ringport::error::would_block;
  ringport::async_write(*peer, ringport::buffer(std::string("back")),
                        [&](std::error_code ec, std::size_t) { write_ec = ec; });
  peer_ctx.restart();
  peer_ctx.run_for(std::chrono::seconds(10));
  EXPECT_FALSE(write_ec) << write_ec.message();
  ringport::read(client, ringport::buffer(got));
  EXPECT_EQ(std::string(got.data(), got.size()), "back");
}

constexpr backend_kind u = backend_kind::io_uring, e = backend_kind::epoll;

INSTANTIATE_TEST_SUITE_P(
    , AcceptorAcceptAcrossBackends,
    ::testing::Values(combo{u, u, accept_form::sync}, combo{u, e, accept_form::sync},
                      combo{e, u, accept_form::sync}, combo{e, e, accept_form::sync},
                      combo{u, u, accept_form::async_into}, combo{u, e, accept_form::async_into},
                      combo{e, u, accept_form::async_into}, combo{e, e, accept_form::async_into},
                      combo{u, u, accept_form::async_move}, combo{u, e, accept_form::async_move},
                      combo{e, u, accept_form::async_move}, combo{e, e, accept_form::async_move}),
    combo_name);

}  // namespace acceptor_accept_across_backends_test
