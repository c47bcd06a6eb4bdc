// The reference: a hand-written liburing echo loop, the practical limit of a completion
// design. One ring, one thread; accept, recv and send are submitted as SQEs and the loop
// makes one io_uring_submit_and_wait() per iteration (all new SQEs of the previous batch of
// completions go in with that one call), then reaps every CQE that is there.
// Each connection: recv into its 16 KiB buffer, send what came (resubmitting a short send),
// recv again. Ring flags: SUBMIT_ALL | COOP_TASKRUN (the flags ringport uses); with
// BENCH_URING_DEFER=1 also SINGLE_ISSUER | DEFER_TASKRUN. Falls back to no flags.
// Usage: bench_echo_uring [port]  (0 or none: ephemeral). Prints "listening on <port>".
#include <arpa/inet.h>
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace bench_uring {

enum kind : uintptr_t { op_accept = 0, op_recv = 1, op_send = 2 };

struct connection {
  int fd;
  unsigned len;   // bytes received, to send back
  unsigned sent;  // of them already sent
  char data[16384];
};

io_uring ring;
int listen_fd = -1;

io_uring_sqe* get_sqe() {
  io_uring_sqe* sqe = io_uring_get_sqe(&ring);
  while (sqe == nullptr) {  // ring full: flush what is queued and retry
    io_uring_submit(&ring);
    sqe = io_uring_get_sqe(&ring);
  }
  return sqe;
}

void* tag(connection* c, kind k) {
  return reinterpret_cast<void*>(reinterpret_cast<uintptr_t>(c) | k);
}

void submit_accept() {
  io_uring_sqe* sqe = get_sqe();
  io_uring_prep_accept(sqe, listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
  io_uring_sqe_set_data(sqe, tag(nullptr, op_accept));
}

void submit_recv(connection* c) {
  io_uring_sqe* sqe = get_sqe();
  io_uring_prep_recv(sqe, c->fd, c->data, sizeof c->data, 0);
  io_uring_sqe_set_data(sqe, tag(c, op_recv));
}

void submit_send(connection* c) {
  io_uring_sqe* sqe = get_sqe();
  io_uring_prep_send(sqe, c->fd, c->data + c->sent, c->len - c->sent, MSG_NOSIGNAL);
  io_uring_sqe_set_data(sqe, tag(c, op_send));
}

void drop(connection* c) {
  ::close(c->fd);
  delete c;
}

}  // namespace bench_uring

int main(int argc, char** argv) {
  using namespace bench_uring;
  std::signal(SIGPIPE, SIG_IGN);
  listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(argc > 1 ? std::atoi(argv[1]) : 0));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t alen = sizeof a;
  if (::bind(listen_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::listen(listen_fd, 4096) != 0 ||
      ::getsockname(listen_fd, reinterpret_cast<sockaddr*>(&a), &alen) != 0) {
    std::perror("bench_echo_uring: listen");
    return 1;
  }
  io_uring_params params{};
  params.flags = IORING_SETUP_SUBMIT_ALL | IORING_SETUP_COOP_TASKRUN;
  const char* defer = std::getenv("BENCH_URING_DEFER");
  if (defer != nullptr && *defer == '1')
    params.flags |= IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
  if (io_uring_queue_init_params(4096, &ring, &params) != 0) {
    params = io_uring_params{};
    int r = io_uring_queue_init_params(4096, &ring, &params);
    if (r != 0) {
      std::fprintf(stderr, "bench_echo_uring: io_uring_queue_init: %s\n", std::strerror(-r));
      return 1;
    }
  }
  std::printf("listening on %u\n", static_cast<unsigned>(ntohs(a.sin_port)));
  std::fflush(stdout);
  std::fprintf(stderr, "backend: liburing loop (ring flags 0x%x)\n", params.flags);

  submit_accept();
  for (;;) {
    int r = io_uring_submit_and_wait(&ring, 1);
    if (r < 0 && r != -EINTR) {
      std::fprintf(stderr, "bench_echo_uring: submit_and_wait: %s\n", std::strerror(-r));
      return 1;
    }
    io_uring_cqe* cqe;
    unsigned head, seen = 0;
    io_uring_for_each_cqe(&ring, head, cqe) {
      ++seen;
      auto v = reinterpret_cast<uintptr_t>(io_uring_cqe_get_data(cqe));
      auto* c = reinterpret_cast<connection*>(v & ~uintptr_t{3});
      int res = cqe->res;
      switch (static_cast<kind>(v & 3)) {
        case op_accept:
          if (res >= 0) {
            ::setsockopt(res, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            auto* n = new connection;
            n->fd = res;
            submit_recv(n);
          }
          submit_accept();
          break;
        case op_recv:
          if (res <= 0) {
            drop(c);
          } else {
            c->len = static_cast<unsigned>(res);
            c->sent = 0;
            submit_send(c);
          }
          break;
        case op_send:
          if (res < 0) {
            drop(c);
          } else {
            c->sent += static_cast<unsigned>(res);
            if (c->sent < c->len)
              submit_send(c);
            else
              submit_recv(c);
          }
          break;
      }
    }
    io_uring_cq_advance(&ring, seen);
  }
}
