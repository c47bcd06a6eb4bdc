// Seeded faults with two threads running the context: four TCP echoes (each connection's
// handlers on its own strand) under short transfers and late completions. Every byte comes
// back in order, both sides end with eof, and run() returns on both threads.

#include "backend_test.hpp"
#include "tcp_pair.hpp"

#include "common/fault_plan.hpp"
#include "ringport/bind_executor.hpp"
#include "ringport/buffer.hpp"
#include "ringport/io_context.hpp"
#include "ringport/ip/tcp.hpp"
#include "ringport/post.hpp"
#include "ringport/strand.hpp"
#include "ringport/write.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace win_fault_echo_threads_test {

using WinFaultEchoThreads = ringport::test::backend_test;
using ringport::error_code;
using ringport::ip::tcp;
namespace fault = ringport::detail::fault;

struct echo {
  echo(ringport::io_context& ctx, std::size_t size, int salt)
      : strand(ringport::make_strand(ctx)), pair(ctx) {
    for (std::size_t i = 0; i < size; ++i)
      message.push_back(static_cast<char>('a' + (i * 7 + static_cast<std::size_t>(salt)) % 26));
  }

  void start() {
    ringport::post(strand, [this] {
      server_read();
      client_write();
      client_read();
    });
  }
  // The server writes back whatever it reads, until eof, then shuts its sending side.
  void server_read() {
    pair.server.async_read_some(
        ringport::buffer(server_buf),
        ringport::bind_executor(strand, [this](error_code ec, std::size_t n) {
          if (ec) {
            server_end = ec;
            pair.server.shutdown(tcp::socket::shutdown_send);
            return;
          }
          pending.assign(server_buf, n);
          ringport::async_write(pair.server, ringport::buffer(pending),
                                ringport::bind_executor(strand, [this](error_code ec, std::size_t) {
                                  if (ec) {
                                    server_end = ec;
                                    return;
                                  }
                                  server_read();
                                }));
        }));
  }
  void client_write() {
    ringport::async_write(pair.client, ringport::buffer(message),
                          ringport::bind_executor(strand, [this](error_code ec, std::size_t n) {
                            write_ec = ec;
                            written = n;
                            pair.client.shutdown(tcp::socket::shutdown_send);
                          }));
  }
  void client_read() {
    pair.client.async_read_some(
        ringport::buffer(client_buf),
        ringport::bind_executor(strand, [this](error_code ec, std::size_t n) {
          if (ec) {
            client_end = ec;
            return;
          }
          received.append(client_buf, n);
          client_read();
        }));
  }

  ringport::strand<ringport::io_context::executor_type> strand;
  ringport::test::tcp_pair pair;
  std::string message;
  char server_buf[3000];
  std::string pending;
  char client_buf[1500];
  std::string received;
  std::size_t written = 0;
  error_code write_ec, server_end, client_end;
};

TEST_P(WinFaultEchoThreads, EchoesUnderShortTransfersAndLateCompletions) {
  std::vector<std::unique_ptr<echo>> echoes;
  for (int i = 0; i < 4; ++i)
    echoes.push_back(std::make_unique<echo>(ctx(), 40000 + 1000 * static_cast<std::size_t>(i), i));
  fault::plan p;
  p.seed = 41;
  p.per_mille[static_cast<unsigned>(fault::kind::short_transfer)] = 300;
  p.per_mille[static_cast<unsigned>(fault::kind::late_completion)] = 300;
  {
    fault::scoped_plan armed(p);
    for (auto& e : echoes)
      e->start();
    std::thread other([this] { ctx().run(); });
    ctx().run();
    other.join();
    EXPECT_GT(fault::injected(fault::kind::short_transfer), 0u);
    EXPECT_GT(fault::injected(fault::kind::late_completion), 0u);
  }
  for (auto& e : echoes) {
    EXPECT_FALSE(e->write_ec) << e->write_ec.message();
    EXPECT_EQ(e->written, e->message.size());
    EXPECT_TRUE(e->server_end == ringport::error::eof) << e->server_end.message();
    EXPECT_TRUE(e->client_end == ringport::error::eof) << e->client_end.message();
    EXPECT_EQ(e->received.size(), e->message.size());
    EXPECT_TRUE(e->received == e->message);
  }
}

RINGPORT_INSTANTIATE_BACKENDS(WinFaultEchoThreads);

}  // namespace win_fault_echo_threads_test
