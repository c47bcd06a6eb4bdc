// A TCP connect that stays pending on loopback: the listener's accept queue (listen backlog
// 0, room for one) is filled by one connection nobody accepts, so the kernel drops the next
// SYNs and a further connect waits for retransmissions (a second or more) until cancelled.
#pragma once

#include "ringport/ip/address.hpp"
#include "ringport/ip/tcp.hpp"

namespace ringport::test {

struct stalled_listener {
  explicit stalled_listener(ringport::io_context& ctx) : acceptor(ctx), filler(ctx) {
    using ringport::ip::tcp;
    tcp::endpoint ep(ringport::ip::make_address("127.0.0.1"), 0);
    acceptor.open(ep.protocol());
    acceptor.bind(ep);
    acceptor.listen(0);
    filler.connect(acceptor.local_endpoint());
  }
  ringport::ip::tcp::endpoint endpoint() const { return acceptor.local_endpoint(); }

  ringport::ip::tcp::acceptor acceptor;
  ringport::ip::tcp::socket filler;  // fills the accept queue
};

}  // namespace ringport::test
