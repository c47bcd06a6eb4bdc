// The reference: a hand-written liburing echo loop, the practical limit of a completion
// design. One ring, one thread; accept, recv and send are submitted as SQEs and the loop
// makes one io_uring_submit_and_wait() per iteration (all new SQEs of the previous batch of
// completions go in with that one call), then reaps every CQE that is there.
// Each connection: recv into its 16 KiB buffer, send what came (resubmitting a short send),
// recv again. Ring flags: SUBMIT_ALL | COOP_TASKRUN (the flags ringport uses). Falls back to
// no flags.
//
// BENCH_URING_FEATURES (comma-separated) switches on io_uring features one at a time, so the
// kit can measure what each is worth at the limit before ringport adopts it:
//   defer     SINGLE_ISSUER | DEFER_TASKRUN ring flags
//   regring   the ring's own fd registered (io_uring_register_ring_fd)
//   fixed     each connection's socket also in the ring's file table; recv/send by index
//   msaccept  one multishot accept instead of an accept per connection
//   msrecv    one multishot recv per connection into a provided-buffer ring, each buffer
//             copied into the connection's buffer and returned at once (what a library
//             that reads into the caller's buffer would do)
//   sendzc    zero-copy sends (IORING_OP_SEND_ZC, Linux 6.0) of BENCH_URING_ZC_MIN bytes or
//             more (default 0: every send); the next recv into the buffer waits for the
//             kernel's notification that it no longer reads it
// Two more variables, for experiments on what the loop's own costs are made of:
//   BENCH_URING_ENTRIES  submission queue entries (default 4096; the completion queue is twice)
//   BENCH_URING_TOUCH    writes one byte in each of N cache lines of a separate per-connection
//                        block at every completion (default 0), a stand-in for the state a
//                        library keeps per connection and per operation
// Usage: bench_echo_uring [port]  (0 or none: ephemeral). Prints "listening on <port>".
#include <arpa/inet.h>
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace bench_uring {

enum kind : uintptr_t { op_accept = 0, op_recv = 1, op_send = 2 };

struct connection {
  int fd;
  int slot = -1;  // index in the file table ("fixed")
  unsigned len;   // bytes received, to send back
  unsigned sent;  // of them already sent
  bool sending = false;
  bool recv_armed = false;  // "msrecv": the multishot recv has not ended yet
  bool failed = false;      // "msrecv": a send failed; close once the recv has ended
  unsigned zc_notif = 0;    // "sendzc": notifications due (the kernel may still read data)
  bool closing = false;     // "sendzc": drop() waits for the notification
  // "msrecv": data that arrived while a send was in flight, and the data of that send.
  std::string more, inflight;
  char data[16384];
  char* extra = nullptr;  // BENCH_URING_TOUCH
};

io_uring ring;
int listen_fd = -1;
bool use_fixed = false, use_msaccept = false, use_msrecv = false, use_sendzc = false;
unsigned zc_min = 0;
unsigned touch_lines = 0;

// "fixed": free slots of the file table.
constexpr unsigned table_size = 8192;
std::vector<int> free_slots;

// "msrecv": the provided-buffer ring.
constexpr unsigned buf_count = 1024;
constexpr unsigned buf_size = 16384;
constexpr int buf_group = 1;
io_uring_buf_ring* buf_ring = nullptr;
char* buf_memory = nullptr;

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

void target(io_uring_sqe* sqe, connection* c) {
  if (c->slot >= 0) {
    sqe->fd = c->slot;
    sqe->flags |= IOSQE_FIXED_FILE;
  }
}

void submit_accept() {
  io_uring_sqe* sqe = get_sqe();
  if (use_msaccept)
    io_uring_prep_multishot_accept(sqe, listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
  else
    io_uring_prep_accept(sqe, listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
  io_uring_sqe_set_data(sqe, tag(nullptr, op_accept));
}

void submit_recv(connection* c) {
  io_uring_sqe* sqe = get_sqe();
  if (use_msrecv) {
    io_uring_prep_recv_multishot(sqe, c->fd, nullptr, 0, 0);
    sqe->flags |= IOSQE_BUFFER_SELECT;
    sqe->buf_group = buf_group;
    c->recv_armed = true;
  } else {
    io_uring_prep_recv(sqe, c->fd, c->data, sizeof c->data, 0);
  }
  target(sqe, c);
  io_uring_sqe_set_data(sqe, tag(c, op_recv));
}

void submit_send(connection* c) {
  io_uring_sqe* sqe = get_sqe();
  const char* p = c->inflight.empty() ? c->data : c->inflight.data();
  if (use_sendzc && c->len - c->sent >= zc_min)
    io_uring_prep_send_zc(sqe, c->fd, p + c->sent, c->len - c->sent, MSG_NOSIGNAL, 0);
  else
    io_uring_prep_send(sqe, c->fd, p + c->sent, c->len - c->sent, MSG_NOSIGNAL);
  target(sqe, c);
  io_uring_sqe_set_data(sqe, tag(c, op_send));
  c->sending = true;
}

void drop(connection* c) {
  // "msrecv": the multishot recv or a send may still complete; close once both have ended.
  if (c->zc_notif > 0) c->closing = true;
  if (c->recv_armed || c->sending || c->zc_notif > 0) return;
  if (c->slot >= 0) {
    int minus_one = -1;
    io_uring_register_files_update(&ring, static_cast<unsigned>(c->slot), &minus_one, 1);
    free_slots.push_back(c->slot);
  }
  ::close(c->fd);
  std::free(c->extra);
  delete c;
}

// "msrecv": the data of one buffer goes out with the next send.
void received(connection* c, const char* p, unsigned n) {
  if (c->sending) {
    c->more.append(p, n);
    return;
  }
  std::memcpy(c->data, p, n);
  c->len = n;
  c->sent = 0;
  submit_send(c);
}

void setup_buffers() {
  size_t ring_bytes = buf_count * sizeof(io_uring_buf);
  void* r = mmap(nullptr, ring_bytes, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
  buf_memory = static_cast<char*>(std::malloc(size_t{buf_count} * buf_size));
  if (r == MAP_FAILED || buf_memory == nullptr) {
    std::fprintf(stderr, "bench_echo_uring: no memory for the buffer ring\n");
    std::exit(1);
  }
  buf_ring = static_cast<io_uring_buf_ring*>(r);
  io_uring_buf_ring_init(buf_ring);
  io_uring_buf_reg reg{};
  reg.ring_addr = reinterpret_cast<uintptr_t>(r);
  reg.ring_entries = buf_count;
  reg.bgid = buf_group;
  int e = io_uring_register_buf_ring(&ring, &reg, 0);
  if (e != 0) {
    std::fprintf(stderr, "bench_echo_uring: io_uring_register_buf_ring: %s\n", std::strerror(-e));
    std::exit(1);
  }
  for (unsigned i = 0; i < buf_count; ++i)
    io_uring_buf_ring_add(buf_ring, buf_memory + size_t{i} * buf_size, buf_size,
                          static_cast<unsigned short>(i), io_uring_buf_ring_mask(buf_count),
                          static_cast<int>(i));
  io_uring_buf_ring_advance(buf_ring, buf_count);
}

void give_back(unsigned short bid) {
  io_uring_buf_ring_add(buf_ring, buf_memory + size_t{bid} * buf_size, buf_size, bid,
                        io_uring_buf_ring_mask(buf_count), 0);
  io_uring_buf_ring_advance(buf_ring, 1);
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
  std::string features;
  if (const char* f = std::getenv("BENCH_URING_FEATURES")) features = std::string(",") + f + ",";
  auto has = [&](const char* name) {
    return features.find(std::string(",") + name + ",") != std::string::npos;
  };
  use_fixed = has("fixed");
  use_sendzc = has("sendzc");
  if (const char* z = std::getenv("BENCH_URING_ZC_MIN"))
    zc_min = static_cast<unsigned>(std::atoi(z));
  if (const char* t = std::getenv("BENCH_URING_TOUCH"))
    touch_lines = static_cast<unsigned>(std::atoi(t));
  unsigned entries = 4096;
  if (const char* e = std::getenv("BENCH_URING_ENTRIES"))
    entries = static_cast<unsigned>(std::atoi(e));
  use_msaccept = has("msaccept");
  use_msrecv = has("msrecv");
  io_uring_params params{};
  params.flags = IORING_SETUP_SUBMIT_ALL | IORING_SETUP_COOP_TASKRUN;
  if (has("defer")) params.flags |= IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
  if (io_uring_queue_init_params(entries, &ring, &params) != 0) {
    params = io_uring_params{};
    int r = io_uring_queue_init_params(entries, &ring, &params);
    if (r != 0) {
      std::fprintf(stderr, "bench_echo_uring: io_uring_queue_init: %s\n", std::strerror(-r));
      return 1;
    }
  }
  if (has("regring") && io_uring_register_ring_fd(&ring) != 1) {
    std::fprintf(stderr, "bench_echo_uring: io_uring_register_ring_fd failed\n");
    return 1;
  }
  if (use_fixed) {
    int e = io_uring_register_files_sparse(&ring, table_size);
    if (e != 0) {
      std::fprintf(stderr, "bench_echo_uring: register_files_sparse: %s\n", std::strerror(-e));
      return 1;
    }
    for (unsigned i = table_size; i > 0; --i)
      free_slots.push_back(static_cast<int>(i - 1));
  }
  if (use_msrecv) setup_buffers();
  std::printf("listening on %u\n", static_cast<unsigned>(ntohs(a.sin_port)));
  std::fflush(stdout);
  std::fprintf(stderr, "backend: liburing loop (ring flags 0x%x%s%s)\n", params.flags,
               features.empty() ? "" : ", features ", features.c_str());

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
      bool more = (cqe->flags & IORING_CQE_F_MORE) != 0;
      // Tested on the global first: without the knob the loop reads nothing more per
      // completion (c->extra lies past the 16 KiB buffer, on a line of its own).
      if (touch_lines > 0 && c != nullptr)
        for (unsigned i = 0; i < touch_lines; ++i)
          ++c->extra[size_t{i} * 64];
      switch (static_cast<kind>(v & 3)) {
        case op_accept:
          if (res >= 0) {
            ::setsockopt(res, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            auto* n = new connection;
            n->fd = res;
            if (touch_lines > 0) n->extra = static_cast<char*>(std::calloc(touch_lines, 64));
            if (use_fixed && !free_slots.empty()) {
              n->slot = free_slots.back();
              free_slots.pop_back();
              io_uring_register_files_update(&ring, static_cast<unsigned>(n->slot), &n->fd, 1);
            }
            submit_recv(n);
          }
          if (!use_msaccept || !more) submit_accept();
          break;
        case op_recv:
          if (use_msrecv) {
            if (res > 0) {
              auto bid = static_cast<unsigned short>(cqe->flags >> IORING_CQE_BUFFER_SHIFT);
              if (!c->failed)
                received(c, buf_memory + size_t{bid} * buf_size, static_cast<unsigned>(res));
              give_back(bid);
            }
            if (!more) {
              c->recv_armed = false;
              // Ended with data or for want of buffers: arm again; else the connection ended.
              if ((res > 0 || res == -ENOBUFS) && !c->failed)
                submit_recv(c);
              else
                drop(c);
            }
          } else if (res <= 0) {
            drop(c);
          } else {
            c->len = static_cast<unsigned>(res);
            c->sent = 0;
            submit_send(c);
          }
          break;
        case op_send:
          if (cqe->flags & IORING_CQE_F_NOTIF) {  // "sendzc": the buffer is free again
            --c->zc_notif;
            if (c->zc_notif > 0) break;
            if (c->closing)
              drop(c);
            else if (!c->sending && c->sent >= c->len)
              submit_recv(c);
            break;
          }
          c->sending = false;
          if (more) ++c->zc_notif;  // a notification follows
          if (res < 0 || c->failed) {
            if (use_msrecv && !c->failed) {
              c->failed = true;
              ::shutdown(c->fd, SHUT_RDWR);  // ends the multishot recv
            }
            drop(c);
          } else {
            c->sent += static_cast<unsigned>(res);
            if (c->sent < c->len) {
              submit_send(c);
            } else if (use_msrecv) {
              c->inflight.clear();
              if (!c->more.empty()) {
                c->inflight.swap(c->more);
                c->len = static_cast<unsigned>(c->inflight.size());
                c->sent = 0;
                submit_send(c);
              }
            } else if (c->zc_notif == 0) {
              submit_recv(c);
            }
          }
          break;
      }
    }
    io_uring_cq_advance(&ring, seen);
  }
}
