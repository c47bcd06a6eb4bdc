// Two TCP sockets connected over IPv4 loopback, synchronously: `client` connected to an
// ephemeral-port acceptor, `server` the accepted end. The acceptor stays open.
#pragma once

#include "ringport/io_context.hpp"
#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

namespace ringport::test {

struct tcp_pair {
  explicit tcp_pair(ringport::io_context& ctx)
      : acceptor(ctx, ringport::ip::tcp::endpoint(ringport::ip::make_address("127.0.0.1"), 0)),
        client(ctx),
        server(ctx) {
    client.connect(acceptor.local_endpoint());
    acceptor.accept(server);
  }
  ringport::ip::tcp::acceptor acceptor;
  ringport::ip::tcp::socket client, server;
};

}  // namespace ringport::test
